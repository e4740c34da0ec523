import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import {
  minutesOfDay,
  type ResolvedScenario,
  readJsonFile,
  validateScenario,
} from '../../engine/layout/index.ts';
import type {
  WhatIfCheck,
  WhatIfDefaults,
  WhatIfJobView,
  WhatIfService,
  WhatIfStart,
  WhatIfWindow,
} from '../../engine/server/whatIf.ts';
import { checkVariant, type VariantBase } from './checkVariant.ts';
import { composeVariant } from './composeVariant.ts';
import { type JobRunner, runAll } from './jobRunner.ts';
import { loadWhatIf, type WhatIfArm, wire } from './loadWhatIf.ts';
import { peakWindow } from './peakWindow.ts';
import type { RunResult } from './runJob.ts';
import { whatIfJobs } from './runWhatIf.ts';
import { ThreadRunner } from './threadRunner.ts';
import { VARIANT_FORMAT, variantSchema } from './variantSchema.ts';
import { whatIfReport } from './whatIfReport.ts';
import { whatIfResult } from './whatIfResult.ts';

type Json = Record<string, unknown>;

export type WhatIfJobsOptions = {
  /** Baseline scenarios (store days), one per store: the what-ifs of a store compare against its baseline. */
  baselines: readonly string[];
  /** Worker threads for the runs (default: 2, or 1 on a one-core machine). */
  workers?: number;
  /** Seeds when a request names none (default 4). */
  seeds?: number;
  /** The most seeds a request may ask for (default 20). */
  maxSeeds?: number;
  /** What-ifs queued or running at once, beyond which a request is refused (default 4). */
  maxQueued?: number;
  /** Finished what-ifs kept for reading (default 20). */
  keep?: number;
  /** Makes the runner (default: worker threads); for tests. */
  runner?: () => JobRunner;
};

type Base = VariantBase & { file: string; scenario: ResolvedScenario; day: WhatIfWindow; peak: WhatIfWindow };
type Job = { view: WhatIfJobView; arms: WhatIfArm[]; zones: string[] };

/**
 * The what-if service behind the twin's edit mode: a variant of a store's baseline is run on a
 * window of its store day over a few seeds (common random numbers), one what-if at a time on
 * worker threads (the threads, and their caches of navigation fields and calibrated assigners,
 * are kept between what-ifs); jobs live in memory, the finished ones until `keep` newer ones
 * finished. `close` cancels every job and stops the threads.
 */
export class WhatIfJobs implements WhatIfService {
  private readonly bases = new Map<string, Base>();
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private runner: JobRunner | null = null;
  private closed = false;
  private readonly o: Required<Omit<WhatIfJobsOptions, 'runner'>> & { runner?: () => JobRunner };

  constructor(o: WhatIfJobsOptions) {
    this.o = {
      workers: Math.max(1, Math.min(2, availableParallelism())),
      seeds: 4,
      maxSeeds: 20,
      maxQueued: 4,
      keep: 20,
      ...o,
    };
    for (const file of o.baselines) {
      const [arm] = loadWhatIf(file, []);
      const sc = (arm as WhatIfArm).scenario;
      const raw = readJsonFile(file) as Json;
      const stores = new Map<string, unknown>();
      const load = (ref: string) => {
        if (!stores.has(ref)) stores.set(ref, readJsonFile(resolve(dirname(file), ref)));
        return stores.get(ref);
      };
      if (!('start' in sc.clock) || !sc.arrivals) continue; // loadWhatIf has refused anything else
      const day = { start: sc.clock.start, end: sc.clock.end };
      this.bases.set(sc.store.id, {
        file,
        raw,
        load,
        store: sc.store,
        scenario: sc,
        day,
        peak: peakWindow(sc.arrivals.perMinute, day),
      });
    }
  }

  defaults(store: string): WhatIfDefaults | null {
    const b = this.bases.get(store);
    if (!b) return null;
    return {
      store,
      baseline: shown(b.file),
      day: b.day,
      window: b.peak,
      seeds: this.o.seeds,
      maxSeeds: this.o.maxSeeds,
      maxMinutes: minutesOfDay(b.day.end) - minutesOfDay(b.day.start),
    };
  }

  check(store: string, patch: unknown): WhatIfCheck {
    return checkVariant(this.base(store), patch);
  }

