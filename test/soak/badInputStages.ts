import fc from 'fast-check';
import { checkIntake, insertAnything, intakeRig, messagesArb } from '../fuzz/ingestFuzz.ts';
import { fileProperty, layoutProperties } from '../fuzz/layoutFuzz.ts';
import { memoryStore, natsServerSkip } from '../services.ts';
import { health, sighting } from '../store/fixtures.ts';
import { NatsServer } from '../uplink/natsServer.ts';
import type { SoakStage } from './soakReport.ts';

// The bad-input stages of `npm run soak`: the properties of test/fuzz with many more runs. Every
// generated input counts as tried; a property that fails counts its counterexample as failed.

const runs = (full: number, quick: boolean) =>
  Number(process.env.VARV_SOAK_FUZZ_RUNS ?? (quick ? full / 20 : full));

/** fc.check with a count: how many inputs were tried and, if it failed, what broke. */
async function tally(property: fc.IProperty<never> | fc.IAsyncProperty<never>, numRuns: number) {
  const d = await fc.check(property as fc.IAsyncProperty<never>, { numRuns, endOnFailure: true });
  return {
    tried: d.numRuns,
    failed: d.failed ? 1 : 0,
    error: d.failed ? String(d.errorInstance) : undefined,
  };
}

export const badInputStages: SoakStage[] = [
  {
    name: 'bad-layouts',
    run: async ({ quick }) => {
      const n = runs(2000, quick);
      let tried = 0;
      let failed = 0;
      const errors: string[] = [];
      for (const { name, property } of [
        ...layoutProperties(),
        { name: 'random bytes as a file', property: fileProperty() },
      ]) {
        const r = await tally(property, n);
        tried += r.tried;
        failed += r.failed;
        if (r.error) errors.push(`${name}: ${r.error.slice(0, 500)}`);
      }
      return { badInputsTried: tried, badInputsFailed: failed, detail: { runsPerProperty: n, errors } };
    },
  },
  {
    name: 'bad-inserts',
    run: async ({ quick }) => {
      const cloud = await memoryStore();
      try {
        const valid = fc.nat(500).map((seq) => sighting('soak-insert', seq) as unknown);
        const broken = fc.oneof(
          fc.jsonValue(),
          fc
            .tuple(fc.nat(500), fc.string(), fc.jsonValue())
            .map(([seq, k, v]) => ({ ...sighting('soak-insert', seq), [k]: v })),
          fc.nat(500).map((seq) => health('soak-insert', seq, undefined, 'nul\u0000here')),
        );
        const r = await tally(
          fc.asyncProperty(fc.array(fc.oneof(valid, broken), { maxLength: 12 }), async (batch) => {
            await insertAnything(cloud, 'soak-insert', batch);
          }) as never,
          runs(1000, quick),
        );
        return {
          badInputsTried: r.tried,
          badInputsFailed: r.failed,
          detail: r.error ? { error: r.error } : {},
        };
      } finally {
        await cloud.close();
      }
    },
  },
  {
    name: 'bad-intake',
    run: async ({ quick }) => {
      const why = natsServerSkip();
      if (why) throw Object.assign(new Error(why), { skipped: true });
      const [server, cloud] = await Promise.all([NatsServer.start(), memoryStore()]);
      const names: string[] = [];
      const rig = await intakeRig(server.url, cloud, 'varv.events', () => names);
      const totals = { messages: 0, invalid: 0, subject: 0, store: 0, stored: 0 };
      try {
        const r = await tally(
          fc.asyncProperty(messagesArb('varv.events'), async (make) => {
            const run = `s${names.length}`;
            names.push(run);
            const out = await checkIntake({ js: rig.js, cloud, watch: rig.watch, run }, make(run));
            totals.messages += out.messages;
            totals.invalid += out.rejected.invalid;
            totals.subject += out.rejected.subject;
            totals.store += out.rejected.store;
            totals.stored += out.stored;
          }) as never,
          runs(60, quick),
        );
        return {
          badInputsTried: totals.messages,
          badInputsFailed: r.failed,
          detail: { batches: r.tried, ...totals, ...(r.error ? { error: r.error } : {}) },
        };
      } finally {
        await rig.close();
        await Promise.all([cloud.close(), server.dispose()]);
      }
    },
  },
];
