import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { varv } from './varv.ts';

const keyFile = join(mkdtempSync(join(tmpdir(), 'varv-key-')), 'store.key');
writeFileSync(keyFile, '5a'.repeat(32));

describe('varv privacy calibrate', () => {
  it('reports the held-out consistency with its interval and exits 0 when the target is met', () => {
    const r = varv([
      'privacy',
      'calibrate',
      '--store',
      'demo',
      '--key-file',
      keyFile,
      '--dim',
      '64',
      '--pairs',
      '3000',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /same person, same interval: [\d.]+% in the same group \(95% CI [\d.]+%–[\d.]+%, n = 750 held out\), target 50\.0%/,
    );
    const summary = JSON.parse(r.lastLine);
    expect(summary.genuine.lo).toBeLessThanOrEqual(0.5);
    expect(summary.genuine.hi).toBeGreaterThanOrEqual(0.5);
    expect(summary.quantizer.projections).toBeGreaterThan(0);
  });

  it('takes the key from VARV_KEY_<STORE> too', () => {
    const r = varv(['privacy', 'calibrate', '--store', 'demo-grocery', '--dim', '32', '--pairs', '600'], {
      VARV_KEY_DEMO_GROCERY: 'c3'.repeat(32),
    });
    expect(r.code).toBe(0);
  });

  it('without a key says how to give one, in one line, and exits 1', () => {
    const r = varv(['privacy', 'calibrate', '--store', 'demo-grocery']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no privacy key for store "demo-grocery"');
    expect(r.stderr).toContain('VARV_KEY_DEMO_GROCERY');
    expect(r.stderr).toContain('[E_NO_KEY]');
  });

  it('rejects a non-number with exit 2', () => {
    const r = varv(['privacy', 'calibrate', '--store', 'demo', '--key-file', keyFile, '--dim', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dim expects a number, got "many"');
  });
});
