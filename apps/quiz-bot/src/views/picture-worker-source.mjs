// Picture worker entry when the bot runs from its TypeScript sources (tests, `tsx`): registers tsx
// in this thread, then loads the real worker. The built bot uses dist/picture-worker.js.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./picture-worker.ts');
export default worker.default;
