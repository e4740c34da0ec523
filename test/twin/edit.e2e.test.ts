/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTwin } from '../../bin/commands/twinBuild.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import type { WhatIfJobView } from '../../engine/server/whatIf.ts';
import { type Demo, openDemo } from '../../scenarios/demo/openDemo.ts';
import { WhatIfJobs } from '../../scenarios/whatif/index.ts';
import { CHROMIUM, launchChromium } from './chromium.ts';

// The twin's edit mode in real headless Chromium against the real server and what-if service:
// an admin drags a shelf with the mouse (the layout is checked by the server as it changes), opens
// a till, runs the what-if on a 5-minute window with 2 seeds and reads the KPI table, both heat
// maps and the staffing; a manager gets no edit mode and is refused by every what-if route.
// The demo's store here is the grocery's 15-minute smoke run, which is also the baseline.
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI !== 'true')
  console.warn(
    `twin edit e2e skipped: no ${CHROMIUM} (apt-get install -y chromium); CI=true makes this a failure`,
  );
const SCENARIO = 'scenarios/runs/demo-grocery-smoke.json';
const ADMIN = 'e2e-admin-token';
const MANAGER = 'e2e-manager-token';

type Op = { op: string; id?: string; by?: [number, number]; degrees?: number };

const patchOn = async (page: Page): Promise<Op[]> =>
  JSON.parse((await page.getByTestId('edit-patch').textContent()) ?? '[]') as Op[];

/** Drags an obstacle with the real mouse, from its centre to (dx, dy) metres over the floor from it. */
async function drag(page: Page, id: string, dx: number, dy: number) {
  const at = (x: number, y: number) =>
    page.evaluate(`window.varvEdit.at(${JSON.stringify(id)}, ${x}, ${y})`) as Promise<[number, number]>;
  const [x0, y0] = await at(0, 0);
  const [x1, y1] = await at(dx, dy);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
}

const checkState = (page: Page) => page.getByTestId('edit-check').getAttribute('data-state');

