import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CountV1,
  type EventType,
  type HealthV1,
  parseEvent,
  type SightingV1,
  type VarvEvent,
} from '../../engine/events/index.ts';
import type { CameraClass } from '../../engine/layout/index.ts';

// DESIGN §3: "No event type may carry pixels, an embedding or a floor position finer than a
// zone; a type-level test proves it." These assertions are checked by `tsc --noEmit` (npm test);
// at run time expectTypeOf does nothing, so the runtime `it`s below also check a real event.

/** Every key at every depth of T, through unions, optionals and arrays. */
type DeepKeys<T> = T extends readonly (infer E)[]
  ? DeepKeys<E>
  : T extends object
    ? { [K in keyof T & string]-?: K | DeepKeys<NonNullable<T[K]>> }[keyof T & string]
    : never;

/** Every value type at every depth of T (the objects themselves and their leaves). */
type DeepValues<T> = T extends readonly unknown[] | ArrayBufferLike | ArrayBufferView
  ? T
  : T extends object
    ? { [K in keyof T]-?: T[K] | DeepValues<NonNullable<T[K]>> }[keyof T]
    : never;

/** Names of fields that would carry pixels, an embedding, a track or a position finer than a zone. */
type Forbidden =
  | 'embedding'
  | 'pixels'
  | 'image'
  | 'frame'
  | 'crop'
  | 'face'
  | 'vector'
  | 'descriptor'
  | 'x'
  | 'y'
  | 'position'
  | 'floor'
  | 'coordinates'
  | 'bbox'
  | 'track';

type NumberTuple = readonly [number, ...number[]];

/** What an observation looks like (DESIGN §3): the things that must never reach an event. */
type Observation = { camera: string; t: number; embedding: Float32Array; floor?: [number, number] };

const sighting: SightingV1 = {
  v: 1,
  type: 'sighting',
  store: 'demo-grocery',
  camera: 'cam-1',
  cameraClass: 'entrance',
  zone: 'dairy',
  group: 17,
  interval: 'morning',
  t: 1_700_000_000_000,
  attrs: { gender: 'woman', age: '30-44' },
  seq: 1,
};

describe('the helper types (controls: they would catch a leak)', () => {
  it('DeepKeys finds keys nested in objects, optionals, arrays and union members', () => {
    expectTypeOf<DeepKeys<{ a: { b?: { embedding: number } } }>>().toEqualTypeOf<'a' | 'b' | 'embedding'>();
    expectTypeOf<DeepKeys<{ a: { x: number }[] }>>().toEqualTypeOf<'a' | 'x'>();
    expectTypeOf<DeepKeys<{ k: 1 } | { j: { floor: string } }>>().toEqualTypeOf<'k' | 'j' | 'floor'>();
    expectTypeOf<Extract<DeepKeys<Observation>, Forbidden>>().toEqualTypeOf<'embedding' | 'floor'>();
    expectTypeOf<
      Extract<DeepKeys<SightingV1 & { attrs?: { bbox?: string } }>, Forbidden>
    >().toEqualTypeOf<'bbox'>();
  });

  it('DeepValues finds arrays, typed arrays, buffers and tuples at any depth', () => {
    expectTypeOf<Extract<DeepValues<Observation>, ArrayBufferView>>().toEqualTypeOf<Float32Array>();
    expectTypeOf<Extract<DeepValues<Observation>, NumberTuple>>().toEqualTypeOf<[number, number]>();
    expectTypeOf<
      Extract<DeepValues<{ a?: { b: ArrayBuffer } }>, ArrayBufferLike>
    >().toEqualTypeOf<ArrayBuffer>();
    expectTypeOf<Extract<DeepValues<{ a: { b: string[] } }>, readonly unknown[]>>().toEqualTypeOf<string[]>();
    expectTypeOf<DeepValues<{ a: { b: 1 } }>>().toEqualTypeOf<{ b: 1 } | 1>();
  });
});

