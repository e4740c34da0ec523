import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureModels,
  formatManifest,
  MANIFEST_FILE,
  MODEL_SPECS,
  MODELS_DIR,
  readManifest,
  sha256,
  sourcePackage,
} from '../../models/index.ts';
import { thrown } from '../thrown.ts';

const dir = mkdtempSync(join(tmpdir(), 'varv-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the model manifest', () => {
  const manifest = readManifest();

  it('lists every model with its file, hash, tensors, provenance, licence and card', () => {
    expect(manifest.models.map((m) => m.name)).toEqual(MODEL_SPECS.map((s) => s.name));
    for (const m of manifest.models) {
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.inputs.length).toBeGreaterThan(0);
      expect(m.outputs.length).toBeGreaterThan(0);
      for (const t of [...m.inputs, ...m.outputs]) expect(t.shape.length).toBeGreaterThan(0);
      const pkg = sourcePackage(m.provenance.package);
      expect(m.provenance.version).toBe(pkg.version);
      for (const f of m.provenance.files) expect(sha256(readFileSync(join(pkg.dir, f.path)))).toBe(f.sha256);
      expect(m.licence.package).toBe('MIT');
      expect(existsSync(join(MODELS_DIR, m.card))).toBe(true);
    }
  });

  it('is written the way the formatter writes it', () => {
    expect(formatManifest(manifest)).toBe(readFileSync(MANIFEST_FILE, 'utf8'));
  });
});

describe('ensureModels', () => {
  it('converts missing models, byte for byte as the manifest expects (the conversion is deterministic)', () => {
    const paths = ensureModels(dir);
    for (const m of readManifest().models) {
      expect(paths[m.name]).toBe(join(dir, m.file));
      expect(sha256(readFileSync(join(dir, m.file)))).toBe(m.sha256);
    }
  });

  it('refuses a damaged model file, naming the file and both hashes', () => {
    const m = readManifest().models[0];
    if (!m) throw new Error('empty manifest');
    const file = join(dir, m.file);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    const e = thrown(() => ensureModels(dir));
    expect(e.code).toBe('E_MODEL_HASH');
    expect(e.message).toContain(file);
    expect(e.message).toContain(m.sha256);
    expect(e.message).toContain(sha256(bytes));
  });
});
