import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import { keyEpoch, StoreKey } from '../../engine/privacy/keys.ts';
import { keyEnvName, loadStoreKey } from '../../engine/privacy/loadStoreKey.ts';
import { seededRng } from '../../engine/privacy/random.ts';
import { thrown } from '../thrown.ts';

/** `n` reproducible pseudo-random bytes. */
function bytes(n: number, seed: string): Uint8Array {
  const rng = seededRng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

const SECRET = bytes(32, 'secret');
const OTHER = bytes(32, 'other');
const STORE = 'demo-grocery';

/** Two keys are the same secret for the same store iff every derivation agrees. */
const sameKey = (a: StoreKey, b: StoreKey) => hex(a.derive('test', 32)) === hex(b.derive('test', 32));

describe('StoreKey.parse', () => {
  it('accepts 64 hex digits, in either case and with surrounding whitespace', () => {
    const k = StoreKey.parse(STORE, hex(SECRET));
    expect(k.store).toBe(STORE);
    expect(sameKey(k, StoreKey.parse(STORE, hex(SECRET).toUpperCase()))).toBe(true);
    expect(sameKey(k, StoreKey.parse(STORE, `  ${hex(SECRET)}\n`))).toBe(true);
    expect(sameKey(k, StoreKey.parse(STORE, SECRET))).toBe(true);
    expect(sameKey(k, StoreKey.parse(STORE, hex(OTHER)))).toBe(false);
  });

  it('accepts base64 (standard and URL-safe) of at least 16 bytes, as the same bytes', () => {
    const k = StoreKey.parse(STORE, SECRET);
    expect(sameKey(k, StoreKey.parse(STORE, b64(SECRET)))).toBe(true);
    expect(sameKey(k, StoreKey.parse(STORE, b64url(SECRET)))).toBe(true);
    const sixteen = bytes(16, 'sixteen');
    expect(sameKey(StoreKey.parse(STORE, sixteen), StoreKey.parse(STORE, b64(sixteen)))).toBe(true);
  });

  it.each([
    ['15 bytes as hex', hex(bytes(15, 'a'))],
    ['15 bytes as base64', b64(bytes(15, 'b'))],
    ['8 bytes as hex', hex(bytes(8, 'c'))],
  ])('rejects a short key (%s) with E_BAD_KEY and the byte count', (_, material) => {
    const e = thrown(() => StoreKey.parse(STORE, material));
    expect(e.code).toBe('E_BAD_KEY');
    expect(e.message).toContain(STORE);
    expect(e.message).toContain('16');
    expect(e.message).not.toContain(material);
  });

  it('rejects short raw bytes', () => {
    expect(thrown(() => StoreKey.parse(STORE, bytes(15, 'raw'))).code).toBe('E_BAD_KEY');
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', '   \n'],
    ['a passphrase with spaces', 'correct horse battery staple and more'],
    ['punctuation', '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'],
    ['hex with a stray character', `${hex(SECRET).slice(0, 40)}#${hex(SECRET).slice(41)}`],
    ['base64 with padding in the middle', `${b64(SECRET).slice(0, 20)}==${b64(SECRET).slice(20)}`],
  ])('rejects garbage (%s) with E_BAD_KEY', (_, material) => {
    const e = thrown(() => StoreKey.parse(STORE, material));
    expect(e.code).toBe('E_BAD_KEY');
    expect(e.message).toContain(STORE);
    if (material.trim().length > 0) expect(e.message).not.toContain(material.trim());
  });

  it('never echoes rejected material in its message (property)', () => {
    const material = fc.oneof(
      fc.uint8Array({ minLength: 4, maxLength: 15 }).map(hex),
      fc.uint8Array({ minLength: 4, maxLength: 15 }).map(b64),
      fc
        .string({ minLength: 8, maxLength: 80 })
        .filter((s) => /[^A-Za-z0-9+/_=\-\s]/.test(s.trim()) && s.trim().length >= 8),
    );
    fc.assert(
      fc.property(material, (m) => {
        let e: unknown;
        try {
          StoreKey.parse(STORE, m);
        } catch (err) {
          e = err;
        }
        expect(e).toBeInstanceOf(VarvError);
        expect((e as VarvError).code).toBe('E_BAD_KEY');
        expect((e as VarvError).message).not.toContain(m.trim());
      }),
      { seed: 42 },
    );
  });

  it('keeps its own copy: wiping the caller’s bytes does not change the key', () => {
    const mine = Uint8Array.from(SECRET);
    const k = StoreKey.parse(STORE, mine);
    const before = hex(k.derive('x', 16));
    mine.fill(0);
    expect(hex(k.derive('x', 16))).toBe(before);
  });
});

describe('StoreKey.derive', () => {
  const k = StoreKey.parse(STORE, SECRET);

  it('is deterministic: the same secret, store and purpose give the same bytes', () => {
    expect(hex(k.derive('groups', 32))).toBe(hex(StoreKey.parse(STORE, hex(SECRET)).derive('groups', 32)));
  });

  it('returns the length asked for', () => {
    for (const n of [1, 16, 32, 64, 100]) expect(k.derive('p', n)).toHaveLength(n);
  });

  it('differs by purpose and by store id for the same secret, and by secret', () => {
    const base = hex(k.derive('groups', 32));
    expect(hex(k.derive('projection', 32))).not.toBe(base);
    expect(hex(StoreKey.parse('demo-fashion', SECRET).derive('groups', 32))).not.toBe(base);
    expect(hex(StoreKey.parse(STORE, OTHER).derive('groups', 32))).not.toBe(base);
  });

  it('gives unrelated outputs for different purposes (property: no two of many collide)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 20 }), (purposes) => {
        const outs = new Set(purposes.map((p) => hex(k.derive(p, 16))));
        expect(outs.size).toBe(purposes.length);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe('StoreKey: nothing reveals the secret', () => {
  const k = StoreKey.parse(STORE, SECRET);
  const forms = [hex(SECRET), b64(SECRET), b64url(SECRET), hex(SECRET).slice(0, 12), hex(SECRET).slice(-12)];

  it('toJSON shows the store and a fingerprint only', () => {
    const json = JSON.stringify({ key: k });
    expect(json).toBe(JSON.stringify({ key: `StoreKey(${STORE}, ${k.fingerprint})` }));
    for (const f of forms) expect(json).not.toContain(f);
  });

  it('the fingerprint is 12 hex digits, stable, and not a piece of the secret', () => {
    expect(k.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(k.fingerprint).toBe(StoreKey.parse(STORE, b64(SECRET)).fingerprint);
    expect(k.fingerprint).not.toBe(StoreKey.parse(STORE, OTHER).fingerprint);
    expect(hex(SECRET)).not.toContain(k.fingerprint);
    // Nor is it a derivation used for anything else.
    expect(hex(k.derive('groups', 32))).not.toContain(k.fingerprint);
  });

  it('inspection, string conversion and enumeration show no secret bytes', () => {
    const shown = [
      inspect(k, { showHidden: true, depth: 10 }),
      String(k),
      JSON.stringify(Object.entries(k)),
      Object.getOwnPropertyNames(k).join(','),
    ].join('\n');
    for (const f of forms) expect(shown).not.toContain(f);
  });
});

describe('keyEpoch', () => {
  /** Day number → UTC weekday (0 = Sunday). 1970-01-05 (day 4) was a Monday. */
  const weekday = (day: number) => new Date(day * 86_400_000).getUTCDay();

  it('is always 0 without rotation', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (d) => {
        expect(keyEpoch('none', d)).toBe(0);
      }),
      { seed: 42 },
    );
  });

  it('is the day itself with daily rotation', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (d) => {
        expect(keyEpoch('daily', d)).toBe(d);
      }),
      { seed: 42 },
    );
  });

  it('is constant from Monday to Sunday and changes on Monday with weekly rotation', () => {
    expect(weekday(4)).toBe(1);
    for (let d = 4; d <= 10; d++) expect(keyEpoch('weekly', d)).toBe(keyEpoch('weekly', 4));
    expect(keyEpoch('weekly', 11)).toBe(keyEpoch('weekly', 4) + 1);
    expect(keyEpoch('weekly', 3)).toBe(keyEpoch('weekly', 4) - 1);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (d) => {
        const changes = keyEpoch('weekly', d + 1) !== keyEpoch('weekly', d);
        expect(changes).toBe(weekday(d + 1) === 1);
        expect(keyEpoch('weekly', d + 7)).toBe(keyEpoch('weekly', d) + 1);
        expect(Number.isInteger(keyEpoch('weekly', d))).toBe(true);
      }),
      { seed: 42 },
    );
  });
});

