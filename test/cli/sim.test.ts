import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../engine/events/index.ts';
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

  it('runs store days: events, truth and trajectories, byte for byte the same for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'varv-day-'));
    const b = mkdtempSync(join(tmpdir(), 'varv-day-'));
    const ra = varv(['sim', 'run', 'scenarios/runs/demo-grocery-smoke.json', '--out', a, '--json']);
    const rb = varv(['sim', 'run', 'scenarios/runs/demo-grocery-smoke.json', '--out', b]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const summary = JSON.parse(ra.lastLine);
    expect(summary).toMatchObject({ ok: true, kind: 'store days', days: 1, remaining: 0 });
    expect(summary.visits).toBeGreaterThan(20);
    for (const f of ['events.jsonl', 'truth.jsonl', 'trajectories.csv', 'measurements.json'])
      expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    const events = readFileSync(join(a, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(events.length).toBe(summary.events);
    for (const line of events) expect(decodeEvent(line).ok).toBe(true);
    // No progress bar when stderr is not a terminal.
    expect(rb.stderr).toBe('');
  });

  it('--days runs more days; a bad --days is a usage error', () => {
    const out = mkdtempSync(join(tmpdir(), 'varv-day-'));
    const r = varv([
      'sim',
      'run',
      'scenarios/runs/demo-fashion-smoke.json',
      '--days',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lastLine)).toMatchObject({ days: 2, remaining: 0 });
    const days = readFileSync(join(out, 'truth.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((t) => t.type === 'day');
    expect(days.map((d) => d.day)).toEqual([0, 1]);
    const bad = varv(['sim', 'run', 'scenarios/runs/demo-fashion-smoke.json', '--days', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days');
  });

  it('names the problems of an invalid scenario', () => {
    const r = varv(['sim', 'run', 'scenarios/stores/demo-grocery.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a store layout, not a scenario');
  });
});
