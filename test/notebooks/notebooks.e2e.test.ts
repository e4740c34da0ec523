/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewNotebooks } from '../../notebooks/kit/previewNotebooks.ts';
import { listNotebooks, type RenderResult, renderNotebooks } from '../../notebooks/kit/renderNotebooks.ts';
import { CHROMIUM, launchChromium } from '../twin/chromium.ts';

// Every notebook rendered (`npm run notebooks`, into a folder of the test's own) and opened from the
// disk in headless Chromium with no server: its charts must be drawn, with no error in the page or
// its console and no request beyond the file itself (and its data: URLs). The data loaders run
// when notebooks/data/ has no up-to-date data (a fresh checkout: about a minute).
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI !== 'true')
  console.warn(
    `notebooks e2e skipped: no ${CHROMIUM} (apt-get install -y chromium); CI=true makes this a failure`,
  );

/** The charts each notebook draws (figure.varv-chart with an SVG of marks). */
const CHARTS: Record<string, number> = {
  queues: 4,
  'store-comparison': 3,
  'embedder-calibration': 3,
  'layout-ab': 2,
  'privacy-frontier': 2,
};
const NAMES = listNotebooks('notebooks');

describe.runIf(haveChromium || process.env.CI === 'true')('the notebooks in headless Chromium', () => {
  let browser: Browser;
  let rendered: RenderResult;
  beforeAll(async () => {
    rendered = await renderNotebooks({ outDir: 'out/test-notebooks' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => browser?.close());

  it('renders every notebook in notebooks/ to a page', () => {
    expect(rendered.notebooks.map((n) => n.name)).toEqual(NAMES);
    for (const name of Object.keys(CHARTS)) expect(NAMES).toContain(name);
  });

  it.each(NAMES)(
    '%s draws its charts from the disk, offline, without errors',
    async (name) => {
      const page = rendered.notebooks.find((n) => n.name === name)?.page ?? '';
      const url = pathToFileURL(page).href;
      const requests = await drawn(browser, url, CHARTS[name] ?? 1);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      expect(requests.filter((u) => u.startsWith('file:'))).toEqual([url]);
    },
    90_000,
  );

  it('serves the notebooks live for editing (--preview), from node_modules only', async () => {
    const server = await previewNotebooks({ port: 0, logLevel: 'warn' });
    try {
      const base = server.resolvedUrls?.local[0] ?? '';
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const requests = await drawn(browser, `${base}store-comparison.html`, CHARTS['store-comparison'] ?? 1);
      expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});

/**
 * Opens a notebook page and waits for its charts; checks that each has marks (shapes other than
 * d3-axis's), that no cell shows an error and nothing was logged as one. Returns the requests made.
 */
async function drawn(browser: Browser, url: string, charts: number): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(
      `document.querySelectorAll('figure.varv-chart svg').length >= ${charts}`,
      null,
      {
        timeout: 60_000,
      },
    );
    const marks =
      (await page.evaluate(`Array.from(document.querySelectorAll('figure.varv-chart svg'), (svg) =>
      Array.from(svg.querySelectorAll('rect, circle, path, line, polygon')).filter(
        (el) => !el.closest('.tick') && !el.classList.contains('domain'),
      ).length)`)) as number[];
    expect(marks.length).toBe(charts);
    for (const n of marks) expect(n).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.observablehq--error').count()).toBe(0);
    expect(errors).toEqual([]);
    return requests;
  } finally {
    await page.close();
  }
}
