import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { varv } from './varv.ts';

const FILES = ['trajectories.csv', 'truth.jsonl', 'measurements.json'];

describe('varv sim run', () => {
  it('runs the RiMEA 6 corner and writes the same files byte for byte every time', () => {
    const a = mkdtempSync(join(tmpdir(), 'varv-sim-'));
    const b = mkdtempSync(join(tmpdir(), 'varv-sim-'));
    const ra = varv(['sim', 'run', 'scenarios/runs/rimea-6-corner.json', '--out', a, '--json']);
    const rb = varv(['sim', 'run', 'scenarios/runs/rimea-6-corner.json', '--out', b]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    expect(JSON.parse(ra.lastLine)).toMatchObject({ ok: true, arrived: 20, agents: 20, remaining: 0 });
    for (const f of FILES) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    const csv = readFileSync(join(a, 'trajectories.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('id,frame,x,y');
    expect(csv[1]).toMatch(/^\d+,0,\d+\.\d{3},\d+\.\d{3}$/);
    const m = JSON.parse(readFileSync(join(a, 'measurements.json'), 'utf8'));
    expect(
      m.flows
        .find((f: { line: string }) => f.line === 'out-of-bend')
        .perSecond.reduce((s: number, v: number) => s + v, 0),
    ).toBe(20);
    expect(m.areas.some((s: { area: string; density: number }) => s.area === 'bend' && s.density > 0)).toBe(
      true,
    );
  });

  it('a different seed gives different trajectories', () => {
    const a = mkdtempSync(join(tmpdir(), 'varv-sim-'));
    const b = mkdtempSync(join(tmpdir(), 'varv-sim-'));
    varv(['sim', 'run', 'scenarios/runs/rimea-6-corner.json', '--out', a]);
    varv(['sim', 'run', 'scenarios/runs/rimea-6-corner.json', '--out', b, '--seed', '9']);
    expect(readFileSync(join(b, 'trajectories.csv'), 'utf8')).not.toBe(
      readFileSync(join(a, 'trajectories.csv'), 'utf8'),
    );
  });

  it('refuses a store day clearly, for now', () => {
    const r = varv(['sim', 'run', 'scenarios/runs/demo-grocery-smoke.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[E_UNSUPPORTED]');
  });

  it('names the problems of an invalid scenario', () => {
    const r = varv(['sim', 'run', 'scenarios/stores/demo-grocery.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a store layout, not a scenario');
  });
});
