import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvEvent } from '../../engine/events/index.ts';
import type { EventStore } from '../../engine/store/index.ts';
import {
  Backoff,
  DirectTransport,
  OutboxPump,
  openUplink,
  type SendOutcome,
  type Transport,
} from '../../engine/uplink/index.ts';
import { HOOK_MS, memoryStore } from '../services.ts';
import { mixedEvents, sighting, sightings } from '../store/fixtures.ts';

// Issue 5, the uplink without a broker: the outbox drains straight into the cloud store, with the
// same semantics as over JetStream (marked sent only once the cloud has committed, retried with
// backoff while it fails, exactly once in the end).

let local: EventStore;
let cloud: EventStore;
beforeAll(async () => {
  [local, cloud] = await Promise.all([memoryStore(), memoryStore()]);
}, HOOK_MS);
afterAll(async () => {
  await Promise.all([local?.close(), cloud?.close()]);
}, HOOK_MS);

/** The real in-process transport behind an outage: fails whole rounds, then acknowledges only part of one. */
class Outage implements Transport {
  readonly kind = 'in-process';
  readonly target = 'flaky';
  rounds = 0;
  constructor(
    private readonly inner: Transport,
    private readonly failRounds: number,
  ) {}
  async send(events: readonly VarvEvent[]): Promise<SendOutcome> {
    this.rounds++;
    if (this.rounds <= this.failRounds) throw new Error(`cloud down (round ${this.rounds})`);
    if (this.rounds === this.failRounds + 1) {
      // Half gets through and is acknowledged; the rest is lost on the way.
      const half = events.slice(0, Math.ceil(events.length / 2));
      return { ...(await this.inner.send(half)), error: new Error('connection reset mid-batch') };
    }
    return this.inner.send(events);
  }
  close() {
    return this.inner.close();
  }
}

describe('the in-process uplink (no VARV_NATS_URL)', () => {
  it('drains the outbox into the cloud store, each event once, and empties the outbox', async () => {
    const events = mixedEvents('demo-grocery', 1500);
    const store = events[0]?.store as string;
    await local.outbox.append(events);
    const pump = openUplink({ outbox: local.outbox, cloud, env: {}, batch: 250 });
    expect(pump.transport.kind).toBe('in-process');
    const stats = await pump.drain();
    expect(stats).toEqual({ sent: events.length, duplicates: 0, conflicts: 0, failures: 0 });
    expect(await local.outbox.size()).toBe(0);
    expect(await cloud.events(store)).toEqual(await local.events(store));
    await pump.stop();
  });

  it('keeps what was not acknowledged, retries with growing delays, and ends with each event once', async () => {
    const events = sightings('outage', 300);
    await local.outbox.append(events);
    const errors: [string, number][] = [];
    const transport = new Outage(new DirectTransport(cloud), 3);
    const pump = new OutboxPump(local.outbox, transport, {
      batch: 100,
      backoff: new Backoff(1, 4),
      onError: (e, attempts) => errors.push([(e as Error).message, attempts]),
    });
    const stats = await pump.drain();
    expect(errors).toEqual([
      ['cloud down (round 1)', 1],
      ['cloud down (round 2)', 2],
      ['cloud down (round 3)', 3],
      ['connection reset mid-batch', 4],
    ]);
    expect(stats).toMatchObject({ sent: 300, duplicates: 0, failures: 4 });
    expect(await local.outbox.size()).toBe(0);
    expect(await cloud.events('outage')).toEqual(events);
    await pump.stop();
  });

  it('a re-sent event is a duplicate in the cloud; a conflicting one is reported and does not block the rest', async () => {
    await cloud.insert([sighting('resend', 0), { ...sighting('resend', 1), zone: 'elsewhere' }]);
    await local.outbox.append(sightings('resend', 3));
    const conflicts: number[] = [];
    const pump = openUplink({
      outbox: local.outbox,
      cloud,
      env: {},
      onConflict: (c) => conflicts.push(c.seq),
    });
    expect(await pump.drain()).toEqual({ sent: 3, duplicates: 1, conflicts: 1, failures: 0 });
    expect(conflicts).toEqual([1]);
    expect(await local.outbox.size()).toBe(0);
    expect(await cloud.get('resend', 1)).toMatchObject({ zone: 'elsewhere' });
    await pump.stop();
  });

  it('runs in the background: events appended later go out after wake(), and stop() ends it', async () => {
    let progressed: () => void = () => {};
    const pump = openUplink({
      outbox: local.outbox,
      cloud,
      env: {},
      idleMs: 60_000,
      onProgress: (s) => {
        if (s.sent >= 5) progressed();
      },
    });
    pump.start();
    const done = new Promise<void>((resolve) => {
      progressed = resolve;
    });
    await local.outbox.append(sightings('later', 5));
    pump.wake();
    await done;
    await pump.stop();
    expect(await cloud.events('later')).toEqual(sightings('later', 5));
  });

  it('needs a NATS URL or a cloud store', () => {
    expect(() => openUplink({ outbox: local.outbox, env: {} })).toThrow(
      expect.objectContaining({ code: 'E_CONFIG' }),
    );
  });
});

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, and starts again after a success', () => {
    const b = new Backoff(100, 1000);
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(b.attempts).toBe(6);
    b.reset();
    expect(b.next()).toBe(100);
    expect(() => new Backoff(0, 10)).toThrow(RangeError);
  });
});
