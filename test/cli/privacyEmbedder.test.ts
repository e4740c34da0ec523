import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { varv } from './varv.ts';

const dir = mkdtempSync(join(tmpdir(), 'varv-embedder-'));
const keyFile = join(dir, 'store.key');
writeFileSync(keyFile, '5a'.repeat(32));

describe('varv privacy calibrate --embedder', () => {
  it('calibrates on augmented faces of the sample photographs and writes the fitted noise model', () => {
    const out = join(dir, 'calibration.json');
    const r = varv([
      'privacy',
      'calibrate',
      '--store',
      'demo',
      '--key-file',
      keyFile,
      '--embedder',
      '--per-face',
      '4',
      '--out',
      out,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^embedder: 22 faces in 6 photographs .*, 4 augmentations each \(seed 1\)/m);
    expect(r.stdout).toMatch(/ROC AUC 0\.99\d+|ROC AUC 1\.00000/);
    expect(r.stdout).toMatch(
      /on faces the fit never saw \(4-fold by face\): [\d.]+% \(95% CI [\d.]+%–[\d.]+% over 22 faces, 132 pairs\)/,
    );
    expect(r.stdout).toMatch(/the simulator's default is 10\.0° ± 2\.5°/);
    const summary = JSON.parse(r.lastLine);
    expect(summary).toMatchObject({
      command: 'privacy calibrate',
      source: 'embedder',
      faces: 22,
      samples: 88,
    });
    expect(r.code).toBe(summary.ok ? 0 : 1);
    expect(summary.noise.model.dim).toBe(1024);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(summary);
  });

  it('says so when a folder holds no photographs, with exit 2', () => {
    const r = varv([
      'privacy',
      'calibrate',
      '--store',
      'demo',
      '--key-file',
      keyFile,
      '--embedder',
      '--images',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no .jpg or .png photographs in ${dir}`);
  });
});
