// Entry point of the Slack work thread when it runs from the TypeScript sources (tests); compiled (dist/),
// host.ts starts worker.js directly. A worker thread does not inherit the main thread's module loader,
// so this registers tsx before loading worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
