import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import { natsTarget } from '../../engine/uplink/index.ts';
import {
  formatWhatIf,
  loadWhatIf,
  type QueueNames,
  runWhatIf,
  type WhatIfReport,
  whatIfHtml,
} from '../../scenarios/whatif/index.ts';
import type { CommandResult } from './output.ts';
import { progressBar } from './progress.ts';

export type WhatIfCommandOptions = {
  /** Seeds per arm (at least 2, for an interval). */
  seeds: number;
  /** The first seed (default: the baseline scenario's seed); seeds run first, first + 1, … */
  firstSeed?: number;
  /** Runs at a time here (default: the number of cores; 1 = one after another on this thread). */
  workers?: number;
  out: string;
  progress?: boolean;
  /** VARV_NATS_URL: run through the JetStream work queue (`varv worker` processes take the runs). */
  natsUrl?: string;
  queue?: QueueNames;
  /** Over NATS: give up after this many seconds without a result (0: wait for ever). */
  timeoutS?: number;
};

/**
 * `varv whatif <baseline> <variant…>`: every arm on the same seeds (common random numbers), each
 * KPI's mean and 95% interval, the paired difference to the baseline with its interval and
 * whether it is significant (paired t, Holm-corrected); the tables on stdout, whatif.json and
 * whatif.html in the output folder.
 */
export async function whatifCommand(
  baseline: string,
  variants: readonly string[],
  o: WhatIfCommandOptions,
): Promise<CommandResult> {
  if (!variants.length) throw new VarvError('E_USAGE', 'give a baseline and at least one variant');
  if (!(Number.isInteger(o.seeds) && o.seeds >= 2 && o.seeds <= 10_000))
    throw new VarvError(
      'E_USAGE',
      `--seeds expects a whole number from 2 (for an interval) to 10000, got ${o.seeds}`,
    );
  const workers = o.workers ?? (o.natsUrl ? 0 : availableParallelism());
  if (!(Number.isInteger(workers) && workers >= (o.natsUrl ? 0 : 1) && workers <= 256))
    throw new VarvError(
      'E_USAGE',
      `--workers expects a whole number from ${o.natsUrl ? 0 : 1} to 256, got ${workers}`,
    );
  const arms = loadWhatIf(baseline, variants);
  const first = o.firstSeed ?? (arms[0]?.scenario.seed as number);
  if (!(Number.isInteger(first) && first >= 0 && first + o.seeds - 1 <= 0xffff_ffff))
    throw new VarvError('E_USAGE', `--first-seed expects a whole number from 0, got ${first}`);
  const seeds = Array.from({ length: o.seeds }, (_, i) => first + i);
  const where = o.natsUrl
    ? `the work queue at ${natsTarget(o.natsUrl)}${workers ? ` (and ${workers} thread(s) here)` : ''}`
    : workers > 1
      ? `${workers} worker threads`
      : 'this thread';
  const bar = o.progress ? progressBar(process.stderr) : null;
  const total = arms.length * seeds.length;
  bar?.update(0, o.natsUrl ? `0/${total} runs · waiting for workers` : `0/${total} runs`);
  const started = performance.now();
  let report: WhatIfReport;
  try {
    report = await runWhatIf(arms, {
      seeds,
      workers,
      natsUrl: o.natsUrl,
      queue: o.queue,
      idleTimeoutMs: (o.timeoutS ?? 0) * 1000,
      onResult: (r, done, n) =>
        bar?.update(done / n, `${done}/${n} runs · "${arms[r.variant]?.name}" seed ${r.seed}`),
    });
  } finally {
    bar?.done();
  }
  const wall = (performance.now() - started) / 1000;
  mkdirSync(o.out, { recursive: true });
  const files = [join(o.out, 'whatif.json'), join(o.out, 'whatif.html')];
  writeFileSync(files[0] as string, `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(files[1] as string, whatIfHtml(report));
  const lines = [
    ...formatWhatIf(report),
    '',
    `${total} runs in ${wall.toFixed(1)} s on ${where} (${((3600 * total) / wall).toFixed(0)} runs per hour)`,
    `wrote ${files.join(', ')}`,
  ];
  return {
    lines,
    summary: {
      command: 'whatif',
      ok: report.problems.length === 0,
      baseline: arms[0]?.name,
      seeds,
      runs: total,
      where: o.natsUrl ? 'nats' : workers > 1 ? 'threads' : 'inline',
      workers,
      wallSeconds: +wall.toFixed(2),
      variants: report.comparisons.map((c) => ({
        variant: c.variant,
        tested: c.tested,
        significant: c.significant,
        significantHolm: c.significantHolm,
        kpis: Object.fromEntries(
          c.rows.map((r) => [
            r.kpi,
            {
              baseline: r.baseline.mean,
              variant: r.variant.mean,
              diff: r.diff.mean,
              lo: r.diff.lo,
              hi: r.diff.hi,
              p: r.diff.p,
              pHolm: r.pHolm,
              significant: r.significant,
              significantHolm: r.significantHolm,
            },
          ]),
        ),
      })),
      problems: report.problems,
      out: o.out,
      files,
    },
    code: report.problems.length ? 1 : 0,
  };
}
