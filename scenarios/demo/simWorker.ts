import { parentPort, workerData } from 'node:worker_threads';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { runStoreDays } from '../sim/index.ts';

/** One simulated second of the floor: ids and positions (x, y interleaved), on the store clock. */
export type FloorFrame = { t: number; ids: Int32Array; xy: Float32Array };
/** What the worker posts: the next stretch of events and floor frames, in time order. */
export type SimBatch =
  /** `horizon`: everything up to this moment (store clock) is in this batch or an earlier one. */
  | { type: 'batch'; events: (SightingV1 | CountV1)[]; frames: FloorFrame[]; horizon: number }
  | { type: 'done' };

// Runs a store-day scenario in a worker thread and posts it in batches of one simulated minute,
// so that a paced replay (the demo) can start before the day is done.
const { scenario, seed } = (workerData as { data: { scenario: string; seed?: number } }).data;
const port = parentPort;
if (!port) throw new Error('simWorker runs in a worker thread');
let events: (SightingV1 | CountV1)[] = [];
let frames: FloorFrame[] = [];
let frame: { t: number; ids: number[]; xy: number[] } | null = null;
const closeFrame = () => {
  if (!frame) return;
  frames.push({ t: frame.t, ids: Int32Array.from(frame.ids), xy: Float32Array.from(frame.xy) });
  frame = null;
  if (frames.length >= 60) flush();
};
let horizon = Number.NEGATIVE_INFINITY;
const flush = () => {
  port.postMessage({ type: 'batch', events, frames, horizon } satisfies SimBatch);
  events = [];
  frames = [];
};
runStoreDays(
  loadScenarioFile(scenario),
  {
    event: (e) => events.push(e),
    position: (id, _frame, x, y, t) => {
      // A new second has begun: everything before it has been emitted.
      if (frame && frame.t !== t) {
        horizon = t - 1;
        closeFrame();
      }
      if (!frame) frame = { t, ids: [], xy: [] };
      frame.ids.push(id);
      frame.xy.push(x, y);
    },
  },
  seed === undefined ? {} : { seed },
);
closeFrame();
flush();
port.postMessage({ type: 'done' } satisfies SimBatch);
