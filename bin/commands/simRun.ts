import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineFile } from '../../engine/adapters/lineFile.ts';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import { VarvError } from '../../engine/errors.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { loadScenarioFile, type ResolvedScenario } from '../../engine/layout/index.ts';
import { formatScore, scenarioSettings, scoreRun } from '../../scenarios/score/index.ts';
import {
  experimentFiles,
  Measurements,
  runExperiment,
  runStoreDays,
  type TruthRecord,
} from '../../scenarios/sim/index.ts';
import type { CommandResult } from './output.ts';
import { progressBar } from './progress.ts';

export type SimRunOptions = {
  seed?: number;
  days?: number;
  out: string;
  progress?: boolean;
  /** Keep events and truth in memory and score the analytics against the truth (score.json). */
  score?: boolean;
};

/**
 * `varv sim run <scenario>`: a controlled experiment (spawn + clock.seconds) or store days
 * (arrivals + shoppers), written to the output folder.
 */
export function simRunCommand(file: string, o: SimRunOptions): CommandResult {
  const sc = loadScenarioFile(file);
  mkdirSync(o.out, { recursive: true });
  if ('seconds' in sc.clock && sc.spawn?.length) return experiment(file, sc, o);
  if ('start' in sc.clock && sc.arrivals && sc.shoppers) return storeDays(file, sc, o);
  throw new VarvError(
    'E_SCENARIO',
    `${file}: nothing to simulate: give spawn + clock.seconds (an experiment) or arrivals + shoppers + clock.start/end (store days)`,
  );
}

function experiment(file: string, sc: ResolvedScenario, o: SimRunOptions): CommandResult {
  if (o.days !== undefined)
    throw new VarvError('E_USAGE', '--days applies to store days, not to experiments');
  if (o.score) throw new VarvError('E_USAGE', '--score applies to store days, not to experiments');
  const seed = o.seed ?? sc.seed;
  const r = runExperiment(sc, { seed });
  const files = experimentFiles(
    r,
    (sc.measure?.lines ?? []).map((l) => l.id),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(o.out, name), text);
  const times = [...r.arrivals.values()];
  const lines = [
    `${file} (seed ${seed}): ${r.arrivals.size} of ${r.desiredSpeeds.size} agents arrived in ${r.seconds} s${times.length ? `, the first at ${Math.min(...times).toFixed(1)} s, the last at ${Math.max(...times).toFixed(1)} s` : ''}`,
    `closest any agent came to a wall: ${r.minWallClearance.toFixed(3)} m (centre to wall)`,
    `wrote ${Object.keys(files)
      .map((f) => join(o.out, f))
      .join(', ')}`,
  ];
  return {
    lines,
    summary: {
      command: 'sim run',
      ok: true,
      kind: 'experiment',
      scenario: file,
      seed,
      arrived: r.arrivals.size,
      agents: r.desiredSpeeds.size,
      remaining: r.remaining,
      out: o.out,
      files: Object.keys(files),
    },
    code: 0,
  };
}

function storeDays(file: string, sc: ResolvedScenario, o: SimRunOptions): CommandResult {
  if (o.days !== undefined && !(Number.isInteger(o.days) && o.days >= 1 && o.days <= 366))
    throw new VarvError('E_USAGE', `--days expects a whole number of days from 1 to 366, got ${o.days}`);
  const seed = o.seed ?? sc.seed;
  const want = new Set(sc.outputs);
  const events = new LineFile(join(o.out, 'events.jsonl'));
  const truth = want.has('truth') ? new LineFile(join(o.out, 'truth.jsonl')) : null;
  const trajectories = want.has('trajectories') ? new LineFile(join(o.out, 'trajectories.csv')) : null;
  trajectories?.write('id,frame,x,y');
  const measure = new Measurements({ lines: sc.measure?.lines ?? [], areas: sc.measure?.areas ?? [] });
  const bar = o.progress ? progressBar(process.stderr) : null;
  const kept: { events: (SightingV1 | CountV1)[]; truth: TruthRecord[] } = { events: [], truth: [] };
  const started = performance.now();
  let summary: ReturnType<typeof runStoreDays>;
  try {
    summary = runStoreDays(
      sc,
      {
        event: (e) => {
          events.write(JSON.stringify(e));
          if (o.score) kept.events.push(e);
        },
        truth:
          truth || o.score
            ? (r) => {
                truth?.write(JSON.stringify(r));
                if (o.score) kept.truth.push(r);
              }
            : undefined,
        position: (id, frame, x, y) => {
          trajectories?.write(`${id},${frame},${x},${y}`);
          measure.position(id, frame, x, y);
        },
        progress: bar ? (f, label) => bar.update(f, label) : undefined,
      },
      { seed, days: o.days, clock: systemClock },
    );
  } finally {
    bar?.done();
    events.close();
    truth?.close();
    trajectories?.close();
  }
  writeFileSync(join(o.out, 'measurements.json'), `${JSON.stringify(measure.result())}\n`);
  const wall = (performance.now() - started) / 1000;
  const files = [
    'events.jsonl',
    ...(truth ? ['truth.jsonl'] : []),
    ...(trajectories ? ['trajectories.csv'] : []),
    'measurements.json',
  ];
  const lines = [
    `${file} (seed ${seed}): ${summary.days} day(s), ${summary.visits} visits, ${summary.remaining} still inside at the cut-off`,
    `${summary.sightings} sightings and ${summary.events - summary.sightings} door counts (people spread over about ${summary.effectiveGroups.toFixed(0)} groups)`,
    `${summary.simulatedSeconds.toFixed(0)} simulated seconds in ${wall.toFixed(1)} s (${(summary.simulatedSeconds / wall).toFixed(0)}× real time)`,
    `wrote ${files.map((f) => join(o.out, f)).join(', ')}`,
  ];
  if (summary.remaining > 0)
    lines.push('some shoppers never left: the layout may trap them (see truth.jsonl, type "day")');
  const score = o.score ? scoreStoreDays(sc, kept, join(o.out, 'score.json')) : null;
  if (score) {
    lines.push(...score.lines);
    files.push('score.json');
  }
  return {
    lines,
    summary: {
      command: 'sim run',
      ok: summary.remaining === 0,
      kind: 'store days',
      scenario: file,
      seed,
      days: summary.days,
      visits: summary.visits,
      events: summary.events,
      sightings: summary.sightings,
      remaining: summary.remaining,
      stuck: summary.stuck,
      simulatedSeconds: summary.simulatedSeconds,
      wallSeconds: +wall.toFixed(2),
      out: o.out,
      files,
      ...(score ? { score: score.summary } : {}),
    },
    code: summary.remaining === 0 ? 0 : 1,
  };
}

/** Scores the analytics of a run's events against its truth; writes the full report to `file`. */
function scoreStoreDays(
  sc: ResolvedScenario,
  kept: { events: (SightingV1 | CountV1)[]; truth: TruthRecord[] },
  file: string,
) {
  const report = scoreRun(kept.events, kept.truth, sc.store, scenarioSettings(sc));
  writeFileSync(file, `${JSON.stringify(report)}\n`);
  return {
    lines: ['', ...formatScore(report), `wrote ${file}`],
    summary: report.rows.map((r) => ({
      kpi: r.kpi,
      estimate: r.estimate,
      truth: r.truth,
      error: r.error,
      pass: r.pass,
    })),
  };
}
