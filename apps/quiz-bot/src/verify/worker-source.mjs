// Worker entry when the bot runs from its TypeScript sources (tests, `tsx`): registers tsx in this
// thread, then loads the real worker. The built bot uses dist/worker.js and never loads this file.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
export const drawSegmentationComparison = worker.drawSegmentationComparison;
