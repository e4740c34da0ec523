import { Worker } from 'node:worker_threads';

/** Starts a worker thread running a TypeScript module (through tsx), with `data` as its input. */
export function startTsWorker(module: URL, data: unknown): Worker {
  return new Worker(new URL('./tsWorker.js', import.meta.url), {
    workerData: { module: module.href, data },
  });
}
