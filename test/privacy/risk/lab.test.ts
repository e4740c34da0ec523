import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../engine/layout/index.ts';
import {
  configurationHash,
  LAB_FORMAT,
  labRecords,
  loadLabConfig,
  measuredConsistency,
  runLinkedDays,
  synthesiseRelease,
  visitTemplates,
} from '../../../scenarios/privacy/index.ts';
import { thrown } from '../../thrown.ts';

const SMOKE = 'scenarios/runs/demo-grocery-smoke.json';

describe('the privacy lab’s simulated releases', () => {
  const sc = loadScenarioFile(SMOKE);
  const { release, summary } = runLinkedDays(sc, { calibrationPairs: 400 });

  it('keeps, beside every released sighting, the visit it came from', () => {
    expect(release.table.length).toBe(summary.sightings);
    expect(release.visits.length).toBe(summary.visits);
    let agree = 0;
    for (let i = 0; i < release.table.length; i++) {
      const v = release.visitOf[i] as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(release.visits.length);
      expect(release.table.t[i]).toBeGreaterThanOrEqual(release.visits.entered[v] as number);
      const g = release.table.gender[i] as number;
      if (release.table.genders[g] === release.visits.gender[v]) agree++;
    }
    // The gender classifier is right 95% of the time: a wrong link would agree half the time.
    expect(agree / release.table.length).toBeGreaterThan(0.9);
  });

  it('hands engine/privacy/risk records and the truth behind them', () => {
    const { records, identities, sightingPerson } = labRecords(release);
    expect(identities.person.length).toBe(records.length);
    expect(sightingPerson.length).toBe(release.table.length);
    for (let r = 0; r < records.length; r++)
      expect(identities.person[r]).toBe(release.visits.person[records.source[r] as number]);
  });

  it('synthesises a release from template visits, reproducibly, with the configured consistency', () => {
    const templates = visitTemplates(release, sc.store.id, sc.store.timezone);
    expect(templates.visits.length).toBe(summary.visits);
    const week = {
      ...sc,
      clock: {
        ...(sc.clock as { start: string; end: string; days: number; date: string }),
        start: '10:00',
        end: '14:00',
      },
    };
    const a = synthesiseRelease(week, templates, { days: 3, calibrationPairs: 400 });
    const b = synthesiseRelease(week, templates, { days: 3, calibrationPairs: 400 });
    expect(a.table.length).toBeGreaterThan(10_000);
    expect(Array.from(a.table.group)).toEqual(Array.from(b.table.group));
    expect(Array.from(a.visits.person)).toEqual(Array.from(b.visits.person));
    // People come back on later days (returning 0.3): some person makes more than one visit.
    expect(new Set(a.visits.person).size).toBeLessThan(a.visits.length);
    const c = measuredConsistency(a);
    expect(Math.abs(c.p - 0.5)).toBeLessThan(0.07);
  });
});

describe('privacy-lab configuration', () => {
  it('defaults to the demo grocery week, synthesised', () => {
    const c = loadLabConfig();
    expect(c.scenarios.map((s) => s.store.id)).toEqual(['demo-grocery']);
    expect(c.days).toBe(7);
    expect(c.mode).toBe('synthetic');
    expect(c.thresholds.posterior).toBe(0.5);
  });

  it('runs a bare store with the demo week’s shoppers and privacy settings', () => {
    const c = loadLabConfig('scenarios/stores/demo-fashion.json');
    expect(c.scenarios[0]?.store.id).toBe('demo-fashion');
    expect(c.scenarios[0]?.privacy?.groups).toBe(256);
  });

  it('reads a lab file: scenarios relative to it, privacy laid over them, thresholds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'varv-lab-'));
    const file = join(dir, 'lab.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: LAB_FORMAT,
        scenarios: [resolve(SMOKE)],
        days: 2,
        privacy: { rotation: 'daily', groups: 64 },
        thresholds: { linkAcrossDays: 0.5 },
      }),
    );
    const c = loadLabConfig(file);
    expect(c.days).toBe(2);
    expect(c.scenarios[0]?.privacy).toMatchObject({ rotation: 'daily', groups: 64, consistency: 0.5 });
    expect(c.thresholds.linkAcrossDays).toBe(0.5);
    expect(c.thresholds.posterior).toBe(0.5);
    expect(configurationHash(c)).not.toBe(configurationHash(loadLabConfig(SMOKE, { days: 2 })));
    expect(configurationHash(c)).toBe(configurationHash(loadLabConfig(file)));
  });

  it('names the file and what it expected when the format is unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'varv-lab-'));
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify({ format: 'something/1' }));
    const e = thrown(() => loadLabConfig(file));
    expect(e.code).toBe('E_CONFIG');
    expect(e.message).toContain(file);
    expect(e.message).toContain(LAB_FORMAT);
  });
});
