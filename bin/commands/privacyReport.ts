import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import { readJsonFile } from '../../engine/layout/index.ts';
import { DEMO_LAB, LAB_FORMAT, loadLabConfig } from '../../scenarios/privacy/index.ts';
import {
  buildPrivacyReport,
  DEFAULT_FRONTIER_GRID,
  formatFigure,
  formatPercent,
  formatWithInterval,
  type PrivacyReport,
  reportHtml,
} from '../../scenarios/privacy/report/index.ts';
import type { CommandResult } from './output.ts';
import { progressBar } from './progress.ts';

export type PrivacyReportOptions = {
  days?: number;
  seeds?: number;
  out?: string;
  frontier?: boolean;
  attacks?: number;
  /** Frontier grid and runs (defaults: groups 64,256,1024 × consistency 0.3,0.5,0.8; 3 days of the lunch interval). */
  gridGroups?: number[];
  gridConsistency?: number[];
  frontierDays?: number;
  frontierWindow?: { start: string; end: string };
  progress?: boolean;
};

const D3 = new URL('../../node_modules/d3/dist/d3.min.js', import.meta.url);

/**
 * `varv privacy report [<lab file | scenario | store | store id>]`: runs the privacy lab over the
 * seeds (and the privacy–utility frontier with --frontier) and writes report.json and a
 * self-contained report.html. No argument: the demo grocery's lab file.
 */
