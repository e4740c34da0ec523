import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskAssessment } from '../../../engine/privacy/risk/index.ts';
import { fixture, randomIds, stableIds } from './fixtures.ts';

// The attacks must work: on a release where every person carries one stable ID they report a
// high risk, and on one whose IDs are random they report a risk whose interval covers 0.

const base = { persons: 400, days: 14, visitProb: 0.3, sightingsPerVisit: 8, seed: 3 };
const assess = (group: typeof stableIds | typeof randomIds): RiskAssessment => {
  const f = fixture({ ...base, group });
  return assessRisk(
    { visits: f.records, identities: f.identities, sightings: { table: f.table, person: f.sightingPerson } },
    { seed: 11, attacks: 1000, scopes: ['interval', 'intervals', 'days'] },
  );
};

describe('a unique stable ID per person', () => {
  const a = assess(stableIds);

  it('is linked across days: every target found, the risk near 1', () => {
    const l = a.linkability.interval;
    expect(l?.attack.p).toBe(1);
    // The control still has gender and age band: among ~40 visits of a slot they leave a few.
    expect(l?.control.p).toBeLessThan(0.35);
    expect(l?.lo).toBeGreaterThan(0.75);
    expect(l?.meaningful).toBe(true);
    expect(a.linkability.days?.lo).toBeGreaterThan(0.75);
  });

  it('singles people out', () => {
    expect(a.singlingOut.attack.p).toBe(1);
    expect(a.singlingOut.lo).toBeGreaterThan(0.9);
  });

  it('gives away gender and age band through the linked visits', () => {
    expect(a.inference.gender?.lo).toBeGreaterThan(0.6);
    expect(a.inference.age?.lo).toBeGreaterThan(0.6);
  });

  it('is fully linkable in the sense of Gomez-Barrero (D↔sys = 1), and a same-group pair is one person', () => {
    expect(a.unlinkability.interval?.atOne.dsys).toBe(1);
    expect(a.posterior.overall.p).toBe(1);
  });

  it('lets a chaining attacker assemble most of a regular visitor’s period, cleanly', () => {
    expect(a.chaining.share.lo).toBeGreaterThan(0.6);
    expect(a.chaining.precision.p).toBe(1);
    expect(a.chaining.control.share.p).toBeLessThan(0.1);
  });

  it('puts every person alone in their group: k = 1, prosecutor risk 1 for every record', () => {
    expect(a.occupancy?.k.histogram).toEqual([{ k: '1', classes: a.occupancy?.classes }]);
    expect(a.occupancy?.prosecutor.average).toBe(1);
    expect(a.occupancy?.prosecutor.pass).toBe(false);
  });
});

describe('random IDs (a fresh random group for every sighting)', () => {
  const a = assess(randomIds);

  it('cannot be linked: the risk’s interval covers 0', () => {
    for (const scope of ['interval', 'days'] as const) {
      const l = a.linkability[scope];
      expect(l?.lo).toBe(0);
      expect(Math.abs(l?.raw ?? 1)).toBeLessThan(0.05);
    }
  });

  it('singles nobody out beyond the control', () => {
    expect(a.singlingOut.lo).toBe(0);
    expect(Math.abs(a.singlingOut.raw)).toBeLessThan(0.05);
  });

  it('gives nothing away by inference beyond the control', () => {
    for (const secret of ['gender', 'age', 'frequency'] as const) {
      expect(a.inference[secret]?.lo).toBe(0);
      expect(Math.abs(a.inference[secret]?.raw ?? 1)).toBeLessThan(0.06);
    }
  });

  it('is unlinkable: D↔sys near 0 within every scope', () => {
    for (const scope of ['interval', 'intervals', 'days'] as const)
      expect(a.unlinkability[scope]?.atOne.dsys).toBeLessThan(0.05);
  });

  it('assembles no profiles', () => {
    expect(a.chaining.share.p).toBeLessThan(0.02);
  });
});
