import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { miniStore } from '../layout/fixtures.ts';
import { varv } from './varv.ts';

const dir = mkdtempSync(join(tmpdir(), 'varv-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

describe('varv validate', () => {
  it('exits 0 on the example stores and scenarios', () => {
    const r = varv([
      'validate',
      'scenarios/stores/demo-grocery.json',
      'scenarios/stores/demo-fashion.json',
      'scenarios/runs/demo-grocery-smoke.json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 3 file(s) valid');
  });

  it('exits 1 and lists every issue with its path and rule', () => {
    const broken = miniStore() as Record<string, unknown> & {
      obstacles: { polygon: number[][] }[];
      loop: string[];
    };
    (broken.obstacles[2] as { polygon: number[][] }).polygon = [
      [14.5, 1],
      [16.5, 1],
      [16.5, 2.5],
      [14.5, 2.5],
    ];
    broken.loop.push('dairy');
    const r = varv(['validate', file('broken.json', broken), 'scenarios/stores/demo-fashion.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('obstacles[2].polygon: overlaps till "till-1"  [no-overlap]');
    expect(r.stdout).toContain('loop[3]: no zone "dairy"  [known-zone]');
    expect(r.stdout).toContain('1 of 2 file(s) invalid');
  });

  it('ends stdout with one JSON summary line under --json', () => {
    const r = varv([
      'validate',
      '--json',
      file('bad.json', { format: 'varv.store/1' }),
      'scenarios/stores/validation-corner.json',
    ]);
    const summary = JSON.parse(r.lastLine);
    expect(summary.command).toBe('validate');
    expect(summary.ok).toBe(false);
    expect(summary.files).toHaveLength(2);
    expect(summary.files[0].issues).toContainEqual({
      path: 'name',
      rule: 'required',
      message: 'is required',
    });
    expect(summary.files[1]).toMatchObject({ ok: true, kind: 'store', id: 'validation-corner' });
  });

  it('points at the line and column of a JSON syntax error', () => {
    const r = varv(['validate', file('syntax.json', '{\n  "format": "varv.store/1",\n  "id": oops\n}')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/is not valid JSON at line 3, column \d+/);
  });

  it('describes each store in plain language with --describe', () => {
    const r = varv(['validate', '--describe', '--json', 'scenarios/stores/demo-grocery.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cameras \(22\): 1 entrance, 9 checkout, 9 department, 2 aisle, 1 exit/);
    expect(JSON.parse(r.lastLine).files[0].summary.loopLength_m).toBeGreaterThan(0);
  });

  it('says what to do when given nothing, and has --help', () => {
    expect(varv(['validate']).code).toBe(2);
    const help = varv(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
  });
});

describe('the examples', () => {
  it('all validate, and each store is described', () => {
    const r = varv([
      'validate',
      '--describe',
      ...readdirSync('scenarios/stores').map((f) => `scenarios/stores/${f}`),
      ...readdirSync('scenarios/runs').map((f) => `scenarios/runs/${f}`),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all \d+ file\(s\) valid/);
    expect(r.stdout).toContain('Demo grocery (demo-grocery)');
    expect(r.stdout).toContain('scenario on store "validation-corner"');
  });
});

describe('npm start', () => {
  it('starts the demo: prints a URL with a token, and the API answers on it', async () => {
    const child = spawn('npm', ['start', '--silent', '--', '--port', '0', '--speed', '600'], {
      env: { ...process.env, NO_COLOR: '1' },
      detached: true,
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 60 s; output: ${out}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(`${m[1]}|${m[2]}`);
          }
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
      });
      const [base, token] = url.split('|') as [string, string];
      const r = await fetch(`${base}/api/stores`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { mode: string; stores: { id: string }[] };
      expect(body.mode).toBe('simulation');
      expect(body.stores.map((s) => s.id)).toEqual(['demo-grocery', 'demo-fashion']);
      expect((await fetch(`${base}/`)).status).toBe(200);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  }, 90_000);
});
