import { parentPort } from 'node:worker_threads';
import { JobCache, runJob, type WhatIfJob } from './runJob.ts';

// A worker thread of the ThreadRunner: runs each job it is sent and posts the result back,
// keeping its own cache of scenarios and store worlds between jobs.
const port = parentPort;
if (!port) throw new Error('runWorker runs in a worker thread');
const cache = new JobCache();
port.on('message', (job: WhatIfJob) => {
  port.postMessage(runJob(job, cache));
});