describe('no event type can carry pixels, an embedding or a position finer than a zone', () => {
  it('no key at any depth of any event is a forbidden name', () => {
    expectTypeOf<Extract<DeepKeys<VarvEvent>, Forbidden>>().toBeNever();
    expectTypeOf<Extract<DeepKeys<SightingV1>, Forbidden>>().toBeNever();
    expectTypeOf<Extract<DeepKeys<CountV1>, Forbidden>>().toBeNever();
    expectTypeOf<Extract<DeepKeys<HealthV1>, Forbidden>>().toBeNever();
    // and DeepKeys really walks the union: the keys of all three events are there
    expectTypeOf<'group' | 'direction' | 'framesIn' | 'p99' | 'gender'>().toExtend<DeepKeys<VarvEvent>>();

    const keys = Object.keys(sighting);
    expect(keys).toContain('zone');
    expect(keys.filter((k) => ['embedding', 'pixels', 'x', 'y', 'floor', 'position'].includes(k))).toEqual(
      [],
    );
  });

  it('no value at any depth is an array, a typed array, an ArrayBuffer or a tuple of numbers', () => {
    expectTypeOf<Extract<DeepValues<VarvEvent>, readonly unknown[]>>().toBeNever();
    expectTypeOf<Extract<DeepValues<VarvEvent>, NumberTuple>>().toBeNever();
    expectTypeOf<Extract<DeepValues<VarvEvent>, ArrayBufferView>>().toBeNever();
    expectTypeOf<Extract<DeepValues<VarvEvent>, ArrayBufferLike>>().toBeNever();
    expectTypeOf<Extract<DeepValues<VarvEvent>, Float32Array | Float64Array | Uint8Array>>().toBeNever();
    // the leaves are only strings and numbers (and the nested objects, and undefined for optionals)
    expectTypeOf<Extract<DeepValues<VarvEvent>, boolean | bigint | symbol | null>>().toBeNever();

    expect(Object.values(sighting).some((v) => Array.isArray(v) || ArrayBuffer.isView(v))).toBe(false);
  });

  it('a sighting says where with a zone id and who with a small group number, nothing else', () => {
    expectTypeOf<SightingV1['zone']>().toEqualTypeOf<string>();
    expectTypeOf<SightingV1['group']>().toEqualTypeOf<number>();
    expectTypeOf<SightingV1['camera']>().toEqualTypeOf<string>();
    expectTypeOf<SightingV1['cameraClass']>().toEqualTypeOf<CameraClass>();
    expectTypeOf<SightingV1['interval']>().toEqualTypeOf<'morning' | 'lunch' | 'afternoon'>();
    expectTypeOf<SightingV1['v']>().toEqualTypeOf<1>();
    expectTypeOf<SightingV1['type']>().toEqualTypeOf<'sighting'>();
    expectTypeOf<NonNullable<SightingV1['attrs']>>().toEqualTypeOf<{
      gender?: 'man' | 'woman' | undefined;
      age?: '0-17' | '18-29' | '30-44' | '45-64' | '65+' | undefined;
    }>();
    // exactly the fields of DESIGN §3, so no extra location field can slip in
    expectTypeOf<keyof SightingV1>().toEqualTypeOf<
      | 'v'
      | 'type'
      | 'store'
      | 'camera'
      | 'cameraClass'
      | 'zone'
      | 'group'
      | 'interval'
      | 't'
      | 'attrs'
      | 'seq'
    >();
    expectTypeOf<keyof CountV1>().toEqualTypeOf<
      'v' | 'type' | 'store' | 'camera' | 'zone' | 'direction' | 'n' | 't' | 'seq'
    >();
    expectTypeOf<keyof HealthV1>().toEqualTypeOf<
      | 'v'
      | 'type'
      | 'store'
      | 'source'
      | 'status'
      | 'framesIn'
      | 'framesDropped'
      | 'pixelLifetimeMs'
      | 'message'
      | 't'
      | 'seq'
    >();
    expectTypeOf<keyof HealthV1['pixelLifetimeMs']>().toEqualTypeOf<
      'count' | 'p50' | 'p90' | 'p99' | 'max'
    >();
    expectTypeOf<EventType>().toEqualTypeOf<'sighting' | 'count' | 'health'>();

    const r = parseEvent(sighting);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expectTypeOf(r.value).toEqualTypeOf<VarvEvent>();
      expect(r.value).toEqual(sighting);
    }
  });

  it('an embedding, pixels or a floor position does not compile into an event', () => {
    const embedding = new Float32Array(512);
    const x = 12.5;
    const y = 3.25;

    // @ts-expect-error a sighting has no embedding field
    const withEmbedding: SightingV1 = { ...sighting, embedding };
    // @ts-expect-error a sighting has no floor position
    const withFloor: SightingV1 = { ...sighting, floor: [x, y] };
    // @ts-expect-error nor separate coordinates
    const withXY: SightingV1 = { ...sighting, x, y };
    // @ts-expect-error nor pixels
    const withPixels: SightingV1 = { ...sighting, pixels: new Uint8Array(64) };
    // @ts-expect-error the zone is an id, not a position
    const zoneAsPoint: SightingV1 = { ...sighting, zone: [x, y] };
    // @ts-expect-error the group is a number, not an embedding
    const groupAsVector: SightingV1 = { ...sighting, group: embedding };
    // @ts-expect-error attrs take gender and age only
    const attrsWithFace: SightingV1 = { ...sighting, attrs: { gender: 'man', face: embedding } };
    // @ts-expect-error satisfies says the same
    const satisfied = { ...sighting, embedding } satisfies SightingV1;
    const count: CountV1 = {
      v: 1,
      type: 'count',
      store: 's',
      camera: 'c',
      zone: 'z',
      direction: 'in',
      n: 1,
      t: 0,
      seq: 0,
      // @ts-expect-error a count has no position either
      position: [x, y],
    };
    // @ts-expect-error nor does any event of the union
    const anyEvent: VarvEvent = { ...sighting, bbox: [x, y, x, y] };

    // the objects exist at run time; the runtime validator rejects what the type forbids
    for (const bad of [
      withEmbedding,
      withFloor,
      withXY,
      withPixels,
      attrsWithFace,
      satisfied,
      count,
      anyEvent,
    ]) {
      expect(parseEvent(bad).ok).toBe(false);
    }
    expect(parseEvent(zoneAsPoint).ok).toBe(false);
    expect(parseEvent(groupAsVector).ok).toBe(false);
  });
});
