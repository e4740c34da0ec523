import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EventStore, MEMORY, openEventStore } from '../../engine/store/index.ts';
import { DirectTransport, OutboxPump } from '../../engine/uplink/index.ts';
import { sampleJpeg } from '../live/fixtures.ts';

// The engine killed with SIGKILL mid-stream (issue #10), twice, and started again on the same
// in-store database: the database opens, the sequence resumes after the highest seq stored, and
// every sighting that was accepted (written to the outbox) reaches the cloud exactly once — no
// gap, no duplicate, no conflict. Frames in flight when the process died were never accepted;
// they are the only loss, and a camera's next frames make up for them.

const dir = mkdtempSync(join(tmpdir(), 'varv-engine-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the engine process; resolves with it once it has appended past `until`. */
function runUntil(
  frames: string,
  until: number,
): Promise<{ child: ChildProcess; start: number; last: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/faults/engineChild.ts', join(dir, 'store'), frames],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let start = -1;
    let last = -1;
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const [word, n] = line.split(' ');
        if (word === 'start') start = Number(n);
        if (word === 'seq') last = Number(n);
      }
      if (start >= 0 && last >= until) resolve({ child, start, last });
    });
    child.on('exit', (code) =>
      reject(new Error(`the engine exited (${code}) before seq ${until}: ${err.slice(-500)}`)),
    );
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('the engine killed with SIGKILL mid-stream', () => {
  it('resumes its sequence after a restart, and every accepted sighting reaches the cloud exactly once', async () => {
    const frames = join(dir, 'frames');
    mkdirSync(frames);
    for (const n of [1, 2, 3, 4, 5, 6])
      writeFileSync(join(frames, `frame-${n}.jpg`), await sampleJpeg(n, 480));

    const first = await runUntil(frames, 20);
    expect(first.start).toBe(0);
    await killed(first.child);

    const second = await runUntil(frames, 0);
    // The store opened after the kill, and the sequence goes on after what was stored.
    expect(second.start).toBeGreaterThan(20);
    const resumedAt = second.start;
    await new Promise<void>((resolve) => {
      second.child.stdout?.on('data', (chunk: string) => {
        if (/seq (\d+)/.test(chunk) && Number(/seq (\d+)\s*$/m.exec(chunk)?.[1]) >= resumedAt + 20) resolve();
      });
    });
    await killed(second.child);

    // A third start, stopped cleanly this time.
    const third = await runUntil(frames, 0);
    expect(third.start).toBeGreaterThan(resumedAt + 20);
    await new Promise<void>((resolve) => {
      third.child.removeAllListeners('exit');
      third.child.on('exit', () => resolve());
      third.child.kill('SIGTERM');
    });

    let store: EventStore | undefined;
    let cloud: EventStore | undefined;
    try {
      store = await openEventStore({ dir: join(dir, 'store'), env: {} });
      const highest = (await store.highestSeq('live-shop')) as number;
      expect(highest).toBeGreaterThanOrEqual(third.start - 1);
      expect(await store.gaps('live-shop')).toEqual([]);
      // Everything accepted is in the outbox still; the uplink delivers it.
      cloud = await openEventStore({ dir: MEMORY });
      const pump = new OutboxPump(store.outbox, new DirectTransport(cloud), { batch: 500 });
      const stats = await pump.drain();
      expect(stats.conflicts).toBe(0);
      expect(await store.outbox.size()).toBe(0);
      const delivered = await cloud.events('live-shop');
      const seqs = delivered.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: highest + 1 }, (_, i) => i));
      expect(await cloud.gaps('live-shop')).toEqual([]);
    } finally {
      await store?.close();
      await cloud?.close();
    }
  }, 240_000);
});
