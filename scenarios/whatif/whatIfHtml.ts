import { formatInterval, formatP, formatSeeds, formatValue } from './formatValue.ts';
import type { ComparisonRow, WhatIfReport } from './whatIfReport.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Width (px) of the difference bars, and the relative difference (±) at their ends. */
const BAR_W = 160;
const SPAN = 1;

/**
 * A relative difference and its interval as a small inline SVG: a line for the interval, a dot
 * for the mean, zero in the middle; clipped at ±100%. Green when significantly better, red when
 * significantly worse, grey otherwise.
 */
function bar(row: ComparisonRow, better: 'lower' | 'higher' | null): string {
  const base = row.baseline.mean;
  if (row.diff.mean === null || base === null || base === 0) return '';
  const rel = (x: number | null) => (x === null ? null : x / Math.abs(base));
  const x = (v: number) => (BAR_W / 2) * (1 + Math.max(-SPAN, Math.min(SPAN, v)) / SPAN);
  const m = rel(row.diff.mean) as number;
  const lo = rel(row.diff.lo);
  const hi = rel(row.diff.hi);
  const good = better === null ? null : better === 'lower' ? m < 0 : m > 0;
  const colour = !row.significant || good === null ? '#666' : good ? '#1a7f37' : '#cf222e';
  const interval =
    lo !== null && hi !== null
      ? `<line x1="${x(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="8" y2="8" stroke="${colour}" stroke-width="2"/>`
      : '';
  return `<svg width="${BAR_W}" height="16" role="img" aria-label="relative difference"><line x1="${BAR_W / 2}" x2="${BAR_W / 2}" y1="0" y2="16" stroke="#bbb"/>${interval}<circle cx="${x(m).toFixed(1)}" cy="8" r="3.5" fill="${colour}"/></svg>`;
}

/** The report as one self-contained HTML page (no scripts, no network): a table per variant. */
export function whatIfHtml(r: WhatIfReport): string {
  const base = r.arms[0];
  const info = new Map(r.kpis.map((k) => [k.id, k]));
  const sections = r.comparisons.map((c) => {
    const arm = r.arms.find((a) => a.name === c.variant);
    const rows = c.rows
      .map((row) => {
        const k = info.get(row.kpi);
        const label = `${esc(k?.label ?? row.kpi)}${k?.source === 'truth' ? ' <span class="truth">truth</span>' : ''}`;
        const rel =
          row.relative === null ? '' : `${row.relative > 0 ? '+' : ''}${formatValue(100 * row.relative)}%`;
        return `<tr class="${row.significant ? 'sig' : ''}"><td>${label}</td><td>${esc(k?.unit ?? '')}</td><td>${esc(formatInterval(row.baseline))}</td><td>${esc(formatInterval(row.variant))}</td><td>${esc(formatInterval(row.diff))}</td><td class="num">${esc(rel)}</td><td>${bar(row, k?.better ?? null)}</td><td class="num">${esc(formatP(row.diff.p))}</td><td class="num">${esc(formatP(row.pHolm))}</td><td>${row.significantHolm ? '✱✱' : row.significant ? '✱' : ''}</td></tr>`;
      })
      .join('\n');
    const patch = arm?.patch.length
      ? `<details><summary>patch (${arm.patch.length} change${arm.patch.length === 1 ? '' : 's'})</summary><pre>${esc(JSON.stringify(arm.patch, null, 2))}</pre></details>`
      : '';
    return `<section>
<h2>${esc(c.variant)} <small>${esc(arm?.file ?? '')}</small></h2>
${arm?.description ? `<p>${esc(arm.description)}</p>` : ''}${patch}
<p>${c.significant.length} of ${c.tested} KPIs differ from the baseline at p &lt; ${r.alpha} (by chance alone about ${(r.alpha * c.tested).toFixed(1)} would); ${c.significantHolm.length} after Holm's correction.</p>
<table>
<thead><tr><th>KPI</th><th>unit</th><th>baseline [95% CI]</th><th>variant [95% CI]</th><th>difference [95% CI]</th><th>rel.</th><th>relative difference (±100%)</th><th>p</th><th>p (Holm)</th><th></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  });
  const problems = r.problems.length
    ? `<section class="problems"><h2>Problems</h2><ul>${r.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>What-if: ${esc(r.comparisons.map((c) => c.variant).join(', '))} against ${esc(base?.name ?? '')}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h2 small { color: #666; font-weight: normal; }
table { border-collapse: collapse; } th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid #eee; white-space: nowrap; }
th { font-weight: 600; border-bottom: 1px solid #ccc; } td.num { text-align: right; }
tr.sig td { font-weight: 600; } .truth { font-size: 0.75em; color: #8250df; border: 1px solid #8250df; border-radius: 3px; padding: 0 3px; }
.note { color: #555; max-width: 60rem; } .problems { color: #cf222e; }
</style>
</head>
<body>
<h1>What-if against ${esc(base?.name ?? '')}</h1>
<p class="note">Baseline <code>${esc(base?.file ?? '')}</code>; ${r.seeds.length} seed(s): ${esc(formatSeeds(r.seeds))}. Every arm ran on the same seeds with common random numbers (seed i of every arm draws the same random streams), so differences are paired by seed. Intervals are ${100 * r.level}% Student-t intervals over the seeds; p is the paired t-test's (✱: p &lt; ${r.alpha}, the interval of the difference excludes 0); with many KPIs a few such are expected by chance, so p is also adjusted with Holm's method over each variant's KPIs (✱✱: still below ${r.alpha}, the chance of any false alarm among them held at ${100 * r.alpha}%). KPIs come from the analytics on the released events — what the store would see — except those marked <span class="truth">truth</span>, read from the simulator's truth log.</p>
${sections.join('\n')}
${problems}
</body>
</html>
`;
}
