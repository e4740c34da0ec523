import { createHash } from 'node:crypto';
import { analyse, type StaffingPlan } from '../../engine/analytics/index.ts';
import { VarvError } from '../../engine/errors.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { type ResolvedScenario, validateScenario } from '../../engine/layout/index.ts';
import { groupOccupancy } from '../../engine/privacy/risk/index.ts';
import { releaseRecorder } from '../privacy/index.ts';
import { scenarioSettings, truthKpis } from '../score/index.ts';
import { runStoreDays, StoreWorld, simulationAssigner, type TruthRecord } from '../sim/index.ts';
import { kpiValues } from './kpiCatalog.ts';

/**
 * One run of a what-if: arm `variant` (0 is the baseline) on `seed`. The scenario is
 * self-contained JSON (its store inline and already patched), so that a worker on another
 * machine needs nothing but the message.
 */
export type WhatIfJob = { variant: number; seed: number; scenario: Record<string, unknown> };

/** Facts about a run beside its KPIs. */
export type RunFacts = { visits: number; remaining: number; stuck: number; sightings: number };

/** What a run gives back: its KPI values, or the error that stopped it. */
export type RunResult = {
  variant: number;
  seed: number;
  values: Record<string, number | null>;
  run: RunFacts | null;
  /** The analytics' staffing plan per day interval (with the mean people in view per zone): for the twin. */
  staffing?: StaffingPlan[];
  error?: { code: string; message: string };
};

/** Bootstrap replicates of the analytics: only point estimates are used, so few are needed. */
const REPLICATES = 20;
/** Scenarios and store worlds kept per cache (a what-if has a few arms). */
const KEEP = 8;

/**
 * What a thread or process keeps between runs: each scenario validated once, each layout's world
 * (navigation fields) built once, and the group assigner of each seed calibrated once for all the
 * arms that share its store id and privacy settings. None of it changes a result, only the time.
 */
export class JobCache {
  private readonly entries = new Map<string, { scenario: ResolvedScenario; world: StoreWorld }>();
  private readonly assigners = new Map<string, ReturnType<typeof simulationAssigner>>();

  /** The calibrated group assigner of a scenario's store id and privacy settings on `seed`. */
  assigner(sc: ResolvedScenario, seed: number): ReturnType<typeof simulationAssigner> {
    const key = JSON.stringify([sc.store.id, sc.store.timezone, seed, sc.privacy ?? null]);
    let hit = this.assigners.get(key);
    if (!hit) {
      hit = simulationAssigner(sc, seed);
      this.assigners.set(key, hit);
      if (this.assigners.size > KEEP) this.assigners.delete(this.assigners.keys().next().value as string);
    }
    return hit;
  }

  get(scenario: Record<string, unknown>): { scenario: ResolvedScenario; world: StoreWorld } {
    const key = createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
    let hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const r = validateScenario(scenario, () => {
      throw new VarvError('E_WHATIF_JOB', 'a what-if job carries its store inline, not a path');
    });
    if (!r.ok)
      throw new VarvError(
        'E_WHATIF_JOB',
        `the job's scenario is invalid:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      );
    hit = { scenario: r.value, world: new StoreWorld(r.value.store) };
    this.entries.set(key, hit);
    if (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as string);
    return hit;
  }
}

/** Runs one job: the store days, the analytics on their events, the truth beside them. Never throws. */
export function runJob(job: WhatIfJob, cache: JobCache = new JobCache()): RunResult {
  try {
    const { scenario: sc, world } = cache.get(job.scenario);
    const events: (SightingV1 | CountV1)[] = [];
    const truth: TruthRecord[] = [];
    // Who was behind each sighting (truth only): for the privacy columns, group occupancy k.
    const recorder = releaseRecorder(sc);
    const personOf = new Map<number, number>();
    const summary = runStoreDays(
      sc,
      {
        event: (e) => events.push(e),
        truth: (r) => {
          truth.push(r);
          if (r.type === 'visit') personOf.set(r.visit, r.person);
        },
        sightedBy: recorder.sightedBy,
      },
      { seed: job.seed, world, assigner: cache.assigner(sc, job.seed) },
    );
    const released = recorder.build();
    const occupancy = groupOccupancy(
      released.table,
      Int32Array.from(released.visitOf, (v) => personOf.get(v) ?? -1),
    );
    const settings = scenarioSettings(sc);
    const kpis = analyse(events, sc.store, settings, { replicates: REPLICATES });
    const t = truthKpis(truth, sc.store, { intervals: settings.intervals });
    return {
      variant: job.variant,
      seed: job.seed,
      values: kpiValues(kpis, t, summary, occupancy),
      staffing: kpis.staffing,
      run: {
        visits: summary.visits,
        remaining: summary.remaining,
        stuck: summary.stuck,
        sightings: summary.sightings,
      },
    };
  } catch (e) {
    const code = e instanceof VarvError ? e.code : 'E_WHATIF_RUN';
    const message = e instanceof Error ? e.message : String(e);
    return { variant: job.variant, seed: job.seed, values: {}, run: null, error: { code, message } };
  }
}

/** The result of a job that was not run because an earlier one failed. */
export function cancelled(job: WhatIfJob): RunResult {
  return {
    variant: job.variant,
    seed: job.seed,
    values: {},
    run: null,
    error: { code: 'E_WHATIF_CANCELLED', message: 'not run: an earlier run failed' },
  };
}

/** The key of a run in every aggregation: results are collected by it, never by arrival order. */
export function runKey(variant: number, seed: number): string {
  return `${variant}:${seed}`;
}
