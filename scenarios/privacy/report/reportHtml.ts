import { escapeMarkup as e } from '../../../engine/notice/index.ts';
import { formatFigure as f, formatPercent as pc, formatWithInterval as wi } from './formatFigure.ts';
import type { PrivacyReport } from './privacyReport.ts';
import { REPORT_CHARTS } from './reportCharts.ts';
import { type ReportFigure, reportSections, SECTION_TITLES } from './reportFigure.ts';
import { REPORT_STYLES } from './reportStyles.ts';

const CHART_OF: Partial<Record<string, { id: string; caption: string }>> = {
  linkability: { id: 'chart-risk', caption: 'Attack risks with their 95% intervals against the thresholds.' },
  unlinkability: {
    id: 'chart-dsys',
    caption: 'D↔sys per scope: how much two visits’ groups tell about whether they are one person.',
  },
  occupancy: {
    id: 'chart-occupancy',
    caption: 'How many different people share a group in one part of one day.',
  },
  unicity: { id: 'chart-unicity', caption: 'Trajectory unicity against the number of known points.' },
};

/**
 * The privacy report as one self-contained HTML page: every figure in tables (readable without
 * scripts), plain-language explanations, recommendations, and d3 charts drawn in the page from
 * the report's JSON by the d3 source given (inlined: the page loads nothing). Printable (A4).
 * Pure: the report and d3's source text in, the page out.
 */
