import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageBands,
  type CountV1,
  countV1,
  decodeEvent,
  encodeEvent,
  eventSchema,
  genders,
  type HealthV1,
  healthV1,
  parseEvent,
  type SightingV1,
  sightingV1,
  type VarvEvent,
} from '../../engine/events/index.ts';
import { cameraClasses, type LayoutIssue } from '../../engine/layout/index.ts';
import { intervalNames } from '../../engine/privacy/index.ts';

// DESIGN §3 and issue 3 ("Events"): a versioned discriminated union, strict runtime validation
// (unknown fields rejected), a JSON round trip, and a runtime proof that no event can carry
// pixels, an embedding or a position finer than a zone.

// biome-ignore lint/suspicious/noExplicitAny: the cases break events in ways their types forbid
type Json = any;
type Path = readonly string[];

// ---------------------------------------------------------------- arbitraries (from the schema)

const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
const epochMsArb = fc.maxSafeNat();
const seqArb = fc.maxSafeNat();
/** A finite number ≥ 0, never -0 (JSON has no -0, so it could not round-trip). */
const nonNegativeArb = fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }).map((x) => x + 0);

const attrsArb = fc.record(
  { gender: fc.constantFrom(...genders), age: fc.constantFrom(...ageBands) },
  { requiredKeys: [], noNullPrototype: true },
);

const sightingArb: fc.Arbitrary<SightingV1> = fc.record(
  {
    v: fc.constant(1 as const),
    type: fc.constant('sighting' as const),
    store: idArb,
    camera: idArb,
    cameraClass: fc.constantFrom(...cameraClasses),
    zone: idArb,
    group: fc.integer({ min: 0, max: (1 << 20) - 1 }),
    interval: fc.constantFrom(...intervalNames),
    t: epochMsArb,
    attrs: attrsArb,
    seq: seqArb,
  },
  {
    requiredKeys: ['v', 'type', 'store', 'camera', 'cameraClass', 'zone', 'group', 'interval', 't', 'seq'],
    noNullPrototype: true,
  },
);

const countArb: fc.Arbitrary<CountV1> = fc.record(
  {
    v: fc.constant(1 as const),
    type: fc.constant('count' as const),
    store: idArb,
    camera: idArb,
    zone: idArb,
    direction: fc.constantFrom('in' as const, 'out' as const),
    n: fc.integer({ min: 1, max: 10_000 }),
    t: epochMsArb,
    seq: seqArb,
  },
  { noNullPrototype: true },
);

const healthArb: fc.Arbitrary<HealthV1> = fc.record(
  {
    v: fc.constant(1 as const),
    type: fc.constant('health' as const),
    store: idArb,
    source: fc.oneof(fc.constant('engine'), idArb),
    status: fc.constantFrom('ok' as const, 'degraded' as const, 'down' as const),
    framesIn: fc.maxSafeNat(),
    framesDropped: fc.maxSafeNat(),
    pixelLifetimeMs: fc.record(
      {
        count: fc.maxSafeNat(),
        p50: nonNegativeArb,
        p90: nonNegativeArb,
        p99: nonNegativeArb,
        max: nonNegativeArb,
      },
      { noNullPrototype: true },
    ),
    // at most 150 code points of any kind (lone surrogates too) is at most 300 UTF-16 units
    message: fc.string({ unit: 'binary', maxLength: 150 }),
    t: epochMsArb,
    seq: seqArb,
  },
  {
    requiredKeys: [
      'v',
      'type',
      'store',
      'source',
      'status',
      'framesIn',
      'framesDropped',
      'pixelLifetimeMs',
      't',
      'seq',
    ],
    noNullPrototype: true,
  },
);

const eventArb: fc.Arbitrary<VarvEvent> = fc.oneof(sightingArb, countArb, healthArb);

// ---------------------------------------------------------------- the fields of each event

type Kind = 'number' | 'string' | 'object';
type Field = { path: Path; kind: Kind };