describe('keyEnvName', () => {
  it('upper-cases the store id and turns other characters into underscores', () => {
    expect(keyEnvName('demo-grocery')).toBe('VARV_KEY_DEMO_GROCERY');
    expect(keyEnvName('store.7 east')).toBe('VARV_KEY_STORE_7_EAST');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(keyEnvName(s)).toMatch(/^VARV_KEY_[A-Z0-9_]*$/);
      }),
      { seed: 42 },
    );
  });
});

describe('loadStoreKey', () => {
  let dir: string;
  const keys = {
    config: bytes(32, 'config'),
    file: bytes(32, 'file'),
    env: bytes(32, 'env'),
    envFile: bytes(32, 'env-file'),
  };
  const paths = { hexFile: '', rawFile: '', envFile: '', b64File: '', emptyFile: '', folder: '' };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'varv-keys-'));
    paths.hexFile = join(dir, 'key.hex');
    writeFileSync(paths.hexFile, `${hex(keys.file)}\n`);
    paths.rawFile = join(dir, 'key.bin');
    writeFileSync(paths.rawFile, keys.file);
    paths.b64File = join(dir, 'key.b64');
    writeFileSync(paths.b64File, `${b64(keys.file)}\r\n`);
    paths.envFile = join(dir, 'env.hex');
    writeFileSync(paths.envFile, hex(keys.envFile));
    paths.emptyFile = join(dir, 'empty');
    writeFileSync(paths.emptyFile, '');
    paths.folder = join(dir, 'a-folder');
    mkdirSync(paths.folder);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const is = (k: StoreKey, secret: Uint8Array) => sameKey(k, StoreKey.parse(STORE, secret));

  it('takes the key from configuration', () => {
    const k = loadStoreKey(STORE, { key: hex(keys.config) }, {});
    expect(k.store).toBe(STORE);
    expect(is(k, keys.config)).toBe(true);
  });

  it('takes the key from a key file holding hex text, base64 text, or 32 raw bytes', () => {
    // The raw bytes really are not text, or this would not test the raw path.
    expect(/^[A-Za-z0-9+/_=-]+$/.test(Buffer.from(keys.file).toString('utf8').trim())).toBe(false);
    for (const keyFile of [paths.hexFile, paths.b64File, paths.rawFile])
      expect(is(loadStoreKey(STORE, { keyFile }, {}), keys.file)).toBe(true);
  });

  it('takes the key from VARV_KEY_<STORE>', () => {
    const env = { [keyEnvName(STORE)]: b64(keys.env) };
    expect(is(loadStoreKey(STORE, {}, env), keys.env)).toBe(true);
    // Another store's variable is not this store's key.
    expect(thrown(() => loadStoreKey('demo-fashion', {}, env)).code).toBe('E_NO_KEY');
  });

  it('takes the key from the file named by VARV_KEY_FILE', () => {
    expect(is(loadStoreKey(STORE, {}, { VARV_KEY_FILE: paths.envFile }), keys.envFile)).toBe(true);
  });

  it('prefers configuration, then the key file, then VARV_KEY_<STORE>, then VARV_KEY_FILE', () => {
    const all = {
      config: { key: hex(keys.config), keyFile: paths.hexFile },
      env: { [keyEnvName(STORE)]: hex(keys.env), VARV_KEY_FILE: paths.envFile },
    };
    expect(is(loadStoreKey(STORE, all.config, all.env), keys.config)).toBe(true);
    expect(is(loadStoreKey(STORE, { keyFile: paths.hexFile }, all.env), keys.file)).toBe(true);
    expect(is(loadStoreKey(STORE, {}, all.env), keys.env)).toBe(true);
    expect(is(loadStoreKey(STORE, {}, { VARV_KEY_FILE: paths.envFile }), keys.envFile)).toBe(true);
  });

  it('has no default: without a key it throws E_NO_KEY naming the store and every way to give one', () => {
    const e = thrown(() => loadStoreKey(STORE, {}, {}));
    expect(e.code).toBe('E_NO_KEY');
    expect(e.message).toContain(`"${STORE}"`);
    for (const way of ['privacy.key', 'privacy.keyFile', 'VARV_KEY_DEMO_GROCERY', 'VARV_KEY_FILE'])
      expect(e.message).toContain(way);
    // Unrelated variables are no key.
    expect(thrown(() => loadStoreKey(STORE, undefined, { VARV_KEY: hex(keys.env), HOME: '/' })).code).toBe(
      'E_NO_KEY',
    );
  });

  it.each([
    ['a missing key file', () => join(dir, 'does-not-exist')],
    ['a folder', () => paths.folder],
  ])('throws E_NO_KEY for %s, from configuration or from VARV_KEY_FILE', (_, path) => {
    for (const call of [
      () => loadStoreKey(STORE, { keyFile: path() }, {}),
      () => loadStoreKey(STORE, {}, { VARV_KEY_FILE: path() }),
    ]) {
      const e = thrown(call);
      expect(e.code).toBe('E_NO_KEY');
      expect(e.message).toContain(STORE);
    }
  });

  it('reports bad material as E_BAD_KEY wherever it came from, without echoing it', () => {
    const bad = 'abcdef0123';
    for (const call of [
      () => loadStoreKey(STORE, { key: bad }, {}),
      () => loadStoreKey(STORE, {}, { [keyEnvName(STORE)]: bad }),
      () => loadStoreKey(STORE, { keyFile: paths.emptyFile }, {}),
    ]) {
      const e = thrown(call);
      expect(e.code).toBe('E_BAD_KEY');
      expect(e.message).not.toContain(bad);
    }
  });
});
