/** The report's stylesheet: readable on screen, and on paper (A4, no page break inside a table row or chart). */
export const REPORT_STYLES = `
:root { --green: #2e7d32; --amber: #a15c00; --red: #c62828; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p, li { max-width: 52rem; }
.muted { color: var(--muted); }
code { font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid var(--rule); }
th { background: #f3f3f5; }
table.wide { font-size: .78rem; }
table.wide th, table.wide td { padding: .25rem .3rem; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.rating { display: inline-block; min-width: 4.2em; text-align: center; border-radius: .25rem; padding: 0 .35rem; color: #fff; font-weight: 600; font-size: .8rem; text-transform: uppercase; }
.rating.green { background: var(--green); } .rating.amber { background: var(--amber); } .rating.red { background: var(--red); }
tr.red td:first-child { border-left: 4px solid var(--red); } tr.amber td:first-child { border-left: 4px solid var(--amber); } tr.green td:first-child { border-left: 4px solid var(--green); }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: .8rem 0; }
.summary div { border: 1px solid var(--rule); border-radius: .4rem; padding: .4rem .8rem; }
.rec { border-left: 4px solid var(--rule); padding: .2rem .8rem; margin: .8rem 0; }
.rec.red { border-color: var(--red); } .rec.amber { border-color: var(--amber); } .rec.green { border-color: var(--green); }
.rec .cost { color: var(--muted); }
figure.chart { margin: .8rem 0 1.2rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; }
.chart text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.chart .axis path, .chart .axis line { stroke: #999; }
dl.explain dt { font-weight: 600; margin-top: .6rem; }
dl.explain dd { margin: 0 0 0 1rem; }
blockquote { margin: .5rem 0; padding: .3rem .8rem; border-left: 3px solid var(--rule); color: var(--muted); }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, figure.chart, .rec, dl.explain dt { break-inside: avoid; }
  tr { break-inside: avoid; }
  .rating { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  tr.red td:first-child, tr.amber td:first-child, tr.green td:first-child, .rec { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;