/** Every field of every event type, nested ones included (checked against the schema below). */
const fields: Record<VarvEvent['type'], Field[]> = {
  sighting: [
    { path: ['v'], kind: 'number' },
    { path: ['type'], kind: 'string' },
    { path: ['store'], kind: 'string' },
    { path: ['camera'], kind: 'string' },
    { path: ['cameraClass'], kind: 'string' },
    { path: ['zone'], kind: 'string' },
    { path: ['group'], kind: 'number' },
    { path: ['interval'], kind: 'string' },
    { path: ['t'], kind: 'number' },
    { path: ['attrs'], kind: 'object' },
    { path: ['attrs', 'gender'], kind: 'string' },
    { path: ['attrs', 'age'], kind: 'string' },
    { path: ['seq'], kind: 'number' },
  ],
  count: [
    { path: ['v'], kind: 'number' },
    { path: ['type'], kind: 'string' },
    { path: ['store'], kind: 'string' },
    { path: ['camera'], kind: 'string' },
    { path: ['zone'], kind: 'string' },
    { path: ['direction'], kind: 'string' },
    { path: ['n'], kind: 'number' },
    { path: ['t'], kind: 'number' },
    { path: ['seq'], kind: 'number' },
  ],
  health: [
    { path: ['v'], kind: 'number' },
    { path: ['type'], kind: 'string' },
    { path: ['store'], kind: 'string' },
    { path: ['source'], kind: 'string' },
    { path: ['status'], kind: 'string' },
    { path: ['framesIn'], kind: 'number' },
    { path: ['framesDropped'], kind: 'number' },
    { path: ['pixelLifetimeMs'], kind: 'object' },
    { path: ['pixelLifetimeMs', 'count'], kind: 'number' },
    { path: ['pixelLifetimeMs', 'p50'], kind: 'number' },
    { path: ['pixelLifetimeMs', 'p90'], kind: 'number' },
    { path: ['pixelLifetimeMs', 'p99'], kind: 'number' },
    { path: ['pixelLifetimeMs', 'max'], kind: 'number' },
    { path: ['message'], kind: 'string' },
    { path: ['t'], kind: 'number' },
    { path: ['seq'], kind: 'number' },
  ],
};

/** The only fields that may hold a number: none of them can be a coordinate. */
const NUMERIC_ALLOW_LIST = new Set([
  'v',
  'group',
  't',
  'seq',
  'n',
  'framesIn',
  'framesDropped',
  'count',
  'p50',
  'p90',
  'p99',
  'max',
]);

/** Names an event must never have, at any depth. */
const FORBIDDEN_NAMES = [
  'embedding',
  'pixels',
  'image',
  'frame',
  'crop',
  'face',
  'vector',
  'descriptor',
  'x',
  'y',
  'position',
  'floor',
  'coordinates',
  'bbox',
  'track',
];

/** The objects inside an event that can be given an extra field, with their known keys. */
function objectsOf(type: VarvEvent['type']): { path: Path; known: Set<string> }[] {
  const fs = fields[type];
  const childrenOf = (parent: Path) =>
    new Set(
      fs
        .filter((f) => f.path.length === parent.length + 1 && parent.every((k, i) => f.path[i] === k))
        .map((f) => f.path[parent.length] as string),
    );
  return [[] as Path, ...fs.filter((f) => f.kind === 'object').map((f) => f.path)].map((path) => ({
    path,
    known: childrenOf(path),
  }));
}

// ---------------------------------------------------------------- helpers

function clone<T>(v: T): Json {
  return JSON.parse(JSON.stringify(v));
}

