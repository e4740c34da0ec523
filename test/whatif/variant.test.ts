import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../engine/layout/index.ts';
import { loadWhatIf, whatIfJobs, wire } from '../../scenarios/whatif/index.ts';
import { thrown } from '../thrown.ts';

// Issue 9: a what-if variant is a baseline plus a patch (varv.variant/1), or a whole scenario on
// the baseline's clock. Layout changes go through engine/layout's patch; arrivals, shoppers,
// staffing and privacy are scenario changes; every issue is named by the variant's own JSON path.

const PEAK = 'scenarios/runs/demo-grocery-peak.json';
const V = (name: string) => `scenarios/variants/${name}.json`;
const dir = mkdtempSync(join(tmpdir(), 'varv-variant-'));
const STORE = resolve('scenarios/stores/demo-grocery.json');

/** Writes a variant (or any JSON) into the temp folder and returns its path. */
function file(name: string, json: unknown): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}
const variant = (name: string, patch: unknown[], extra: Record<string, unknown> = {}) =>
  file(name, { format: 'varv.variant/1', patch, ...extra });

describe('what-if variants', () => {
  it('adds the fifth till, its counter and its camera to the baseline, and leaves the baseline alone', () => {
    const [base, fifth] = loadWhatIf(PEAK, [V('grocery-fifth-till')]);
    expect(base?.name).toBe('demo-grocery-peak');
    expect(fifth?.name).toBe('fifth till');
    expect(fifth?.patch).toHaveLength(3);
    const tills = (arm: typeof base) => arm?.scenario.store.tills.filter((t) => t.open).map((t) => t.id);
    expect(tills(base)).not.toContain('till-5');
    expect(tills(fifth)).toContain('till-5');
    expect(fifth?.scenario.store.cameras.map((c) => c.id)).toContain('cam-till-5');
    expect(fifth?.scenario.store.obstacles.map((o) => o.id)).toContain('counter-5');
    // Everything but the store is the baseline's.
    const { store: _a, ...restBase } = base?.wire ?? {};
    const { store: _b, ...restFifth } = fifth?.wire ?? {};
    expect(restFifth).toEqual(restBase);
  });

  it('travels as self-contained JSON that validates to the same scenario (what a worker elsewhere gets)', () => {
    const [, fifth] = loadWhatIf(PEAK, [V('grocery-fifth-till')]);
    const w = fifth?.wire as Record<string, unknown>;
    expect(typeof w.store).toBe('object');
    expect(w.patch).toEqual([]);
    expect(w).not.toHaveProperty('storeRef');
    const again = validateScenario(JSON.parse(JSON.stringify(w)), () => {
      throw new Error('no paths');
    });
    if (!again.ok) throw new Error(again.issues.map((i) => i.message).join('; '));
    expect(JSON.stringify(wire(again.value))).toBe(JSON.stringify(w));
  });

  it('a move there and back leaves the layout exactly as it was, so its runs are the baseline runs', () => {
    const [base, same] = loadWhatIf(PEAK, [V('grocery-no-change')]);
    expect(JSON.stringify(same?.wire)).toBe(JSON.stringify(base?.wire));
  });

  it('runs every arm on the same seeds, seed by seed', () => {
    const arms = loadWhatIf(PEAK, [V('grocery-fifth-till'), V('grocery-open-till-4')]);
    const jobs = whatIfJobs(arms, [4, 5]);
    expect(jobs.map((j) => [j.variant, j.seed])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [0, 5],
      [1, 5],
      [2, 5],
    ]);
  });

  it('changes arrivals, shoppers, staffing and privacy field by field', () => {
    const [base, v] = loadWhatIf(PEAK, [
      variant('scenario-ops', [
        { op: 'scaleArrivals', factor: 1.5 },
        { op: 'setShoppers', set: { loopShare: 0.9 } },
        { op: 'setStaffing', set: { openAt: 3 } },
        { op: 'setPrivacy', set: { groups: 1024 } },
        { op: 'closeTill', id: 'self-4' },
      ]),
    ]);
    expect(v?.scenario.arrivals?.perMinute).toEqual([['12:00', 5.2 * 1.5]]);
    expect(v?.scenario.shoppers).toEqual({ ...base?.scenario.shoppers, loopShare: 0.9 });
    expect(v?.scenario.staffing).toEqual({ openAt: 3, closeBelow: 1, closeAfterS: 600 });
    expect(v?.scenario.privacy).toEqual({ ...base?.scenario.privacy, groups: 1024 });
    expect(v?.scenario.store.tills.find((t) => t.id === 'self-4')?.open).toBe(false);
    const [, again] = loadWhatIf(PEAK, [
      variant('arrivals', [
        {
          op: 'setArrivals',
          perMinute: [
            ['12:00', 2],
            ['12:30', 6],
          ],
        },
        { op: 'setStaffing', set: null },
      ]),
    ]);
    expect(again?.scenario.arrivals?.perMinute).toEqual([
      ['12:00', 2],
      ['12:30', 6],
    ]);
    expect(again?.scenario.staffing).toBeUndefined();
  });

  it("names what is wrong by the variant's own JSON paths", () => {
    const unknownOp = thrown(() => loadWhatIf(PEAK, [variant('bad-op', [{ op: 'paintWalls' }])]));
    expect(unknownOp.code).toBe('E_INVALID');
    expect(unknownOp.message).toMatch(
      /patch\[0\]\.op: unknown "op": expected one of moveObstacle, .*setPrivacy/,
    );
    const missing = thrown(() =>
      loadWhatIf(PEAK, [
        variant('missing', [
          { op: 'scaleArrivals', factor: 2 },
          { op: 'openTill', id: 'till-9' },
        ]),
      ]),
    );
    expect(missing.message).toContain('patch[1].id: no till "till-9" to openTill');
    // Two shelves in one place: the layout check, said as the baseline with the variant applied.
    const overlap = thrown(() =>
      loadWhatIf(PEAK, [variant('overlap', [{ op: 'moveObstacle', id: 'counter-2', by: [-3.5, 0] }])]),
    );
    expect(overlap.message).toMatch(
      /\(baseline \+ variant\) store\(\.\.\/stores\/demo-grocery\.json\)\.obstacles\[\d+\]\.polygon: overlaps .*\(after patch\)/,
    );
    const privacy = thrown(() =>
      loadWhatIf(PEAK, [variant('privacy', [{ op: 'setPrivacy', set: { consistency: 2 } }])]),
    );
    expect(privacy.message).toContain('patch[0].set.consistency');
    const field = thrown(() => loadWhatIf(PEAK, [variant('field', [], { baseLine: 'x.json' })]));
    expect(field.message).toContain('baseLine: unknown field');
  });

  it('refuses a variant of another baseline, another clock, an experiment and two arms of one name', () => {
    const other = thrown(() => loadWhatIf(PEAK, [variant('other', [], { baseline: 'elsewhere.json' })]));
    expect(other.code).toBe('E_WHATIF');
    expect(other.message).toContain('is a variant of');
    expect(loadWhatIf(PEAK, [variant('mine', [], { baseline: resolve(PEAK) })])).toHaveLength(2);
    const day = thrown(() => loadWhatIf(PEAK, ['scenarios/runs/demo-grocery-open-till-4.json']));
    expect(day.code).toBe('E_WHATIF');
    expect(day.message).toContain("must keep the baseline's clock");
    // A whole scenario on the same clock is a variant too.
    const whole = file('whole', { ...JSON.parse(JSON.stringify(loadWhatIf(PEAK, [])[0]?.wire)), seed: 99 });
    expect(loadWhatIf(PEAK, [whole])[1]?.scenario.store.id).toBe('demo-grocery');
    const experiment = thrown(() => loadWhatIf('scenarios/runs/rimea-1-corridor.json', [whole]));
    expect(experiment.message).toContain('a what-if compares store days');
    const twins = thrown(() =>
      loadWhatIf(PEAK, [V('grocery-open-till-4'), variant('twin', [], { name: 'open till-4' })]),
    );
    expect(twins.code).toBe('E_USAGE');
    expect(twins.message).toContain('are both called "open till-4"');
    const store = thrown(() => loadWhatIf(STORE, []));
    expect(store.message).toContain('a baseline is a varv.scenario/1 store day');
  });
});