export function reportHtml(report: PrivacyReport, opts: { d3: string }): string {
  const counts = { red: 0, amber: 0, green: 0 };
  for (const x of report.figures) counts[x.rating]++;
  const reds = report.figures.filter((x) => x.rating === 'red');
  const title = `Privacy report: ${report.scenario}`;
  const body = [
    `<header><h1>${e(title)}</h1>`,
    `<p class="muted">${e(report.source)} · configuration <code>${e(report.configHash)}</code> · seeds ${e(report.seeds.join(', '))} · ${report.days} simulated day(s), ${e(report.mode)} release · ${report.attacksPerSeed.toLocaleString('en')} attacks per figure and seed</p></header>`,
    settingsTable(report),
    '<h2 id="summary">Summary</h2>',
    `<div class="summary"><div><span class="rating red">red</span> ${counts.red}</div><div><span class="rating amber">amber</span> ${counts.amber}</div><div><span class="rating green">green</span> ${counts.green}</div></div>`,
    reds.length
      ? `<p>Beyond their default thresholds:</p><ul>${reds.map((x) => `<li>${e(x.name)}: <strong>${e(wi(x))}</strong> (threshold ${e(f(x.threshold))}${x.accepted ? `; accepted by configuration: ${e(f(x.accepted.threshold))}` : ''})</li>`).join('')}</ul>`
      : '<p>No figure is beyond its default threshold.</p>',
    `<p class="muted">${e(report.thresholds.rule)}</p>`,
    report.thresholds.note
      ? `<p>The configuration states its own tolerances, shown beside the default rating and never instead of it:</p><blockquote>${e(report.thresholds.note)}</blockquote>`
      : '',
    '<h2 id="recommendations">What to change to lower the risk</h2>',
    ...report.recommendations.map(
      (r) =>
        `<div class="rec ${r.rating}" data-recommendation="${e(r.id)}"><h3>${e(r.title)}</h3><p>${e(r.text)}</p>${r.cost ? `<p class="cost"><strong>Cost:</strong> ${e(r.cost)}</p>` : ''}</div>`,
    ),
    ...reportSections.map((s) => section(report, s)),
    frontierSection(report),
    report.unmeasured.length
      ? `<h2 id="unmeasured">Not measured</h2><ul>${report.unmeasured.map((u) => `<li>${e(u.name)}: ${e(u.reason)}</li>`).join('')}</ul>`
      : '',
    `<h2 id="method">How it was measured</h2><p>Each seed is a separate simulation of the configuration (${e(report.mode)} mode: ${report.mode === 'synthetic' ? 'template visits of the crowd simulator replayed with the simulator’s arrivals, population, calibrated group assigner and sensor model' : 'the whole crowd simulator'}); the truth (who made each visit) is kept beside the release and scores the attacks. Attack risks follow the Anonymeter method: risk = (attack − control)/(1 − control), the control being the same attack on a release whose group IDs are dealt out at random; their trials are pooled over the seeds. D↔sys follows Gomez-Barrero et al. (2018); occupancy the ARX attacker models; unicity de Montjoye et al. (2013). Measured consistency: ${e(wi({ value: report.consistency.p, low: report.consistency.lo, high: report.consistency.hi }))}.</p>`,
    `<table><thead><tr><th>seed</th><th>configuration hash</th><th>sightings</th><th>visits</th><th>people</th><th>consistency reached</th></tr></thead><tbody>${report.runs.map((r) => `<tr><td class="num">${r.seed}</td><td><code>${e(r.configHash)}</code></td><td class="num">${r.release.sightings.toLocaleString('en')}</td><td class="num">${r.release.visits.toLocaleString('en')}</td><td class="num">${r.release.persons.toLocaleString('en')}</td><td class="num">${e(f(r.consistency.p))}</td></tr>`).join('')}</tbody></table>`,
    `<footer class="muted"><p>${e(report.format)} · written by <code>varv privacy report</code> · the JSON beside this page holds every figure with its interval, attacks, seeds and configuration hash.</p></footer>`,
  ].join('\n');
  const json = JSON.stringify(report)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${body}
<script type="application/json" id="varv-report-data">${json}</script>
<script>${opts.d3.replace(/<\/script/gi, '<\\/script')}</script>
<script>${REPORT_CHARTS}</script>
</body>
</html>
`;
}

function settingsTable(report: PrivacyReport): string {
  return `<table><thead><tr><th>store</th><th>groups</th><th>consistency</th><th>k-threshold</th><th>intervals</th><th>key rotation</th></tr></thead><tbody>${report.stores
    .map(
      (s) =>
        `<tr><td>${e(s.id)}</td><td class="num">${s.privacy.groups}</td><td class="num">${s.privacy.consistency}</td><td class="num">${s.privacy.k}</td><td>${e(s.privacy.intervals.join(', '))}</td><td>${e(s.privacy.rotation)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function section(report: PrivacyReport, s: (typeof reportSections)[number]): string {
  const figs = report.figures.filter((x) => x.section === s);
  if (!figs.length) return '';
  const chart = CHART_OF[s];
  const extra = s === 'epsilon' && report.epsilon ? epsilonTable(report) : '';
  return [
    `<h2 id="${s}">${e(SECTION_TITLES[s])}</h2>`,
    chart
      ? `<figure class="chart" id="${chart.id}" data-label="${e(chart.caption)}"><figcaption>${e(chart.caption)}</figcaption></figure>`
      : '',
    figureTable(figs),
    extra,
    `<dl class="explain">${figs.map((x) => `<dt>${e(x.name)}</dt><dd>${e(x.explanation)} <span class="muted">Threshold ${x.bound === 'atMost' ? '≤' : '≥'} ${e(f(x.threshold))}: ${e(x.thresholdSource)}.</span></dd>`).join('')}</dl>`,
  ].join('\n');
}

function figureTable(figs: readonly ReportFigure[]): string {
  const rows = figs.map((x) => {
    const seeds = x.perSeed.map((p) => `${p.seed}: ${f(p.value)}`).join(', ');
    const accepted = x.accepted
      ? `${e(f(x.accepted.threshold))} <span class="rating ${x.accepted.rating}">${x.accepted.rating}</span>`
      : '—';
    return `<tr class="${x.rating}" data-figure="${e(x.id)}"><td>${e(x.name)}</td><td class="num">${e(wi(x))}${x.unit && x.unit !== '' ? ` ${e(x.unit)}` : ''}</td><td class="num">${x.bound === 'atMost' ? '≤' : '≥'} ${e(f(x.threshold))}</td><td><span class="rating ${x.rating}">${x.rating}</span></td><td class="num">${accepted}</td><td class="num">${x.n === null ? '—' : x.n.toLocaleString('en')}</td><td class="muted">${e(seeds)}</td></tr>`;
  });
  return `<table><thead><tr><th>figure</th><th>estimate [95% interval]</th><th>default threshold</th><th>rating</th><th>accepted by configuration</th><th>n</th><th>per seed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function epsilonTable(report: PrivacyReport): string {
  const eps = report.epsilon;
  if (!eps) return '';
  return `<table><thead><tr><th>release</th><th>ε</th><th>sensitivity</th></tr></thead><tbody>${eps.releases.map((r) => `<tr><td>${e(r.release)}</td><td class="num">${e(f(r.epsilon))}</td><td class="num">${e(f(r.sensitivity))}</td></tr>`).join('')}</tbody></table><p class="muted">Spent ${e(f(eps.spent))}${eps.budget !== null ? ` of ${e(f(eps.budget))}` : ''}; bound e^ε = ${e(f(eps.bound))}.</p>`;
}

function frontierSection(report: PrivacyReport): string {
  const fr = report.frontier;
  if (!fr) return '';
  const rows = fr.points.map((p) => {
    const r = (x: { risk: number; lo: number; hi: number } | null) =>
      x ? wi({ value: x.risk, low: x.lo, high: x.hi }) : '—';
    const u = p.utility;
    return `<tr class="${p.pareto ? 'pareto' : ''}" data-point="${p.groups}/${p.consistency}/${p.rotation}"><td class="num">${p.groups}</td><td class="num">${p.consistency}</td><td>${e(p.rotation)}${p.current ? ' (now)' : ''}</td><td class="num">${e(f(p.measuredConsistency))}</td><td class="num">${e(f(p.effectiveGroups))}</td><td class="num">${e(r(p.risk.linkInterval))}</td><td class="num">${e(r(p.risk.linkDays))}</td><td class="num">${e(r(p.risk.singlingOut))}</td><td class="num">${e(f(u.returnFrequency?.error))}</td><td class="num">${e(f(u.returnFrequencyCiWidth))}</td><td class="num">${e(u.medianVisit ? pc(u.medianVisit.error) : '—')}</td><td class="num">${e(u.meanWait ? pc(u.meanWait.error) : '—')}</td><td class="num">${e(f(u.flow?.error))}</td><td>${p.pareto ? 'yes' : ''}</td></tr>`;
  });
  return [
    '<h2 id="frontier">Privacy–utility frontier</h2>',
    `<p>For ${e(fr.store)}: ${fr.seeds.length} seed(s) × ${fr.days} crowd-simulated day(s) of ${e(fr.window.start)}–${e(fr.window.end)} (${fr.visits.toLocaleString('en')} visits in all). Per seed the simulator runs once; at each point of groups × consistency the same sightings get their groups anew from the group assigner calibrated for that point, and on those same days the attacks run and the analytics are scored against the truth. Risks here come from these shorter runs and differ from the figures above; compare points with each other. The window is one part of the day, so the two linkability columns agree, except under daily rotation, where no two visits on different days share a key.</p>`,
    '<figure class="chart" id="chart-frontier" data-label="privacy–utility frontier"><figcaption>Cross-day linkability within a part of the day against the return-frequency error; the Pareto front in blue.</figcaption></figure>',
    `<table class="wide"><thead><tr><th>groups</th><th>consistency</th><th>rotation</th><th>consistency reached</th><th>effective groups</th><th>link: same part of day</th><th>link: another day</th><th>singling out</th><th>return-frequency error</th><th>its 95% interval width</th><th>median visit error</th><th>mean wait error</th><th>flow TV</th><th>Pareto</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<p class="muted">Errors are the analytics against the simulation’s truth (scenarios/score): return frequency absolute (per visit), median visit duration and mean wait relative, flows as total variation; means over the seeds.</p>',
  ].join('\n');
}