  start(store: string, request: WhatIfStart): WhatIfJobView {
    if (this.closed) throw new VarvError('E_WHATIF_BUSY', 'the what-if service is closing');
    const b = this.base(store);
    const name = request.name ?? 'variant';
    if (typeof name !== 'string' || !name.trim() || name.length > 80)
      throw new VarvError('E_USAGE', 'a variant\'s "name" is 1 to 80 characters');
    const nSeeds = request.seeds ?? this.o.seeds;
    if (!(Number.isInteger(nSeeds) && nSeeds >= 2 && nSeeds <= this.o.maxSeeds))
      throw new VarvError(
        'E_USAGE',
        `"seeds" must be a whole number from 2 (for an interval) to ${this.o.maxSeeds}, got ${JSON.stringify(nSeeds)}`,
      );
    const window = this.window(b, request.window ?? b.peak);
    const parsed = variantSchema.safeParse({ format: VARIANT_FORMAT, patch: request.patch });
    if (!parsed.success) throw new VarvError('E_INVALID', "the variant's patch is not valid");
    const windowed: Json = { ...b.raw, clock: { ...(b.raw.clock as Json), ...window, days: 1 } };
    const resolved = (scenario: Json): ResolvedScenario => {
      const r = validateScenario(scenario, b.load);
      if (!r.ok)
        throw new VarvError(
          'E_INVALID',
          `the variant is not valid:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
        );
      return r.value;
    };
    const baseSc = resolved(windowed);
    const variantSc = resolved(composeVariant(windowed, request.patch as Json[], parsed.data.patch).scenario);
    const active = this.queue.length + (this.running ? 1 : 0);
    if (active >= this.o.maxQueued)
      throw new VarvError(
        'E_WHATIF_BUSY',
        `${active} what-ifs are queued or running already; wait for one to finish or cancel one`,
      );
    const first = b.scenario.seed;
    const seeds = Array.from({ length: nSeeds }, (_, i) => first + i);
    const job: Job = {
      view: {
        id: randomUUID(),
        store,
        name: name.trim(),
        state: 'queued',
        done: 0,
        total: 2 * nSeeds,
        seeds,
        window,
        patch: structuredClone(request.patch),
      },
      arms: [
        { name: 'baseline', file: b.file, patch: [], scenario: baseSc, wire: wire(baseSc) },
        {
          name: name.trim(),
          file: '(twin)',
          patch: request.patch,
          scenario: variantSc,
          wire: wire(variantSc),
        },
      ],
      zones: variantSc.store.zones.map((z) => z.id),
    };
    this.jobs.set(job.view.id, job);
    this.queue.push(job);
    this.forget();
    void this.pump();
    return this.job(job.view.id) as WhatIfJobView;
  }

  job(id: string): WhatIfJobView | null {
    const j = this.jobs.get(id);
    return j ? { ...j.view } : null;
  }

  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j) return false;
    if (j.view.state === 'queued') {
      this.queue.splice(this.queue.indexOf(j), 1);
      j.view.state = 'cancelled';
    } else if (j.view.state === 'running') {
      j.view.state = 'cancelled';
      this.runner?.cancelPending();
    }
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of [...this.queue, ...(this.running ? [this.running] : [])]) j.view.state = 'cancelled';
    this.queue.length = 0;
    const r = this.runner;
    this.runner = null;
    r?.cancelPending();
    await r?.close();
  }

  private base(store: string): Base {
    const b = this.bases.get(store);
    if (!b) throw new VarvError('E_NOT_FOUND', `no what-if baseline for store "${store}"`);
    return b;
  }

  private window(b: Base, w: unknown): WhatIfWindow {
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    const x = w as Partial<WhatIfWindow> | null;
    if (
      !x ||
      typeof x.start !== 'string' ||
      typeof x.end !== 'string' ||
      !time.test(x.start) ||
      !time.test(x.end)
    )
      throw new VarvError('E_USAGE', '"window" is { "start": "HH:MM", "end": "HH:MM" }');
    const [s, e] = [minutesOfDay(x.start), minutesOfDay(x.end)];
    if (!(s < e) || s < minutesOfDay(b.day.start) || e > minutesOfDay(b.day.end))
      throw new VarvError(
        'E_USAGE',
        `"window" must lie within the store day ${b.day.start}–${b.day.end}, its start before its end; got ${x.start}–${x.end}`,
      );
    return { start: x.start, end: x.end };
  }

  /** Drops the oldest finished jobs beyond `keep`. */
  private forget(): void {
    const finished = [...this.jobs.values()].filter((j) => !['queued', 'running'].includes(j.view.state));
    for (const j of finished.slice(0, Math.max(0, finished.length - this.o.keep)))
      this.jobs.delete(j.view.id);
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.view.state = 'running';
    try {
      await this.run(job);
    } catch (e) {
      if (job.view.state === 'running') {
        job.view.state = 'failed';
        job.view.error = e instanceof Error ? e.message : String(e);
      }
    } finally {
      this.running = null;
      this.forget();
      void this.pump();
    }
  }

  private async run(job: Job): Promise<void> {
    this.runner ??= this.o.runner?.() ?? new ThreadRunner(this.o.workers);
    const results: RunResult[] = await runAll(
      this.runner,
      whatIfJobs(job.arms, job.view.seeds),
      (r, done) => {
        if (job.view.state === 'running' && !r.error) job.view.done = done;
      },
    );
    if (job.view.state !== 'running') return; // cancelled meanwhile
    const failed =
      results.find((r) => r.error && r.error.code !== 'E_WHATIF_CANCELLED') ?? results.find((r) => r.error);
    if (failed?.error) {
      job.view.state = 'failed';
      job.view.error = `"${job.arms[failed.variant]?.name}" on seed ${failed.seed}: ${failed.error.message}`;
      return;
    }
    const report = whatIfReport(
      job.arms.map((a) => ({ name: a.name, file: a.file, patch: a.patch })),
      job.view.seeds,
      results,
    );
    job.view.result = whatIfResult(report, results, job.zones);
    job.view.done = job.view.total;
    job.view.state = 'done';
  }
}

/** A baseline's path as the twin shows it: relative to the working folder, never the server's absolute path. */
function shown(file: string): string {
  const r = relative(process.cwd(), resolve(file));
  return r.startsWith('..') || isAbsolute(r) ? basename(file) : r;
}