/** Sets a value at a path as an own property (even `__proto__`), creating missing objects. */
function setAt(root: Json, path: Path, value: unknown): Json {
  let node = root;
  for (const k of path.slice(0, -1)) {
    if (node[k] === undefined)
      Object.defineProperty(node, k, { value: {}, enumerable: true, writable: true });
    node = node[k];
  }
  Object.defineProperty(node, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

/**
 * The expected issue path, written independently of the code under test: identifier-like keys
 * joined by dots, any other key (empty, with spaces or dots) quoted in brackets.
 */
function pathOf(path: Path): string {
  return path
    .map((k, i) => (/^[A-Za-z_$][\w$]*$/.test(k) ? (i === 0 ? k : `.${k}`) : `[${JSON.stringify(k)}]`))
    .join('');
}

function issuesOf(input: unknown): LayoutIssue[] {
  const r = parseEvent(input);
  return r.ok ? [] : r.issues;
}

type JsonKind = 'null' | 'array' | 'object' | 'number' | 'string' | 'boolean';
function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonKind;
}

/** Every leaf of a JSON value with the key it sits under; arrays are reported, not entered. */
function walk(v: unknown, key: string, out: { key: string; value: unknown; isArray: boolean }[]) {
  if (Array.isArray(v)) out.push({ key, value: v, isArray: true });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, out);
  else out.push({ key, value: v, isArray: false });
  return out;
}

function isDeepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  return Object.isFrozen(v) && Object.values(v).every(isDeepFrozen);
}

const notJson = (s: string) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return true;
  }
};

// ---------------------------------------------------------------- the tests

describe('valid events', () => {
  it('are accepted by parseEvent, which returns an equal copy and leaves the input alone', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const before = clone(e);
        const r = parseEvent(e);
        expect(r).toStrictEqual({ ok: true, value: e });
        if (!r.ok) return;
        expect(r.value).not.toBe(e);
        expect(Object.isFrozen(e)).toBe(false);
        expect(e).toStrictEqual(before);
      }),
    );
  });

  it('round-trip through one line of JSON to a deep-equal object', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const line = encodeEvent(e);
        expect(line).not.toContain('\n');
        const r = decodeEvent(line);
        expect(r).toStrictEqual({ ok: true, value: e });
        if (r.ok) expect(encodeEvent(r.value)).toBe(line);
      }),
    );
  });

  it('come back frozen: assigning to, adding or deleting a top-level field throws', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        for (const r of [parseEvent(e), decodeEvent(encodeEvent(e))]) {
          if (!r.ok) throw new Error('a valid event was rejected');
          const value: Json = r.value;
          expect(Object.isFrozen(value)).toBe(true);
          expect(() => {
            value.zone = 'elsewhere';
          }).toThrow(TypeError);
          expect(() => {
            value.embedding = [0.1, 0.2];
          }).toThrow(TypeError);
          expect(() => {
            delete value.t;
          }).toThrow(TypeError);
          expect(r.value).toStrictEqual(e);
        }
      }),
    );
  });

  // Found by this test: parseEvent used to freeze only the top level, so
  // `decoded.pixelLifetimeMs.p99 = 0` silently changed an accepted event.
  it('come back frozen all the way down (attrs, pixelLifetimeMs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          sightingArb.filter((s) => s.attrs !== undefined),
          healthArb,
        ),
        (e) => {
          const r = decodeEvent(encodeEvent(e));
          expect(r.ok).toBe(true);
          if (r.ok) expect(isDeepFrozen(r.value)).toBe(true);
        },
      ),
    );
  });

  it('accept the edges of every range', () => {
    const s: SightingV1 = {
      v: 1,
      type: 'sighting',
      store: 'a',
      camera: 'c'.repeat(64),
      cameraClass: 'exit',
      zone: '0',
      group: (1 << 20) - 1,
      interval: 'afternoon',
      t: Number.MAX_SAFE_INTEGER,
      attrs: {},
      seq: 0,
    };
    const c: CountV1 = {
      v: 1,
      type: 'count',
      store: 's',
      camera: 'c',
      zone: 'z',
      direction: 'out',
      n: 10_000,
      t: 0,
      seq: 0,
    };
    const h: HealthV1 = {
      v: 1,
      type: 'health',
      store: 's',
      source: 'engine',
      status: 'down',
      framesIn: 0,
      framesDropped: 0,
      pixelLifetimeMs: { count: 0, p50: 0, p90: 0.5, p99: 1e-300, max: Number.MAX_VALUE },
      message: 'm'.repeat(300),
      t: 0,
      seq: Number.MAX_SAFE_INTEGER,
    };
    for (const e of [s, c, { ...c, n: 1 }, { ...s, group: 0 }, h]) expect(issuesOf(e)).toEqual([]);
  });
});

