import { createVitestProject } from '../../vitest.shared';

export default createVitestProject('quiz-bot', { testTimeoutMs: 60_000 });
