import { hash } from 'node:crypto';
import type { CountV1, HealthV1, SightingV1, VarvEvent } from '../events/index.ts';
import type { Row } from './sql.ts';

/**
 * The content of an event as one string, fields in a fixed order, absent optionals as null: two
 * events have the same fingerprint exactly when they say the same thing (`attrs: {}` and no
 * `attrs` say the same). 128 bits of SHA-256, hex.
 */
export function eventDigest(e: VarvEvent): string {
  let fields: unknown[];
  switch (e.type) {
    case 'sighting':
      fields = [
        e.camera,
        e.cameraClass,
        e.zone,
        e.group,
        e.interval,
        e.attrs?.gender ?? null,
        e.attrs?.age ?? null,
      ];
      break;
    case 'count':
      fields = [e.camera, e.zone, e.direction, e.n];
      break;
    case 'health': {
      const l = e.pixelLifetimeMs;
      fields = [
        e.source,
        e.status,
        e.framesIn,
        e.framesDropped,
        l.count,
        l.p50,
        l.p90,
        l.p99,
        l.max,
        e.message ?? null,
      ];
      break;
    }
  }
  const text = JSON.stringify([e.v, e.type, e.store, e.seq, e.t, ...fields]);
  return hash('sha256', text, 'hex').slice(0, 32);
}

/**
 * A batch of events as column arrays, one set per table, in the order of the parameters of the
 * insert statement (`unnest($1::text[], …)`): one round trip carries thousands of rows.
 */
export class EventColumns {
  readonly keys = {
    store: [] as string[],
    seq: [] as number[],
    type: [] as string[],
    t: [] as number[],
    digest: [] as string[],
  };
  readonly sightings = {
    store: [] as string[],
    seq: [] as number[],
    t: [] as number[],
    camera: [] as string[],
    cameraClass: [] as string[],
    zone: [] as string[],
    group: [] as number[],
    interval: [] as string[],
    gender: [] as (string | null)[],
    age: [] as (string | null)[],
  };
  readonly counts = {
    store: [] as string[],
    seq: [] as number[],
    t: [] as number[],
    camera: [] as string[],
    zone: [] as string[],
    direction: [] as string[],
    n: [] as number[],
  };
  readonly health = {
    store: [] as string[],
    seq: [] as number[],
    t: [] as number[],
    source: [] as string[],
    status: [] as string[],
    framesIn: [] as number[],
    framesDropped: [] as number[],
    count: [] as number[],
    p50: [] as number[],
    p90: [] as number[],
    p99: [] as number[],
    max: [] as number[],
    message: [] as (string | null)[],
  };

  /** The outbox rows (store, seq, the event as JSON), filled only when appending. */
  readonly outbox = { store: [] as string[], seq: [] as number[], payload: [] as string[] };

  add(e: VarvEvent, digest: string, toOutbox: boolean): void {
    if (toOutbox) {
      this.outbox.store.push(e.store);
      this.outbox.seq.push(e.seq);
      this.outbox.payload.push(JSON.stringify(e));
    }
    const k = this.keys;
    k.store.push(e.store);
    k.seq.push(e.seq);
    k.type.push(e.type);
    k.t.push(e.t);
    k.digest.push(digest);
    switch (e.type) {
      case 'sighting': {
        const s = this.sightings;
        s.store.push(e.store);
        s.seq.push(e.seq);
        s.t.push(e.t);
        s.camera.push(e.camera);
        s.cameraClass.push(e.cameraClass);
        s.zone.push(e.zone);
        s.group.push(e.group);
        s.interval.push(e.interval);
        s.gender.push(e.attrs?.gender ?? null);
        s.age.push(e.attrs?.age ?? null);
        break;
      }
      case 'count': {
        const c = this.counts;
        c.store.push(e.store);
        c.seq.push(e.seq);
        c.t.push(e.t);
        c.camera.push(e.camera);
        c.zone.push(e.zone);
        c.direction.push(e.direction);
        c.n.push(e.n);
        break;
      }
      case 'health': {
        const h = this.health;
        const l = e.pixelLifetimeMs;
        h.store.push(e.store);
        h.seq.push(e.seq);
        h.t.push(e.t);
        h.source.push(e.source);
        h.status.push(e.status);
        h.framesIn.push(e.framesIn);
        h.framesDropped.push(e.framesDropped);
        h.count.push(l.count);
        h.p50.push(l.p50);
        h.p90.push(l.p90);
        h.p99.push(l.p99);
        h.max.push(l.max);
        h.message.push(e.message ?? null);
        break;
      }
    }
  }

  /** The parameters of `insertEventsSql`, in order. */
  params(): unknown[] {
    return [
      ...Object.values(this.keys),
      ...Object.values(this.sightings),
      ...Object.values(this.counts),
      ...Object.values(this.health),
      ...Object.values(this.outbox),
    ];
  }
}

/** The columns `eventRowsSql` selects, as one wide row per event: back to a frozen event. */
export function rowToEvent(r: Row): VarvEvent {
  const store = r.store as string;
  const seq = Number(r.seq);
  const t = Number(r.t);
  switch (r.type) {
    case 'sighting': {
      const attrs: { gender?: 'man' | 'woman'; age?: NonNullable<SightingV1['attrs']>['age'] } = {};
      if (r.gender != null) attrs.gender = r.gender as 'man' | 'woman';
      if (r.age != null) attrs.age = r.age as typeof attrs.age;
      const e: SightingV1 = {
        v: 1,
        type: 'sighting',
        store,
        camera: r.s_camera as string,
        cameraClass: r.camera_class as SightingV1['cameraClass'],
        zone: r.s_zone as string,
        group: Number(r.group_id),
        interval: r.interval as SightingV1['interval'],
        t,
        ...(attrs.gender || attrs.age ? { attrs: Object.freeze(attrs) } : {}),
        seq,
      };
      return Object.freeze(e);
    }
    case 'count': {
      const e: CountV1 = {
        v: 1,
        type: 'count',
        store,
        camera: r.c_camera as string,
        zone: r.c_zone as string,
        direction: r.direction as CountV1['direction'],
        n: Number(r.n),
        t,
        seq,
      };
      return Object.freeze(e);
    }
    case 'health': {
      const e: HealthV1 = {
        v: 1,
        type: 'health',
        store,
        source: r.source as string,
        status: r.status as HealthV1['status'],
        framesIn: Number(r.frames_in),
        framesDropped: Number(r.frames_dropped),
        pixelLifetimeMs: Object.freeze({
          count: Number(r.lifetime_count),
          p50: Number(r.lifetime_p50),
          p90: Number(r.lifetime_p90),
          p99: Number(r.lifetime_p99),
          max: Number(r.lifetime_max),
        }),
        ...(r.message != null ? { message: r.message as string } : {}),
        t,
        seq,
      };
      return Object.freeze(e);
    }
    default:
      throw new TypeError(`unknown event type in the store: ${String(r.type)}`);
  }
}
