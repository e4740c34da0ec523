import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InlineRunner,
  loadWhatIf,
  type QueueNames,
  runAll,
  runWhatIf,
  type WhatIfReport,
  WhatIfWorker,
  whatIfJobs,
  whatIfReport,
} from '../../scenarios/whatif/index.ts';
import { HOOK_MS, natsSkip, TEST_NATS_URL, uniqueName } from '../services.ts';

// Issue 9: the same what-if gives the same report, byte for byte, whoever runs it — this thread,
// worker threads (`varv whatif --workers 2`), or 1, 2 and 4 workers taking the runs from the NATS
// JetStream work queue (two of them `varv worker` processes) — because results are collected by
// (arm, seed), never by arrival. And a variant that changes nothing is found to change nothing.
// Ten minutes of the grocery at its peak rate on two seeds keeps this affordable.

/** Runs `varv` like test/cli/varv.ts does, without blocking this process (its workers need the event loop). */
async function varvAsync(args: string[], env: NodeJS.ProcessEnv) {
  const c = spawn(process.execPath, ['bin/varv.js', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  c.stdout?.on('data', (d) => {
    stdout += d;
  });
  c.stderr?.on('data', (d) => {
    stderr += d;
  });
  const [code] = await once(c, 'exit');
  return { code, stdout, stderr, lastLine: stdout.trim().split('\n').at(-1) ?? '' };
}

const dir = mkdtempSync(join(tmpdir(), 'varv-whatif-workers-'));
const peak = JSON.parse(readFileSync('scenarios/runs/demo-grocery-peak.json', 'utf8'));
const BASE = join(dir, 'peak-10min.json');
writeFileSync(
  BASE,
  JSON.stringify({
    ...peak,
    store: resolve('scenarios/stores/demo-grocery.json'),
    clock: { start: '12:00', end: '12:10', days: 1 },
  }),
);
const FIFTH = 'scenarios/variants/grocery-fifth-till.json';
const SAME = 'scenarios/variants/grocery-no-change.json';
const SEEDS = [1, 2];
const arms = loadWhatIf(BASE, [FIFTH]);
const info = (a: typeof arms) =>
  a.map(({ name, file, description, patch }) => ({ name, file, description, patch }));

/** The report of this thread, one run after another: what every other way must reproduce. */
let reference: WhatIfReport;
let noChange: WhatIfReport;
const skip = await natsSkip();

beforeAll(async () => {
  const three = loadWhatIf(BASE, [FIFTH, SAME]);
  const runner = new InlineRunner();
  const results = await runAll(runner, whatIfJobs(three, SEEDS));
  noChange = whatIfReport(
    info([three[0], three[2]] as typeof three),
    SEEDS,
    results.filter((r) => r.variant !== 1).map((r) => ({ ...r, variant: r.variant ? 1 : 0 })),
  );
  reference = whatIfReport(
    info(arms),
    SEEDS,
    results.filter((r) => r.variant !== 2),
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('what-if runs on threads', () => {
  it('a variant that changes nothing differs in no KPI (common random numbers reproduce the baseline)', () => {
    const c = noChange.comparisons[0];
    expect(c?.tested).toBeGreaterThan(20);
    expect(c?.significant).toEqual([]);
    expect(c?.significantHolm).toEqual([]);
    for (const row of c?.rows ?? [])
      expect(row.diff.mean === null || row.diff.mean === 0, row.kpi).toBe(true);
  });

  it('a failed run stops the what-if, names its arm and seed, and cancels the runs not started', async () => {
    const bad = [
      { ...(arms[0] as (typeof arms)[number]), name: 'broken', wire: { format: 'nonsense' } },
      ...arms,
    ];
    const done: string[] = [];
    await expect(
      runWhatIf(bad, { seeds: SEEDS, workers: 1, onResult: (r) => done.push(r.error?.code ?? 'ok') }),
    ).rejects.toThrow(
      /"broken" on seed 1 failed: the job's scenario is invalid:\n {2}format: expected "varv\.scenario\/1"/,
    );
    expect(done).toEqual(['E_WHATIF_JOB', ...Array(5).fill('E_WHATIF_CANCELLED')]);
  });

  it('worker threads give the report of one thread, byte for byte', async () => {
    const report = await runWhatIf(arms, { seeds: SEEDS, workers: 2 });
    expect(JSON.stringify(report)).toBe(JSON.stringify(reference));
  }, 120_000);
});

describe.skipIf(skip !== null)('what-if runs over the NATS JetStream work queue', () => {
  const queues: QueueNames[] = [];
  const children: ChildProcess[] = [];
  /** A work queue of this test's own on the shared broker. */
  const ownQueue = (): QueueNames => {
    const id = uniqueName('whatif').toLowerCase();
    const q = {
      jobsStream: `${id}_JOBS`.toUpperCase(),
      jobsSubject: `varvtest.${id}.jobs`,
      consumer: `${id}-workers`,
      resultsStream: `${id}_RESULTS`.toUpperCase(),
      resultsSubject: `varvtest.${id}.results`,
    };
    queues.push(q);
    return q;
  };
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    const nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const q of queues) {
      await jsm.streams.delete(q.jobsStream).catch(() => {});
      await jsm.streams.delete(q.resultsStream).catch(() => {});
    }
    await nc.close();
  }, HOOK_MS);

  /** Runs the what-if through the queue with `n` workers in this process (each on its main thread). */
  async function inProcessRun(n: number) {
    const queue = ownQueue();
    const workers = Array.from(
      { length: n },
      (_, i) => new WhatIfWorker(TEST_NATS_URL, { threads: 0, name: `w${i}`, queue }),
    );
    await Promise.all(workers.map((w) => w.start()));
    let report: WhatIfReport;
    try {
      report = await runWhatIf(arms, {
        seeds: SEEDS,
        workers: 0,
        natsUrl: TEST_NATS_URL,
        queue,
        idleTimeoutMs: 60_000,
      });
    } finally {
      // Stopped first: a worker counts a job once the broker acked its result, which may come after the report.
      await Promise.all(workers.map((w) => w.stop()));
    }
    return { report, jobs: workers.map((w) => w.stats.jobs) };
  }

  it('1 worker gives the same report as one thread', async () => {
    const { report, jobs } = await inProcessRun(1);
    expect(jobs).toEqual([4]);
    expect(JSON.stringify(report)).toBe(JSON.stringify(reference));
  }, 120_000);

  it('2 `varv worker` processes give the same report to `varv whatif`, and stop cleanly on SIGTERM', async () => {
    const start = () => {
      const c = spawn(process.execPath, ['bin/varv.js', 'worker', '--threads', '0', '--json'], {
        env: { ...process.env, VARV_NATS_URL: TEST_NATS_URL, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(c);
      let stdout = '';
      let stderr = '';
      c.stdout?.on('data', (d) => {
        stdout += d;
      });
      c.stderr?.on('data', (d) => {
        stderr += d;
      });
      return { c, out: () => stdout, err: () => stderr };
    };
    const procs = [start(), start()];
    const out = join(dir, 'nats-2');
    const r = await varvAsync(
      ['whatif', BASE, FIFTH, '--seeds', '2', '--first-seed', '1', '--timeout', '90', '--out', out, '--json'],
      { VARV_NATS_URL: TEST_NATS_URL },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.lastLine);
    expect(summary).toMatchObject({
      command: 'whatif',
      ok: true,
      runs: 4,
      where: 'nats',
      workers: 0,
      seeds: SEEDS,
    });
    expect(r.stdout).toContain('"fifth till" (scenarios/variants/grocery-fifth-till.json)');
    expect(r.stdout).toMatch(/mean wait in line \(Little\)\s+s\s/);
    expect(r.stdout).toContain('on the work queue at nats://127.0.0.1:4222');
    const written = readFileSync(join(out, 'whatif.json'), 'utf8');
    expect(JSON.stringify(JSON.parse(written))).toBe(JSON.stringify(reference));
    const html = readFileSync(join(out, 'whatif.html'), 'utf8');
    expect(html).toContain('<h2>fifth till');
    expect(html).toContain('mean wait in line (Little)');
    for (const p of procs) p.c.kill('SIGTERM');
    const codes = await Promise.all(procs.map((p) => once(p.c, 'exit').then(([code]) => code)));
    expect(codes).toEqual([0, 0]);
    const done = procs.map((p) => JSON.parse(p.out().trim().split('\n').at(-1) as string).jobs as number);
    expect(done.reduce((a, b) => a + b, 0)).toBe(4);
    expect(procs[0]?.err()).toContain('stopping: finishing the runs in hand');
  }, 120_000);

  it('4 workers give the same report, with the runs spread over them', async () => {
    const { report, jobs } = await inProcessRun(4);
    expect(jobs.reduce((a, b) => a + b, 0)).toBe(4);
    expect(jobs.filter((j) => j > 0).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(report)).toBe(JSON.stringify(reference));
  }, 120_000);

  it('gives up with a clear message when no worker takes the runs', async () => {
    const queue = ownQueue();
    await expect(
      runWhatIf(arms, { seeds: SEEDS, workers: 0, natsUrl: TEST_NATS_URL, queue, idleTimeoutMs: 1500 }),
    ).rejects.toThrow(
      /no result for 1.5 s from the work queue at nats:\/\/127\.0\.0\.1:4222 \(0 of 4 runs done\): is a `varv worker` running there\?/,
    );
    // The batch's jobs were purged: a worker starting now finds nothing.
    const nc = await connect({ servers: TEST_NATS_URL });
    const info = await (await jetstreamManager(nc)).streams.info(queue.jobsStream);
    await nc.close();
    expect(info.state.messages).toBe(0);
  }, 60_000);
});
