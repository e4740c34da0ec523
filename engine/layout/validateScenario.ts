import { VarvError } from '../errors.ts';
import { applyPatch } from './applyPatch.ts';
import { areaOutside } from './geometry/clip.ts';
import { segmentInsidePolygon, simplePolygonProblem } from './geometry/polygon.ts';
import { type Checked, issuesFromZod, type LayoutIssue, prefixIssues } from './issues.ts';
import { minutesOfDay } from './schema/primitives.ts';
import { type Scenario, scenarioSchema } from './schema/scenario.ts';
import { type StoreLayout, storeSchema } from './schema/store.ts';
import { checkParsedStore } from './validateStore.ts';

/** A scenario whose store is loaded, patched and checked. */
export type ResolvedScenario = Omit<Scenario, 'store'> & {
  store: StoreLayout;
  /** Where the store came from: its path as written in the scenario, or "inline". */
  storeRef: string;
};

/** Reads the store a scenario names (a path relative to the scenario); throws VarvError. */
export type StoreLoader = (ref: string) => unknown;

/**
 * Checks a parsed JSON value against `varv.scenario/1`, loads and patches its store, and checks
 * the result as a whole: the store day or experiment is complete and consistent with its store.
 */
export function validateScenario(input: unknown, loadStore: StoreLoader): Checked<ResolvedScenario> {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const scenario = parsed.data;
  const issues: LayoutIssue[] = [];

  let storeRef = 'inline';
  let base: StoreLayout | undefined;
  if (typeof scenario.store === 'string') {
    storeRef = scenario.store;
    try {
      const loaded = storeSchema.safeParse(loadStore(scenario.store));
      if (loaded.success) base = loaded.data;
      else issues.push(...prefixIssues(`store(${storeRef})`, issuesFromZod(loaded.error)));
    } catch (e) {
      if (!(e instanceof VarvError)) throw e;
      issues.push({ path: 'store', rule: 'readable', message: e.message });
    }
  } else {
    base = scenario.store;
  }
  if (!base) return { ok: false, issues };

  const patched = applyPatch(base, scenario.patch);
  issues.push(...patched.issues);
  const store = patched.store;
  const storeCheck = checkParsedStore(store);
  if (!storeCheck.ok) {
    const where = storeRef === 'inline' ? 'store' : `store(${storeRef})`;
    const after = scenario.patch.length ? ' (after patch)' : '';
    issues.push(...prefixIssues(where, storeCheck.issues).map((i) => ({ ...i, message: i.message + after })));
  }
  issues.push(...checkScenarioRules(scenario, store));
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { ...scenario, store, storeRef } };
}

function checkScenarioRules(sc: Scenario, store: StoreLayout): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  const add = (path: string, rule: string, message: string) => issues.push({ path, rule, message });
  const outline = store.outline;
  const day = 'start' in sc.clock ? sc.clock : undefined;

  if (day && minutesOfDay(day.start) >= minutesOfDay(day.end))
    add('clock.end', 'after-start', `must be after start (${day.start})`);
  if (!sc.arrivals && !sc.spawn?.length) {
    add('(root)', 'has-agents', 'needs "arrivals" (a store day) or "spawn" (a controlled experiment)');
  }
  if (sc.arrivals) {
    if (!day)
      add('clock', 'store-day', 'a store day with "arrivals" needs { "start", "end" }, not { "seconds" }');
    ascending(
      sc.arrivals.perMinute.map(([t]) => t),
      (i, prev) => add(`arrivals.perMinute[${i}][0]`, 'ascending', `must come after ${prev}`),
    );
    if (!store.tills.some((t) => t.open))
      add('arrivals', 'open-till', 'a store day needs at least one open till');
  }
  if (sc.shoppers && !sc.arrivals) add('shoppers', 'store-day', 'shoppers need "arrivals"');
  if (sc.privacy) {
    ascending([...sc.privacy.intervals], (i, prev) =>
      add(`privacy.intervals[${i}]`, 'ascending', `must come after ${prev}`),
    );
  }

  const goals = new Set([
    ...store.entrances.filter((e) => e.direction !== 'in').map((e) => e.id),
    ...(sc.measure?.lines ?? []).map((l) => l.id),
  ]);
  sc.spawn?.forEach((s, i) => {
    const problem = simplePolygonProblem(s.area);
    if (problem) add(`spawn[${i}].area`, 'simple-polygon', problem);
    else if (!simplePolygonProblem(outline) && areaOutside(s.area, outline) > 1e-4) {
      add(`spawn[${i}].area`, 'inside-outline', 'lies outside the store outline');
    }
    if (!goals.has(s.goal)) add(`spawn[${i}].goal`, 'known-goal', `no exit or measurement line "${s.goal}"`);
  });

  const seen = new Set<string>();
  sc.measure?.lines.forEach((l, i) => {
    if (seen.has(l.id)) add(`measure.lines[${i}].id`, 'unique-id', `"${l.id}" is used twice`);
    seen.add(l.id);
    if (!segmentInsidePolygon(l.segment[0], l.segment[1], outline))
      add(`measure.lines[${i}].segment`, 'inside-outline', 'leaves the store outline');
  });
  sc.measure?.areas.forEach((a, i) => {
    if (seen.has(a.id)) add(`measure.areas[${i}].id`, 'unique-id', `"${a.id}" is used twice`);
    seen.add(a.id);
    const problem = simplePolygonProblem(a.polygon);
    if (problem) add(`measure.areas[${i}].polygon`, 'simple-polygon', problem);
    else if (areaOutside(a.polygon, outline) > 1e-4)
      add(`measure.areas[${i}].polygon`, 'inside-outline', 'lies outside the store outline');
  });
  return issues;
}

function ascending(times: string[], report: (i: number, prev: string) => void) {
  for (let i = 1; i < times.length; i++) {
    const prev = times[i - 1] as string;
    if (minutesOfDay(times[i] as string) <= minutesOfDay(prev)) report(i, prev);
  }
}
