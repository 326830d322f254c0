// Store writer entry when the bot runs from its TypeScript sources (tests, `tsx`): registers tsx
// in this thread, then loads the real worker. The built bot uses dist/store-writer-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./writer-worker.ts');