describe('the field table used below', () => {
  /** The schema's own fields, read from the zod shapes. */
  function shapeFields(shape: Record<string, Json>, prefix: Path = []): Field[] {
    return Object.entries(shape).flatMap(([k, s]): Field[] => {
      const inner = s.def.type === 'optional' ? s.def.innerType : s;
      const t = inner.def.type;
      const kind: Kind =
        t === 'object' ? 'object' : t === 'number' || (t === 'literal' && k === 'v') ? 'number' : 'string';
      const here = { path: [...prefix, k], kind };
      return t === 'object' ? [here, ...shapeFields(inner.shape, here.path)] : [here];
    });
  }

  it('lists exactly the fields of the schema, with their JSON kinds', () => {
    const sortByPath = (fs: Field[]) => [...fs].sort((a, b) => pathOf(a.path).localeCompare(pathOf(b.path)));
    expect(sortByPath(shapeFields(sightingV1.shape))).toEqual(sortByPath(fields.sighting));
    expect(sortByPath(shapeFields(countV1.shape))).toEqual(sortByPath(fields.count));
    expect(sortByPath(shapeFields(healthV1.shape))).toEqual(sortByPath(fields.health));
    expect(eventSchema.options).toEqual([sightingV1, countV1, healthV1]);
  });
});

