import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { VarvError } from '../../engine/errors.ts';
import {
  type Checked,
  formatPath,
  type LayoutIssue,
  readJsonFile,
  validateFile,
  validateScenario,
  validateStore,
} from '../../engine/layout/index.ts';
import { exampleStore, miniStore } from '../layout/fixtures.ts';

// Bad input for `varv validate` and everything that loads stores and scenarios: random JSON,
// random bytes in a file, and valid files mutated one way (a field removed, replaced by a value of
// another type or by random JSON, an unknown field added, an array element duplicated or dropped).
// Whatever comes in, the validators return issues — never throw — and every issue names a JSON
// path, a rule and a message; a mutation whose place is known is reported at that place (or at a
// parent, where a union decides). Used by test/fuzz/layoutInput.test.ts and by `npm run soak`.

// biome-ignore lint/suspicious/noExplicitAny: mutations reach into the raw JSON
type Json = any;
type Path = (string | number)[];

const STORES = [
  'scenarios/stores/demo-grocery.json',
  'scenarios/stores/demo-fashion.json',
  'scenarios/stores/validation-corner.json',
];
const SCENARIOS = [
  'scenarios/runs/demo-grocery-smoke.json',
  'scenarios/runs/demo-grocery-open-till-4.json',
  'scenarios/runs/rimea-6-corner.json',
];

/** A store or scenario fixture: its JSON, and how to validate a value of its kind. */
type Base = { name: string; json: () => Json; validate: (v: unknown) => Checked<unknown> };

/** A scenario's store path, resolved as `varv validate` does, from a cache of the parsed files. */
const cache = new Map<string, unknown>();
function loaderFor(file: string) {
  return (ref: string) => {
    const path = resolve(dirname(file), ref);
    if (!cache.has(path)) cache.set(path, readJsonFile(path));
    return structuredClone(cache.get(path));
  };
}

export const bases: Base[] = [
  { name: 'mini store', json: miniStore, validate: validateStore },
  ...STORES.map((f) => {
    const json = exampleStore(f);
    return { name: f, json: () => structuredClone(json), validate: validateStore };
  }),
  ...SCENARIOS.map((f) => {
    const json = exampleStore(f);
    return {
      name: f,
      json: () => structuredClone(json),
      validate: (v: unknown) => validateScenario(v, loaderFor(f)),
    };
  }),
];

/** Every node of a JSON value with its path (the root included). */
function nodes(v: Json, path: Path = []): [Path, Json][] {
  const here: [Path, Json] = [path, v];
  if (Array.isArray(v)) return [here, ...v.flatMap((x, i) => nodes(x, [...path, i]))];
  if (v && typeof v === 'object')
    return [here, ...Object.entries(v).flatMap(([k, x]) => nodes(x, [...path, k]))];
  return [here];
}

