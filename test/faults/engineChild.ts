// The live engine as a process of its own, for test/faults/engineKill.test.ts: a folder camera
// replaying sample photographs as fast as the engine takes them, sightings appended to the
// store's outbox in a PGlite folder (the in-store database), the sequence resumed from the
// store's highest seq at start. Prints "seq <highest>" after every append, so that the test
// knows how far it got before it kills the process with SIGKILL.

import { systemClock } from '../../engine/adapters/systemClock.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { openEventStore } from '../../engine/store/index.ts';
import { Vision } from '../../engine/vision/index.ts';
import { liveStore, PRIVACY } from '../live/fixtures.ts';

const [dir, frames] = process.argv.slice(2) as [string, string];
const events = await openEventStore({ dir, env: {} });
const vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
const highest = await events.highestSeq('live-shop');
const engine = new LiveEngine({
  store: liveStore(),
  privacy: PRIVACY,
  vision,
  cameras: [{ id: 'cam-folder', source: { kind: 'folder', dir: frames, loop: true } }],
  tracker: { maxMissed: 0 },
  sink: async (batch) => {
    await events.outbox.append(batch);
    process.stdout.write(`seq ${batch.at(-1)?.seq}\n`);
  },
  clock: systemClock,
  healthEveryS: 0,
  firstSeq: highest === null ? 0 : highest + 1,
});
process.stdout.write(`start ${highest === null ? 0 : highest + 1}\n`);
engine.start();
process.once('SIGTERM', async () => {
  await engine.stop();
  await events.close();
  process.exit(0);
});
