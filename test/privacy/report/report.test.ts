import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRiskReport } from '../../../engine/notice/index.ts';
import { loadLabConfig } from '../../../scenarios/privacy/index.ts';
import { buildPrivacyReport, type PrivacyReport } from '../../../scenarios/privacy/report/index.ts';
import { varv } from '../../cli/varv.ts';
import { launchChromium } from '../../twin/chromium.ts';
import { writeTinyLab } from './tinyLab.ts';

// `varv privacy report` end to end on a tiny configuration (two 20-minute lunchtimes), with a 2 × 2
// frontier: the JSON, the page in a real browser (offline, charts drawn, printable), and the
// figures read back by `varv notice`.

const dir = mkdtempSync(join(tmpdir(), 'varv-privacy-report-'));
const out = join(dir, 'report');
let run: ReturnType<typeof varv>;
let report: PrivacyReport;

beforeAll(() => {
  const lab = writeTinyLab(dir);
  run = varv([
    'privacy',
    'report',
    lab,
    '--seeds',
    '1',
    '--out',
    out,
    '--frontier',
    '--grid-groups',
    '64,256',
    '--grid-consistency',
    '0.5,0.8',
    '--frontier-days',
    '2',
    '--json',
  ]);
  if (run.code !== 0) throw new Error(`varv privacy report failed (${run.code}): ${run.stderr}`);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as PrivacyReport;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('varv privacy report', () => {
  it('writes report.json with every figure, its interval, attacks, seeds and the configuration hash', () => {
    const summary = JSON.parse(run.lastLine);
    expect(summary).toMatchObject({ command: 'privacy report', ok: true, seeds: [3], days: 2 });
    expect(summary.files).toEqual([join(out, 'report.json'), join(out, 'report.html')]);
    expect(report.format).toBe('varv.privacy-report/1');
    expect(report.configHash).toMatch(/^[0-9a-f]{16}$/);
    expect(report.runs.map((r) => r.configHash)).toEqual([report.configHash]);
    expect(report.seeds).toEqual([3]);
    expect(report.figures.length).toBeGreaterThanOrEqual(15);
    for (const f of report.figures) {
      expect(Number.isFinite(f.value), f.id).toBe(true);
      expect(f.low, f.id).toBeLessThanOrEqual(f.value);
      expect(f.high, f.id).toBeGreaterThanOrEqual(f.value);
      expect(Number.isFinite(f.threshold), f.id).toBe(true);
      expect(['green', 'amber', 'red'], f.id).toContain(f.rating);
      expect(
        f.perSeed.map((s) => s.seed),
        f.id,
      ).toEqual([3]);
      expect(f.thresholdSource.length, f.id).toBeGreaterThan(5);
      expect(f.explanation.length, f.id).toBeGreaterThan(40);
    }
    const ids = report.figures.map((f) => f.id);
    for (const id of [
      'singlingOut',
      'linkability.interval',
      'inference.gender',
      'unlinkability.interval.one',
      'occupancy.prosecutor',
      'unicity.p1',
      'chaining.share',
      'epsilon.spent',
    ])
      expect(ids).toContain(id);
    // Attack figures say how many attacks were run, per seed.
    expect(report.attacksRun.find((a) => a.id === 'singlingOut')?.attacks).toBeGreaterThan(0);
    expect(report.unmeasured.map((u) => u.id)).toContain('linkability.stores');
  });

  it('rates against the default thresholds and shows the configuration’s own tolerance beside', () => {
    const link = report.figures.find((f) => f.id === 'linkability.interval');
    expect(link?.threshold).toBe(0.2);
    expect(link?.accepted?.threshold).toBe(0.95);
    if (link && link.value > 0.2) expect(link.rating).toBe('red');
    expect(link?.note).toMatch(/^accepted by configuration: 0\.95/);
    expect(report.thresholds.note).toContain('0.95');
  });

  it('measures the frontier: every grid point with risk and scored error, a Pareto front, and daily rotation beside', () => {
    const f = report.frontier;
    expect(f?.points.filter((p) => p.role === 'grid')).toHaveLength(4);
    expect(f?.points.filter((p) => p.current)).toHaveLength(1);
    expect(f?.points.some((p) => p.pareto)).toBe(true);
    for (const p of f?.points ?? []) {
      expect(p.utility.medianVisit?.error, `${p.groups}/${p.consistency}`).toBeGreaterThanOrEqual(0);
      if (p.role === 'grid') expect(p.risk.linkInterval?.attacks).toBeGreaterThan(0);
    }
    const rotation = f?.points.find((p) => p.role === 'rotation');
    expect(rotation?.rotation).toBe('daily');
    // With a new key each day, nothing in one part of the day links to the same part of another day under one key.
    expect(rotation?.risk.linkInterval).toBeNull();
    expect(rotation?.risk.linkDays?.risk).toBeLessThan(0.2);
  });

  it('is a risk report `varv notice` takes: the DPIA appendix lists the figures', () => {
    const parsed = parseRiskReport(report, 'report.json');
    expect(parsed.figures).toHaveLength(report.figures.length);
    const notice = join(dir, 'notice');
    const r = varv([
      'notice',
      'demo-grocery',
      '--lang',
      'en',
      '--risk',
      join(out, 'report.json'),
      '--out',
      notice,
      '--date',
      '2026-03-02',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lastLine).riskFigures).toBe(report.figures.length);
    const dpia = readFileSync(join(notice, 'dpia.en.html'), 'utf8');
    expect(dpia).toContain(report.configHash);
    expect(dpia).toContain('Linkability: same part of the day, another day');
    expect(dpia).toContain('accepted by configuration: 0.95');
  });

  it('renders offline in Chromium with its charts drawn, loads nothing, and prints', async () => {
    const page = join(out, 'report.html');
    expect(existsSync(page)).toBe(true);
    const browser = await launchChromium();
    try {
      const p = await browser.newPage();
      const requests: string[] = [];
      await p.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        return url.startsWith('file:') ? route.continue() : route.abort();
      });
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(String(e)));
      await p.goto(pathToFileURL(page).href);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(page).href]);
      const charts = (await p.evaluate(
        "Array.from(document.querySelectorAll('figure.chart')).map(f => ({ id: f.id, drawn: f.getAttribute('data-drawn'), marks: f.querySelectorAll('svg .bar, svg .point').length }))",
      )) as { id: string; drawn: string | null; marks: number }[];
      expect(charts.map((c) => c.id).sort()).toEqual([
        'chart-dsys',
        'chart-frontier',
        'chart-occupancy',
        'chart-risk',
        'chart-unicity',
      ]);
      for (const c of charts) {
        expect(c.drawn, c.id).toBe('true');
        expect(c.marks, c.id).toBeGreaterThan(1);
      }
      const rows = (await p.evaluate("document.querySelectorAll('tr[data-figure]').length")) as number;
      expect(rows).toBe(report.figures.length);
      const recs = (await p.evaluate(
        "Array.from(document.querySelectorAll('[data-recommendation]')).map(e => e.getAttribute('data-recommendation'))",
      )) as string[];
      expect(recs).toEqual(report.recommendations.map((r) => r.id));
      const pdf = await p.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(page, 'utf8')).toMatch(/@media print/);
    } finally {
      await browser.close();
    }
  });

  it('does not ask a configuration whose keys rotate daily to rotate daily', () => {
    const lab = writeTinyLab(dir, { rotation: 'daily', name: 'daily' });
    const daily = buildPrivacyReport(loadLabConfig(lab), { seeds: 1 });
    expect(daily.stores[0]?.privacy.rotation).toBe('daily');
    expect(daily.recommendations.map((r) => r.id)).not.toContain('rotate-daily');
    // The same people under one key every day were asked to.
    expect(report.recommendations.map((r) => r.id)).toContain('rotate-daily');
    // Across days a daily key leaves nothing to link in the same part of the day under one key.
    expect(daily.figures.find((f) => f.id === 'linkability.interval')).toBeUndefined();
    const days = daily.figures.find((f) => f.id === 'linkability.days');
    if (days) expect(days.value).toBeLessThan(0.2);
  }, 60_000);
});
