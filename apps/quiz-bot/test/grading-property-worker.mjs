// Entry of the never-crash property's worker thread (test/property-watchdog.ts): registers tsx in
// this thread, then loads the TypeScript worker module, as src/grading-worker-source.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./grading-property-worker.ts');