function parentOf(root: Json, path: Path): Json {
  let node = root;
  for (const k of path.slice(0, -1)) node = node[k];
  return node;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value of another JSON type than `v`. */
function otherType(v: unknown, pick: number): unknown {
  const options: unknown[] = [42.5, 'text', true, null, [], {}, [1, 2], { x: 1 }];
  const others = options.filter((o) => jsonType(o) !== jsonType(v));
  return others[pick % others.length];
}

export type Mutation = {
  kind: 'remove' | 'retype' | 'random' | 'unknown-field' | 'duplicate' | 'drop';
  path: string;
  /** Must the result be invalid, with an issue at `path` (or a parent, or a child of it)? */
  mustFail: boolean;
};

/** Applies one mutation, chosen by `pick` numbers, to `doc` (in place); what was done. */
export function mutate(
  doc: Json,
  pickNode: number,
  pickKind: number,
  pickValue: number,
  random: unknown,
): Mutation {
  const all = nodes(doc);
  const [path, value] = all[pickNode % all.length] as [Path, Json];
  const kinds: Mutation['kind'][] =
    path.length === 0 ? ['unknown-field', 'random'] : ['remove', 'retype', 'random'];
  if (value && typeof value === 'object' && !Array.isArray(value)) kinds.push('unknown-field');
  if (Array.isArray(value) && value.length > 0) kinds.push('duplicate', 'drop');
  const kind = kinds[pickKind % kinds.length] as Mutation['kind'];
  const at = formatPath(path);
  switch (kind) {
    case 'remove': {
      const parent = parentOf(doc, path);
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return { kind, path: formatPath(path.slice(0, -1)), mustFail: false };
    }
    case 'retype':
    case 'random': {
      const replacement = kind === 'retype' ? otherType(value, pickValue) : random;
      if (path.length === 0) return { kind, path: at, mustFail: false };
      parentOf(doc, path)[path[path.length - 1] as string | number] = replacement;
      // A value of another type is wrong wherever it goes (no field takes every JSON type).
      return { kind, path: at, mustFail: kind === 'retype' };
    }
    case 'unknown-field': {
      const key = `zz_unknown_${pickValue % 7}`;
      value[key] = random;
      return { kind, path: formatPath([...path, key]), mustFail: true };
    }
    case 'duplicate':
      value.push(structuredClone(value[pickValue % value.length]));
      return { kind, path: at, mustFail: false };
    case 'drop':
      value.splice(pickValue % value.length, 1);
      return { kind, path: at, mustFail: false };
  }
}

/** Why a result breaks the contract ("" when it keeps it): issues, each with a path, a rule and a message. */
export function contractBroken(r: Checked<unknown>): string {
  if (r.ok) return '';
  if (r.issues.length === 0) return 'invalid with no issue';
  for (const i of r.issues as LayoutIssue[]) {
    if (typeof i.path !== 'string' || i.path.length === 0 || i.path.includes('undefined'))
      return `an issue without a usable path: ${JSON.stringify(i)}`;
    if (typeof i.rule !== 'string' || i.rule.length === 0)
      return `an issue without a rule: ${JSON.stringify(i)}`;
    if (typeof i.message !== 'string' || i.message.trim().length === 0 || i.message.includes('[object '))
      return `an issue without a clear message: ${JSON.stringify(i)}`;
  }
  return '';
}

/** Is issue path `a` the same place as `b`, a parent of it or a child of it? */
export function related(a: string, b: string): boolean {
  const under = (x: string, y: string) =>
    y === '(root)' || x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return under(a, b) || under(b, a) || /^store(\(.*\))?$/.test(a.split('.')[0] as string);
}

/** Runs `validate` and turns a throw into a failure of the property (with what was thrown). */
function safely(validate: () => Checked<unknown>): Checked<unknown> {
  try {
    return validate();
  } catch (e) {
    throw new Error(`the validator threw instead of returning issues: ${(e as Error)?.stack ?? String(e)}`);
  }
}

const anyJson = fc.jsonValue({ maxDepth: 4 });

/** The properties, each a fast-check property and a name; `numRuns` is the caller's. */
export function layoutProperties(): {
  name: string;
  property: fc.IPropertyWithHooks<never> | fc.IProperty<never>;
}[] {
  return [
    {
      name: 'random JSON is refused as a store, with issues naming a path',
      property: fc.property(anyJson, (v) => {
        const r = safely(() => validateStore(v));
        if (r.ok) throw new Error('random JSON passed as a store');
        const broken = contractBroken(r);
        if (broken) throw new Error(broken);
      }) as never,
    },
    {
      name: 'random JSON is refused as a scenario (also when its store reference loads random JSON)',
      property: fc.property(anyJson, anyJson, (v, store) => {
        const scenario =
          v && typeof v === 'object' && !Array.isArray(v)
            ? { ...v, format: 'varv.scenario/1', store: 'x.json' }
            : v;
        const r = safely(() => validateScenario(scenario, () => structuredClone(store)));
        if (r.ok) throw new Error('random JSON passed as a scenario');
        const broken = contractBroken(r);
        if (broken) throw new Error(broken);
      }) as never,
    },
    {
      name: 'a store reference that cannot be read is an issue at "store", not a crash',
      property: fc.property(fc.string(), (ref) => {
        const r = safely(() =>
          validateScenario(
            { format: 'varv.scenario/1', store: ref, seed: 1, clock: { seconds: 1 }, dt: 0.1 },
            () => {
              throw new VarvError('E_READ', `cannot read ${ref}: ENOENT`);
            },
          ),
        );
        if (r.ok || !r.issues.some((i) => i.path === 'store'))
          throw new Error(`expected an issue at "store", got ${JSON.stringify(r)}`);
      }) as never,
    },
    {
      name: 'mutated valid stores and scenarios: never a throw; issues name the mutated place',
      property: fc.property(
        fc.constantFrom(...bases),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        anyJson,
        (base, n, k, v, random) => {
          const doc = base.json();
          const m = mutate(doc, n, k, v, random);
          const r = safely(() => base.validate(doc));
          const broken = contractBroken(r);
          if (broken) throw new Error(`${base.name}, ${m.kind} at ${m.path}: ${broken}`);
          if (!m.mustFail) return;
          if (r.ok) throw new Error(`${base.name}: ${m.kind} at ${m.path} passed validation`);
          if (!r.issues.some((i) => related(i.path, m.path)))
            throw new Error(
              `${base.name}: ${m.kind} at ${m.path}, but the issues are elsewhere: ${r.issues.map((i) => i.path).join(', ')}`,
            );
        },
      ) as never,
    },
  ];
}

/** Random bytes as a file for `varv validate`: refused with an issue at "(file)" or "format". */
export function fileProperty(): fc.IProperty<never> {
  const dir = mkdtempSync(join(tmpdir(), 'varv-fuzz-'));
  let n = 0;
  return fc.property(
    fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.string().map((s) => new TextEncoder().encode(s)),
    ),
    (bytes) => {
      const file = join(dir, `f${n++}.json`);
      writeFileSync(file, bytes);
      try {
        const r = safely(() => validateFile(file) as Checked<unknown>);
        const broken = contractBroken(r);
        if (broken) throw new Error(broken);
        if (!r.ok && !r.issues.every((i) => i.path !== '')) throw new Error('an issue without a path');
      } finally {
        rmSync(file, { force: true });
      }
    },
  ) as never;
}
