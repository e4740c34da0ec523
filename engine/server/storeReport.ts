import type { StoreKpis } from '../analytics/index.ts';
import type { StoreLayout } from '../layout/index.ts';

/** One store's analytics over a range, as the reports page and its JSON give them. */
export type StoreReport = {
  store: string;
  name: string;
  timezone: string;
  from: number;
  to: number;
  kpis: StoreKpis;
};

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const min = (ms: number | null | undefined) => (ms == null ? '–' : `${(ms / 60_000).toFixed(1)} min`);
const pct = (x: number | null | undefined) =>
  x == null || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(0)}%`;
const num = (x: number | null | undefined, digits = 0) =>
  x == null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
const released = (r: { value: number | null; suppressed: boolean }) =>
  r.suppressed ? '<span class="k">&lt; k</span>' : num(r.value);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '<p class="none">nothing to show for this range</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A bar per bin (inline SVG, no script): people in per bin, or a line's mean length. */
function bars(
  series: readonly { from: number; value: number | null }[],
  timezone: string,
  label: string,
): string {
  const values = series.map((s) => s.value ?? 0);
  const top = Math.max(1, ...values);
  const w = 640;
  const h = 120;
  const bw = w / Math.max(1, series.length);
  const hhmm = (t: number) =>
    new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: timezone });
  const rects = series
    .map((s, i) => {
      const v = s.value ?? 0;
      const bh = (v / top) * (h - 20);
      const fill = s.value === null ? '#ccc' : '#3b6ea5';
      return `<rect x="${(i * bw).toFixed(1)}" y="${(h - 14 - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${fill}"><title>${hhmm(s.from)}: ${s.value ?? 'suppressed (< k)'}</title></rect>`;
    })
    .join('');
  const first = series[0];
  const last = series.at(-1);
  const axis =
    first && last
      ? `<text x="0" y="${h - 2}" font-size="10">${hhmm(first.from)}</text><text x="${w}" y="${h - 2}" font-size="10" text-anchor="end">${hhmm(last.from)}</text>`
      : '';
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${rects}${axis}<text x="0" y="10" font-size="10">max ${num(top, 1)}</text></svg>`;
}

/**
 * The store's report as one self-contained HTML page (no scripts, no external files): visits,
 * visit time, returns, queues and the till forecast, flows and the loop, interest and
 * demographics, and the staffing plan, every figure as the analytics released it (below k:
 * suppressed), with the uncertainty the analytics give.
 */
export function storeReportHtml(r: StoreReport): string {
  const k = r.kpis;
  const tz = r.timezone;
  const when = (t: number) =>
    new Date(t).toLocaleString('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const ci = (c: { lo: number; hi: number } | null, f: (x: number) => string) =>
    c ? ` (95% CI ${f(c.lo)}–${f(c.hi)})` : '';
  const flows: string[][] = [];
  for (const [i, row] of k.transitions.matrix.entries())
    if (row)
      for (const [j, p] of row.entries())
        if (i !== j && p >= 0.1)
          flows.push([esc(k.transitions.zones[i] ?? ''), esc(k.transitions.zones[j] ?? ''), pct(p)]);
  const sections = [
    `<h2>Visits</h2>
<p>People in: <b data-kpi="visits">${released(k.visits.total)}</b> · mean visit (Little's law) <b>${min(k.occupancy.meanVisitMs)}</b> · median visit (paired) <b>${min(k.duration.medianMs)}</b>${ci(k.duration.medianCi, (x) => min(x))} · peak inside <b>${k.occupancy.peak.n}</b> at ${esc(when(k.occupancy.peak.t))}</p>
${bars(
  k.visits.series.map((s) => ({ from: s.from, value: s.visits.value })),
  tz,
  'people in per bin',
)}
<p>Returning visits (earlier days, same interval): <b>${num(k.returns.frequency, 2)}</b>${ci(k.returns.ci, (x) => num(x, 2))}${k.returns.days < 2 ? ' — needs two days or more' : ''}</p>`,
    `<h2>Queues</h2>
<p>Mean wait per customer (Little's law): <b data-kpi="wait">${min(k.queues.meanWaitMs)}</b> over ${k.queues.customers} customers</p>
${table(
  ['till', 'camera', 'longest line', 'waited (n)', 'mean time in line', 'queue episodes'],
  k.queues.tills.map((t) => [
    esc(t.till),
    esc(t.camera ?? '–'),
    String(t.peak),
    String(t.waited.n),
    min(t.waited.meanMs),
    String(t.episodes.length),
  ]),
)}
${bars(
  k.queues.total.map((s) => ({ from: s.from, value: s.length.value })),
  tz,
  'people in all lines',
)}
<h3>Till forecast (Erlang C)</h3>
${table(
  ['at', 'horizon', 'arrivals / min', 'tills needed'],
  k.forecast
    .slice(-12)
    .map((f) => [esc(when(f.at)), `${f.horizonMin} min`, num(f.arrivalsPerMin, 1), num(f.tills)]),
)}`,
    `<h2>Flows and the loop</h2>
<p>Moves that go forward along the planned loop: <b>${pct(k.loop.forward)}</b>, to the next loop zone: ${pct(k.loop.nextInLoop)}, back: ${pct(k.loop.reversed)}; P(a walk follows the loop without going back) ${pct(k.loop.following)}</p>
${table(['from', 'to', 'P(next zone)'], flows)}`,
    `<h2>Interest</h2>
${table(
  ['display / zone', 'passers-by', 'stopped', 'attraction', 'median dwell'],
  k.interest.map((i) => [
    esc(i.id),
    num(i.passers),
    num(i.stoppers),
    pct(i.attraction),
    i.dwellMs ? `${(i.dwellMs.p50 / 1000).toFixed(0)} s` : '–',
  ]),
)}`,
    `<h2>Who (estimated categories, corrected for the classifiers' confusion)</h2>
${table(
  ['zone', 'interval', 'people seen', 'women', 'men'],
  k.demographics
    .filter((d) => d.gender)
    .map((d) => [esc(d.zone), d.interval, String(d.seen), num(d.gender?.woman), num(d.gender?.man)]),
)}`,
    `<h2>Staffing</h2>
${table(
  ['interval', 'staffed tills needed', 'busiest posts'],
  k.staffing.map((s) => [
    s.interval,
    String(s.tills),
    esc(
      s.posts
        .slice(0, 3)
        .map((p) => `${p.post} (${p.demand.toFixed(1)})`)
        .join(', '),
    ),
  ]),
)}`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.name)} — Varv report</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
.k{color:#999}.none{color:#777}h2{margin-top:2rem;border-bottom:2px solid #3b6ea5}@media print{body{margin:0}}</style></head>
<body><h1>${esc(r.name)}</h1>
<p>${esc(when(r.from))} – ${esc(when(r.to))} · ${k.sightings} sightings of group IDs (never of persons) · effective groups ${num(k.collision.effectiveGroups)} · figures from fewer than k distinct groups are suppressed</p>
${sections.join('\n')}
</body></html>`;
}

/** The report's data for one store: what the page shows, as JSON. */
export function storeReport(layout: StoreLayout, from: number, to: number, kpis: StoreKpis): StoreReport {
  return { store: layout.id, name: layout.name, timezone: layout.timezone, from, to, kpis };
}
