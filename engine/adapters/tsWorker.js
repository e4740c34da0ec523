// Bootstrap for worker threads that run TypeScript modules: registers tsx in the worker, then
// imports the module named in workerData.module (a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
