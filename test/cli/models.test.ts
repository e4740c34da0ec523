import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../models/index.ts';
import { varv } from './varv.ts';

const dir = mkdtempSync(join(tmpdir(), 'varv-cli-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('varv models', () => {
  it('build converts the models into a folder and checks them against the manifest', () => {
    const r = varv(['models', 'build', '--dir', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 2 models match the manifest');
    const summary = JSON.parse(r.lastLine);
    expect(summary.ok).toBe(true);
    expect(summary.models.map((m: { sha256: string }) => m.sha256)).toEqual(
      readManifest().models.map((m) => m.sha256),
    );
  });

  it('verify passes on the built files and names the file and both hashes when one differs', () => {
    expect(varv(['models', 'verify', '--dir', dir]).code).toBe(0);
    writeFileSync(join(dir, 'faceres.onnx'), 'not a model');
    const r = varv(['models', 'verify', '--dir', dir, '--json']);
    expect(r.code).toBe(1);
    const expected = readManifest().models.find((m) => m.name === 'faceres')?.sha256;
    expect(r.stderr).toContain(join(dir, 'faceres.onnx'));
    expect(r.stderr).toContain(`the manifest expects ${expected}`);
    expect(r.stderr).toContain('E_MODEL_HASH');
    expect(JSON.parse(r.lastLine)).toMatchObject({ ok: false, error: { code: 'E_MODEL_HASH' } });
  });

  it('verify says which file is missing', () => {
    const r = varv(['models', 'verify', '--dir', join(dir, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('blazeface.onnx is missing');
  });
});
