import type { RigResult } from '../faults/faultRig.ts';
import { metricSum } from '../faults/faultRig.ts';
import { diskFull, natsOutage, postgresRestart } from '../faults/faults.ts';
import { privatePostgresSkip } from '../faults/privatePostgres.ts';
import { natsServerSkip } from '../services.ts';
import type { SoakStage, StagePart } from './soakReport.ts';

// The fault stages of `npm run soak`: the faults of test/faults at full length. Outages in ms can
// be set with VARV_SOAK_NATS_MS, VARV_SOAK_PG_MS and VARV_SOAK_DISK_MS.

const ms = (name: string, full: number, quick: boolean) => Number(process.env[name] ?? (quick ? 2000 : full));

/** Survived: nothing lost, duplicated or unexpected, and the fault showed in /metrics. */
function part(r: RigResult, visible: boolean, extra: Record<string, unknown> = {}): StagePart {
  const survived = r.lost === 0 && r.duplicated === 0 && r.unexpected === 0 && visible;
  return {
    faultsInjected: 1,
    faultsSurvived: survived ? 1 : 0,
    eventsAccepted: r.accepted,
    eventsLost: r.lost,
    eventsDuplicated: r.duplicated + r.unexpected,
    detail: {
      outageMs: r.outageMs,
      visibleInMetrics: visible,
      refusedAppends: r.refusedAppends,
      uplinkHealth: r.uplinkHealth,
      pumpErrors: r.pumpErrors.length,
      ingestErrors: r.ingestErrors.length,
      firstErrors: [...new Set([...r.pumpErrors, ...r.ingestErrors, ...r.appendErrors])].slice(0, 3),
      ...extra,
    },
  };
}

/** A stage that needs a service the machine may not have: skipped with the reason when it does not. */
function needs(skip: () => string | null, stage: SoakStage): SoakStage {
  return {
    name: stage.name,
    run: async (o) => {
      const why = skip();
      if (why) throw Object.assign(new Error(why), { skipped: true });
      return stage.run(o);
    },
  };
}

export const faultStages: SoakStage[] = [
  needs(natsServerSkip, {
    name: 'nats-outage',
    run: async ({ quick }) => {
      const r = await natsOutage({ outageMs: ms('VARV_SOAK_NATS_MS', 120_000, quick), rate: 1000 });
      const visible =
        metricSum(r.metricsDuring, 'varv_uplink_failures_total', ['stage="send"']) > 0 &&
        metricSum(r.metricsDuring, 'varv_outbox_pending') > 0;
      return part(r, visible);
    },
  }),
  needs(() => natsServerSkip() ?? privatePostgresSkip(), {
    name: 'postgres-restart',
    run: async ({ quick }) => {
      const r = await postgresRestart({ outageMs: ms('VARV_SOAK_PG_MS', 15_000, quick), rate: 1000 });
      const visible = metricSum(r.metrics, 'varv_db_errors_total') > 0;
      return part(r, visible);
    },
  }),
  needs(natsServerSkip, {
    name: 'disk-full',
    run: async ({ quick }) => {
      const r = await diskFull({ outageMs: ms('VARV_SOAK_DISK_MS', 30_000, quick), rate: 1000 });
      const visible = metricSum(r.metricsDuring, 'varv_db_errors_total', ['code="53100"']) > 0;
      return part(r, visible, { disk: r.disk, ...(r.why ? { why: r.why } : {}) });
    },
  }),
];