describe.runIf(haveChromium || process.env.CI === 'true')('the twin’s edit mode in headless Chromium', () => {
  let browser: Browser;
  let demo: Demo;
  let whatIf: WhatIfJobs;
  let app: FastifyInstance;
  let base = '';
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    const twinDir = await buildTwin(process.cwd());
    [browser, demo] = await Promise.all([launchChromium(), openDemo([SCENARIO], { speed: 120 })]);
    whatIf = new WhatIfJobs({ baselines: [SCENARIO], workers: 2 });
    app = await buildServer({
      source: demo.source,
      auth: new TokenAuth([
        { token: ADMIN, role: 'admin' },
        { token: MANAGER, role: 'manager' },
      ]),
      twinDir,
      whatIf,
      tickMs: 500,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await whatIf?.close();
    await demo?.close();
    await browser?.close();
  });

  it('an admin drags a shelf, the layout is checked live, and the what-if shows its KPIs, heat maps and staffing', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    await page.goto(`${base}/#token=${ADMIN}`);
    await page.getByTestId('edit-toggle').click({ timeout: 30_000 });
    await expect.poll(() => checkState(page), { timeout: 10_000 }).toBe('valid');
    expect(await patchOn(page)).toEqual([]);

    // Dragged onto its neighbour (gondola-5, 2.8 m east), the shelf overlaps it: red, with the issue listed.
    await drag(page, 'gondola-4', 2.4, 0);
    const onto = (await patchOn(page)).find((o) => o.op === 'moveObstacle' && o.id === 'gondola-4');
    expect(onto?.by?.[0]).toBeGreaterThan(2);
    expect(Math.abs(onto?.by?.[1] ?? 9)).toBeLessThan(0.3);
    await expect.poll(() => checkState(page), { timeout: 10_000 }).toBe('invalid');
    expect(await page.getByTestId('edit-issues').textContent()).toMatch(/gondola-[45]/);
    expect(await page.getByTestId('edit-selected').textContent()).toBe('gondola-4');

    // The key r turns the selected shelf by 15°; put back, the layout is valid again.
    await page.keyboard.press('r');
    expect(await patchOn(page)).toContainEqual({ op: 'rotateObstacle', id: 'gondola-4', degrees: 15 });
    await page.getByTestId('reset-selected').click();
    expect(await patchOn(page)).toEqual([]);
    await expect.poll(() => checkState(page), { timeout: 10_000 }).toBe('valid');

    // A small move east is a valid layout, and the server's check endpoint agrees with the page.
    await drag(page, 'gondola-4', 0.6, 0);
    const moved = (await patchOn(page)).find((o) => o.op === 'moveObstacle' && o.id === 'gondola-4');
    expect(moved?.by?.[0]).toBeGreaterThan(0.4);
    expect(moved?.by?.[0]).toBeLessThan(0.8);
    await expect.poll(() => checkState(page), { timeout: 10_000 }).toBe('valid');
    // A click on the closed till-4 opens it.
    const [tx, ty] = (await page.evaluate('window.varvEdit.project(18, 3.5, 1.2)')) as [number, number];
    await page.mouse.click(tx, ty);
    await expect.poll(() => patchOn(page)).toContainEqual({ op: 'openTill', id: 'till-4' });
    const patch = await patchOn(page);
    const check = await call('POST', '/api/stores/demo-grocery/variants/check', ADMIN, { patch });
    expect(await check.json()).toEqual({ ok: true, issues: [] });
    await expect.poll(() => checkState(page), { timeout: 10_000 }).toBe('valid');

    // Saved as a variant: a varv.variant/1 file with the same patch.
    await page.getByTestId('variant-name').fill('gondola 4 east');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('save-variant').click(),
    ]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(saved).toMatchObject({ format: 'varv.variant/1', name: 'gondola 4 east', patch });
    expect(await page.getByTestId('saved-variants').textContent()).toContain('gondola 4 east');
    // Run on 12:00–12:05 with 2 seeds: progress, then the KPI table and both heat maps.
    await page.getByTestId('whatif-minutes').selectOption('5');
    await page.getByTestId('whatif-seeds').fill('2');
    const started = page.waitForResponse((r) => r.url().endsWith('/api/stores/demo-grocery/whatif'));
    await page.getByTestId('run-whatif').click();
    const job = (await (await started).json()) as WhatIfJobView;
    expect(job).toMatchObject({ total: 4, seeds: [1, 2], window: { start: '12:00', end: '12:05' }, patch });
    await page.getByTestId('whatif-results').waitFor({ timeout: 80_000 });
    const rows = page.getByTestId('kpi-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid=kpi-table] tr[data-kpi=meanWaitS] td').count()).toBe(7);
    const heat = async (id: string) =>
      (await page.evaluate(
        `[...document.querySelectorAll('[data-testid=${id}] path[data-zone]')].map((e) => [e.getAttribute('data-zone'), Number(e.getAttribute('data-value'))])`,
      )) as [string, number][];
    const [before, after] = [await heat('heat-baseline'), await heat('heat-variant')];
    expect(before.map(([z]) => z).sort()).toEqual(after.map(([z]) => z).sort());
    expect(before.length).toBe(9);
    expect(before.some(([, v]) => v > 0)).toBe(true);
    expect(after.some(([, v]) => v > 0)).toBe(true);
    expect(await page.getByTestId('staffing').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('whatif-summary').textContent()).toMatch(
      /of \d+ KPIs differ significantly/,
    );

    // The server's record of the job says the same.
    const done = (await (await call('GET', `/api/whatif/${job.id}`, ADMIN)).json()) as WhatIfJobView;
    expect(done.state).toBe('done');
    expect(done.result?.heat.baseline).toEqual(Object.fromEntries(before));
    await page.close();
  }, 150_000);

  it('a manager gets no edit mode, and every what-if route refuses a manager (403) and no token (401)', async () => {
    const page = await browser.newPage();
    const me = page.waitForResponse((r) => r.url().endsWith('/api/me'));
    await page.goto(`${base}/#token=${MANAGER}`);
    expect(await (await me).json()).toEqual({ role: 'manager', whatIf: true });
    await page.getByTestId('visitors-today').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('edit-toggle').count()).toBe(0);
    await page.close();

    const patch = [{ op: 'openTill', id: 'till-4' }];
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/stores/demo-grocery/whatif'],
      ['POST', '/api/stores/demo-grocery/variants/check', { patch }],
      ['POST', '/api/stores/demo-grocery/whatif', { patch, seeds: 2 }],
      ['GET', '/api/whatif/some-job'],
      ['DELETE', '/api/whatif/some-job'],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, MANAGER, body)).status, `${method} ${path}`).toBe(403);
      expect((await call(method, path, undefined, body)).status, `${method} ${path}`).toBe(401);
    }
    expect(await (await call('GET', '/api/me', ADMIN)).json()).toEqual({ role: 'admin', whatIf: true });
  });
});