describe('strict validation: an extra field is rejected', () => {
  const nameArb = fc.oneof(
    fc.constantFrom(...FORBIDDEN_NAMES, 'floorX', 'Embedding', '__proto__', 'constructor', 'toString'),
    fc.string({ minLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1 }),
  );
  const valueArb = fc.oneof(
    fc.jsonValue(),
    fc.constant(undefined),
    fc.array(fc.double({ noNaN: true }), { minLength: 2, maxLength: 512 }),
  );

  it('at any depth, with rule "unknown-field" at its path, and nothing else is reported', () => {
    fc.assert(
      fc.property(
        eventArb.chain((e) => fc.tuple(fc.constant(e), fc.constantFrom(...objectsOf(e.type)))),
        nameArb,
        valueArb,
        ([e, target], name, value) => {
          fc.pre(!target.known.has(name));
          const bad = setAt(clone(e), [...target.path, name], value);
          const issues = issuesOf(bad);
          expect(issues).toEqual([
            { path: pathOf([...target.path, name]), rule: 'unknown-field', message: expect.any(String) },
          ]);
        },
      ),
    );
  });

  it('also when it arrives as JSON, e.g. an embedding, pixels or a floor position', () => {
    const e: SightingV1 = {
      v: 1,
      type: 'sighting',
      store: 's',
      camera: 'c',
      cameraClass: 'aisle',
      zone: 'dairy',
      group: 7,
      interval: 'lunch',
      t: 1,
      seq: 2,
      attrs: { age: '65+' },
    };
    const line = JSON.stringify(e);
    const cases: [string, string][] = [
      [line.replace('{', '{"embedding":[0.12,-0.5,0.33],'), 'embedding'],
      [line.replace('{', '{"pixels":"iVBORw0KGgo=",'), 'pixels'],
      [line.replace('{', '{"x":12.5,'), 'x'],
      [line.replace('{', '{"floor":[12.5,3.25],'), 'floor'],
      [line.replace('{', '{"__proto__":{"floor":[1,2]},'), '__proto__'],
      [line.replace('"age"', '"bbox":[1,2,3,4],"age"'), 'attrs.bbox'],
    ];
    for (const [bad, path] of cases) {
      expect(decodeEvent(bad)).toStrictEqual({
        ok: false,
        issues: [{ path, rule: 'unknown-field', message: 'unknown field (check its spelling)' }],
      });
    }
  });

  it('even when it is inherited rather than own', () => {
    const e = {
      v: 1,
      type: 'count',
      store: 's',
      camera: 'c',
      zone: 'z',
      direction: 'in',
      n: 1,
      t: 0,
      seq: 0,
    };
    const bad = Object.assign(Object.create({ embedding: [0.1, 0.2] }), e);
    expect(issuesOf(bad)).toEqual([
      { path: 'embedding', rule: 'unknown-field', message: expect.any(String) },
    ]);
  });

  // Found by this test: formatPath used to turn a key '' into '(root)', as if the whole event
  // were unknown; now such keys are quoted, e.g. [""].
  it('names an empty-named extra field distinctly from the event itself', () => {
    const e = {
      v: 1,
      type: 'count',
      store: 's',
      camera: 'c',
      zone: 'z',
      direction: 'in',
      n: 1,
      t: 0,
      seq: 0,
    };
    const issues = issuesOf({ ...e, '': 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.rule).toBe('unknown-field');
    expect(issues[0]?.path).not.toBe('(root)');
  });
});

describe('a value of the wrong type is rejected at its field', () => {
  it('for every field of every event, nested ones included', () => {
    fc.assert(
      fc.property(
        eventArb.chain((e) =>
          fc.tuple(
            fc.constant(e),
            fc.constantFrom(...fields[e.type]).chain((f) =>
              fc.tuple(
                fc.constant(f),
                fc
                  .oneof(fc.jsonValue(), fc.array(fc.double(), { minLength: 2 }))
                  .filter((v) => jsonKind(v) !== f.kind),
              ),
            ),
          ),
        ),
        ([e, [field, value]]) => {
          const bad = setAt(clone(e), field.path, value);
          const issues = issuesOf(bad);
          expect(issues.length).toBeGreaterThan(0);
          for (const i of issues) expect(i.path).toBe(pathOf(field.path));
          expect(() => encodeEvent(bad)).toThrow(TypeError);
        },
      ),
    );
  });

  it('and so is a value of the right type out of its range', () => {
    const s = { v: 1, type: 'sighting', store: 's', camera: 'c', cameraClass: 'aisle', zone: 'z', group: 3 };
    const sighting = { ...s, interval: 'lunch', t: 0, seq: 0 };
    const count = {
      v: 1,
      type: 'count',
      store: 's',
      camera: 'c',
      zone: 'z',
      direction: 'in',
      n: 1,
      t: 0,
      seq: 0,
    };
    const lifetime = { count: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    const health = {
      v: 1,
      type: 'health',
      store: 's',
      source: 'engine',
      status: 'ok',
      framesIn: 0,
      framesDropped: 0,
      pixelLifetimeMs: lifetime,
      t: 0,
      seq: 0,
    };
    const cases: [Json, string][] = [
      [{ ...sighting, v: 2 }, 'v'],
      [{ ...sighting, group: 1 << 20 }, 'group'],
      [{ ...sighting, group: -1 }, 'group'],
      [{ ...sighting, group: 1.5 }, 'group'],
      [{ ...sighting, group: Number.NaN }, 'group'],
      [{ ...sighting, t: -1 }, 't'],
      [{ ...sighting, t: 0.5 }, 't'],
      [{ ...sighting, t: Number.POSITIVE_INFINITY }, 't'],
      [{ ...sighting, seq: Number.MAX_SAFE_INTEGER + 2 }, 'seq'],
      [{ ...sighting, zone: '' }, 'zone'],
      [{ ...sighting, zone: 'z'.repeat(65) }, 'zone'],
      [{ ...sighting, zone: '12.5 3.25' }, 'zone'],
      [{ ...sighting, cameraClass: 'ceiling' }, 'cameraClass'],
      [{ ...sighting, interval: 'night' }, 'interval'],
      [{ ...sighting, attrs: { gender: 'other' } }, 'attrs.gender'],
      [{ ...sighting, attrs: { age: '18-30' } }, 'attrs.age'],
      [{ ...count, n: 0 }, 'n'],
      [{ ...count, n: 10_001 }, 'n'],
      [{ ...count, direction: 'up' }, 'direction'],
      [{ ...health, status: 'fine' }, 'status'],
      [{ ...health, framesDropped: -1 }, 'framesDropped'],
      [{ ...health, message: 'm'.repeat(301) }, 'message'],
      [{ ...health, pixelLifetimeMs: { ...lifetime, p99: -0.001 } }, 'pixelLifetimeMs.p99'],
      [{ ...health, pixelLifetimeMs: { ...lifetime, max: Number.POSITIVE_INFINITY } }, 'pixelLifetimeMs.max'],
      [{ ...health, pixelLifetimeMs: { ...lifetime, count: 0.5 } }, 'pixelLifetimeMs.count'],
    ];
    for (const [bad, path] of cases) {
      const issues = issuesOf(bad);
      expect(issues.map((i) => i.path)).toEqual([path]);
    }
  });

  it('and a missing required field is rejected at its path', () => {
    // the literals, the enums and t/seq (custom errors) keep their "expected …" wording instead of
    // rule "required"; every other field says "is required"
    const ownWording = ['v', 'type', 'cameraClass', 'interval', 'direction', 'status', 't', 'seq'];
    fc.assert(
      fc.property(eventArb, (e) => {
        const required = Object.keys(e).filter((k) => k !== 'attrs' && k !== 'message');
        for (const k of required) {
          const bad = clone(e);
          delete bad[k];
          const issues = issuesOf(bad);
          if (ownWording.includes(k)) expect(issues.map((i) => i.path)).toEqual([k]);
          else expect(issues).toEqual([{ path: k, rule: 'required', message: 'is required' }]);
        }
      }),
    );
  });
});

describe('no coordinates can hide in an event', () => {
  it('the JSON of every valid event has no arrays and numbers only in allow-listed fields', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const leaves = walk(JSON.parse(encodeEvent(e)), '(root)', []);
        expect(leaves.filter((l) => l.isArray)).toEqual([]);
        const numeric = leaves.filter((l) => typeof l.value === 'number').map((l) => l.key);
        expect(numeric.filter((k) => !NUMERIC_ALLOW_LIST.has(k))).toEqual([]);
        for (const l of leaves) expect(FORBIDDEN_NAMES).not.toContain(l.key);
        expect(leaves.every((l) => ['number', 'string'].includes(typeof l.value))).toBe(true);
      }),
    );
  });

  it('the walk itself would see a coordinate or an array (control)', () => {
    const leaves = walk({ zone: 'z', pos: { x: 12.5 }, embedding: [0.1] }, '(root)', []);
    expect(leaves.filter((l) => l.isArray).map((l) => l.key)).toEqual(['embedding']);
    expect(leaves.filter((l) => typeof l.value === 'number' && !NUMERIC_ALLOW_LIST.has(l.key))).toHaveLength(
      1,
    );
  });

  it('the schema itself has no array, tuple or other container field, and numbers only where allowed', () => {
    const leafTypes = new Set(['literal', 'string', 'enum', 'number']);
    function check(shape: Record<string, Json>, at: string) {
      for (const [k, s] of Object.entries(shape)) {
        const inner = s.def.type === 'optional' ? s.def.innerType : s;
        const t: string = inner.def.type;
        expect(FORBIDDEN_NAMES, `${at}${k}`).not.toContain(k);
        if (t === 'object') check(inner.shape, `${at}${k}.`);
        else expect(leafTypes, `${at}${k} is a ${t}`).toContain(t);
        if (t === 'number') expect(NUMERIC_ALLOW_LIST, `${at}${k} is a number`).toContain(k);
        if (t === 'literal')
          expect(inner.def.values, `${at}${k}`).toEqual(k === 'v' ? [1] : [expect.any(String)]);
      }
    }
    for (const s of eventSchema.options) check(s.shape, `${s.shape.type.value}.`);
  });
});