export function privacyReportCommand(arg: string | undefined, o: PrivacyReportOptions = {}): CommandResult {
  const file = resolveArg(arg);
  if (o.days !== undefined && !(Number.isInteger(o.days) && o.days >= 1 && o.days <= 366))
    throw new VarvError('E_USAGE', `--days expects a whole number of days from 1 to 366, got ${o.days}`);
  const seeds = o.seeds ?? 3;
  if (!(Number.isInteger(seeds) && seeds >= 1 && seeds <= 100))
    throw new VarvError('E_USAGE', `--seeds expects a whole number from 1 to 100, got ${o.seeds}`);
  if (o.attacks !== undefined && !(Number.isInteger(o.attacks) && o.attacks >= 10))
    throw new VarvError('E_USAGE', `--attacks expects a whole number of at least 10, got ${o.attacks}`);
  for (const g of o.gridGroups ?? [])
    if (!(Number.isInteger(g) && g >= 2))
      throw new VarvError('E_USAGE', `--grid-groups expects whole numbers of at least 2, got ${g}`);
  for (const c of o.gridConsistency ?? [])
    if (!(c > 0 && c <= 1))
      throw new VarvError('E_USAGE', `--grid-consistency expects numbers in (0, 1], got ${c}`);
  if (o.frontierDays !== undefined && !(Number.isInteger(o.frontierDays) && o.frontierDays >= 2))
    throw new VarvError(
      'E_USAGE',
      `--frontier-days expects a whole number of at least 2 (linking needs two days), got ${o.frontierDays}`,
    );
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (
    o.frontierWindow &&
    !(
      hhmm.test(o.frontierWindow.start) &&
      hhmm.test(o.frontierWindow.end) &&
      o.frontierWindow.start < o.frontierWindow.end
    )
  )
    throw new VarvError(
      'E_USAGE',
      `--frontier-window expects HH:MM-HH:MM with the start first, got ${o.frontierWindow.start}-${o.frontierWindow.end}`,
    );
  const config = loadLabConfig(file, {
    ...(o.days !== undefined ? { days: o.days } : {}),
    ...(o.attacks !== undefined ? { attacks: o.attacks } : {}),
  });
  const note = labNote(file);
  const out = o.out ?? join('out', 'privacy-report');
  const bar = o.progress ? progressBar(process.stderr) : null;
  const steps = seeds * 4 + (o.frontier ? seeds * 11 : 0);
  let step = 0;
  const started = performance.now();
  let report: PrivacyReport;
  try {
    report = buildPrivacyReport(config, {
      seeds,
      note,
      frontier: o.frontier
        ? {
            grid: {
              groups: o.gridGroups ?? DEFAULT_FRONTIER_GRID.groups,
              consistency: o.gridConsistency ?? DEFAULT_FRONTIER_GRID.consistency,
            },
            days: o.frontierDays,
            window: o.frontierWindow,
          }
        : false,
      progress: bar ? (label) => bar.update(++step / steps, label) : undefined,
    });
  } finally {
    bar?.done();
  }
  const wall = (performance.now() - started) / 1000;
  mkdirSync(out, { recursive: true });
  const json = join(out, 'report.json');
  const html = join(out, 'report.html');
  writeFileSync(json, `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(html, reportHtml(report, { d3: readFileSync(D3, 'utf8') }));
  const counts = { red: 0, amber: 0, green: 0 };
  for (const x of report.figures) counts[x.rating]++;
  return {
    lines: [...reportLines(report), '', `${wall.toFixed(0)} s; wrote ${json}, ${html}`],
    summary: {
      command: 'privacy report',
      ok: true,
      source: report.source,
      configHash: report.configHash,
      seeds: report.seeds,
      days: report.days,
      figures: report.figures.length,
      ratings: counts,
      red: report.figures.filter((x) => x.rating === 'red').map((x) => x.id),
      recommendations: report.recommendations.map((r) => r.id),
      frontier: report.frontier
        ? report.frontier.points.map((p) => ({
            groups: p.groups,
            consistency: p.consistency,
            rotation: p.rotation,
            linkInterval: p.risk.linkInterval?.risk ?? null,
            linkDays: p.risk.linkDays?.risk ?? null,
            singlingOut: p.risk.singlingOut?.risk ?? null,
            returnFrequencyError: p.utility.returnFrequency?.error ?? null,
            pareto: p.pareto,
          }))
        : null,
      wallSeconds: +wall.toFixed(1),
      out,
      files: [json, html],
    },
    code: 0,
  };
}

/** The report for a terminal: every figure with its interval, threshold and rating; recommendations; the frontier. */
function reportLines(r: PrivacyReport): string[] {
  const lines = [
    `privacy report: ${r.scenario} (${r.source}), configuration ${r.configHash}, seeds ${r.seeds.join(', ')}, ${r.days} day(s) ${r.mode}, ${r.attacksPerSeed} attacks per figure and seed`,
    `consistency reached ${formatWithInterval({ value: r.consistency.p, low: r.consistency.lo, high: r.consistency.hi })}`,
    '',
  ];
  const w = Math.max(...r.figures.map((x) => x.name.length));
  for (const x of r.figures)
    lines.push(
      `${x.rating.toUpperCase().padEnd(5)}  ${x.name.padEnd(w)}  ${formatWithInterval(x).padEnd(20)}  ${x.bound === 'atMost' ? '≤' : '≥'} ${formatFigure(x.threshold)}${x.accepted ? `  (accepted by configuration: ${formatFigure(x.accepted.threshold)}, ${x.accepted.rating})` : ''}`,
    );
  for (const u of r.unmeasured) lines.push(`-      ${u.name.padEnd(w)}  not measured: ${u.reason}`);
  lines.push('', 'what to change:');
  for (const rec of r.recommendations) lines.push(`  [${rec.rating}] ${rec.title}`);
  if (r.frontier) {
    const f = r.frontier;
    lines.push(
      '',
      `frontier (${f.store}, seeds ${f.seeds.join(', ')}, ${f.days} day(s) ${f.window.start}–${f.window.end}, ${f.visits} visits):`,
      '  groups  consistency  rotation  eff. groups  link same part  link other day  singling out  return-freq error  median visit error  Pareto',
    );
    for (const p of f.points)
      lines.push(
        `  ${String(p.groups).padStart(6)}  ${String(p.consistency).padStart(11)}  ${p.rotation.padEnd(8)}  ${formatFigure(p.effectiveGroups).padStart(11)}  ${formatFigure(p.risk.linkInterval?.risk).padStart(14)}  ${formatFigure(p.risk.linkDays?.risk).padStart(14)}  ${formatFigure(p.risk.singlingOut?.risk).padStart(12)}  ${formatFigure(p.utility.returnFrequency?.error).padStart(17)}  ${(p.utility.medianVisit ? formatPercent(p.utility.medianVisit.error) : '—').padStart(18)}  ${p.pareto ? 'yes' : ''}${p.current ? ' (now)' : ''}`,
      );
  }
  return lines;
}

/** A bare id means the store's lab file (scenarios/privacy/<id>-lab.json) or else its store file. */
function resolveArg(arg: string | undefined): string | undefined {
  if (arg === undefined || existsSync(arg) || !/^[\w.-]+$/.test(arg)) return arg;
  const lab = join('scenarios', 'privacy', `${arg}-lab.json`);
  if (existsSync(lab)) return lab;
  const store = join('scenarios', 'stores', `${arg}.json`);
  if (existsSync(store)) return store;
  throw new VarvError('E_USAGE', `${arg}: no such file, lab file (${lab}) or store (${store})`);
}

/** A lab file's note on its thresholds. */
function labNote(file: string | undefined): string | null {
  const json = readJsonFile(file ?? DEMO_LAB) as { format?: unknown; note?: unknown };
  return json?.format === LAB_FORMAT && typeof json.note === 'string' ? json.note : null;
}
