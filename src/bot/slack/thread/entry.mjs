// Entry point of the Slack work thread. Sparring's TypeScript runs through tsx; a worker thread
// does not inherit the main thread's module loader, so it registers tsx before loading worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