describe('unknown event types and versions', () => {
  const sighting = {
    v: 1,
    type: 'sighting',
    store: 's',
    camera: 'c',
    cameraClass: 'aisle',
    zone: 'z',
    group: 3,
    interval: 'lunch',
    t: 0,
    seq: 0,
  };

  it('an unknown "type" is rejected at "type" with a message that lists the known ones', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('visit', 'Sighting', 'SIGHTING', ' count', 'health\n', 'track', 'embedding', ''),
          fc.string(),
          fc.jsonValue(),
        ),
        (type) => {
          fc.pre(!['sighting', 'count', 'health'].includes(type as string));
          const issues = issuesOf({ ...sighting, type });
          expect(issues).toHaveLength(1);
          expect(issues[0]?.path).toBe('type');
          expect(issues[0]?.message).toMatch(/unknown event "type"/);
          expect(issues[0]?.message).toMatch(/sighting, count or health/);
        },
      ),
    );
    expect(issuesOf({ ...sighting, type: undefined }).map((i) => i.path)).toEqual(['type']);
  });

  it('v: 2 (or any version but 1) is rejected at "v" with a message that says 1 is expected', () => {
    fc.assert(
      fc.property(
        eventArb,
        fc.oneof(fc.constant(2), fc.constant('1'), fc.integer(), fc.jsonValue()),
        (e, v) => {
          fc.pre(v !== 1);
          const issues = issuesOf({ ...e, v });
          expect(issues).toHaveLength(1);
          expect(issues[0]?.path).toBe('v');
          expect(issues[0]?.message).toMatch(/expected 1\b/);
        },
      ),
    );
  });
});

