import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { varv } from '../cli/varv.ts';

const out = mkdtempSync(join(tmpdir(), 'varv-score-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('varv sim run --score', () => {
  it('prints the score table, writes score.json, and summarises it in the --json line', () => {
    const r = varv([
      'sim',
      'run',
      'scenarios/runs/demo-grocery-smoke.json',
      '--out',
      out,
      '--score',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('KPI');
    expect(r.stdout).toContain('median visit (pairing)');
    expect(existsSync(join(out, 'score.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'score.json'), 'utf8'));
    expect(report.rows.find((x: { kpi: string }) => x.kpi === 'visits').truth).toBeGreaterThan(0);
    const summary = JSON.parse(r.lastLine);
    expect(summary.files).toContain('score.json');
    expect(summary.score.find((x: { kpi: string }) => x.kpi === 'visits').pass).toBe(true);
  }, 60_000);

  it('refuses --score for a controlled experiment (there is nothing to score)', () => {
    const r = varv(['sim', 'run', 'scenarios/runs/rimea-1-corridor.json', '--out', out, '--score']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_USAGE');
  });
});