describe('decodeEvent and parseEvent never throw', () => {
  it('a line that is not JSON gives one issue with rule "json" at "(line)"', () => {
    const lines = [
      '',
      ' ',
      '{',
      '{"v":1,',
      'undefined',
      'NaN',
      "{'v':1}",
      '\uFEFF{}',
      '{"v":1}x',
      'sighting',
    ];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...lines), fc.string(), fc.string({ unit: 'binary' })), (line) => {
        fc.pre(notJson(line));
        let r: ReturnType<typeof decodeEvent> | undefined;
        expect(() => {
          r = decodeEvent(line);
        }).not.toThrow();
        expect(r).toEqual({
          ok: false,
          issues: [{ path: '(line)', rule: 'json', message: expect.stringMatching(/^not JSON: /) }],
        });
      }),
    );
  });

  it('JSON that is not an object gives an issue at "(root)", not a "json" issue', () => {
    for (const line of ['1', 'null', '[]', '"sighting"', 'true', '[{"v":1}]']) {
      const r = decodeEvent(line);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => [i.path, i.rule])).toEqual([['(root)', 'invalid_type']]);
    }
  });

  it('decodeEvent on arbitrary strings returns a result, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (line) => {
        const r = decodeEvent(line);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) {
            expect(typeof i.path).toBe('string');
            expect(typeof i.rule).toBe('string');
            expect(i.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it('parseEvent on any JSON value (and other odd values) returns a result, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withTypedArray: true, withMap: true })), (v) => {
        const r = parseEvent(v);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
    );
    expect(parseEvent(new Float32Array(512)).ok).toBe(false);
  });
});

describe('encodeEvent writes nothing invalid', () => {
  it('throws a TypeError that names the path of an invalid event', () => {
    fc.assert(
      fc.property(eventArb, fc.constantFrom(...FORBIDDEN_NAMES), (e, name) => {
        const bad = { ...e, [name]: [0.1, 0.2] } as VarvEvent;
        expect(() => encodeEvent(bad)).toThrow(TypeError);
        expect(() => encodeEvent(bad)).toThrow(`${name}: unknown field`);
      }),
    );
    expect(() => encodeEvent({ v: 2 } as unknown as VarvEvent)).toThrow(/not a valid event/);
  });

  it('what it writes always decodes', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        expect(decodeEvent(encodeEvent(e)).ok).toBe(true);
      }),
    );
  });
});
