import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Token checks count their comparisons: node:crypto's timingSafeEqual is wrapped in a spy (the
// real one still compares), so the test sees that every check compares the presented token's
// digest with every known token's, whichever matches and whether any does.
const spy = vi.hoisted(() => ({ calls: [] as [number, number][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      spy.calls.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});
const { MAX_TOKEN_CHARS, TokenAuth } = await import('../../engine/server/auth.ts');

const specs = [
  { token: 'manager-one', role: 'manager' as const },
  { token: 'manager-two', role: 'manager' as const },
  { token: 'admin', role: 'admin' as const },
  { token: 'cam-1-token', role: 'camera' as const, camera: 'cam-1' },
  { token: 'cam-2-token', role: 'camera' as const, camera: 'cam-2' },
];

describe('TokenAuth', () => {
  const auth = new TokenAuth(specs);
  beforeEach(() => {
    spy.calls.length = 0;
  });

  it('compares against every known token, in constant-length digests, whichever one matches', () => {
    for (const presented of [
      'manager-one',
      'cam-2-token',
      'Bearer admin',
      'wrong',
      'manager-on',
      'x'.repeat(500),
    ]) {
      spy.calls.length = 0;
      auth.check(presented);
      expect(spy.calls, presented).toEqual(specs.map(() => [32, 32]));
    }
  });

  it('knows each token’s role and camera, and which token it was', () => {
    expect(auth.check('Bearer manager-two')).toEqual({ role: 'manager' });
    expect(auth.check('bearer   admin')).toEqual({ role: 'admin' });
    expect(auth.check('cam-1-token')).toEqual({ role: 'camera', camera: 'cam-1' });
    expect(auth.identify('manager-two')?.token).toBe(1);
    expect(auth.check('manager')).toBeNull();
    expect(auth.check('Bearer')).toBeNull();
  });

  it('refuses empty, blank, over-long and non-string tokens without comparing (and without throwing)', () => {
    const refused: unknown[] = [
      undefined,
      '',
      ' ',
      '\t\n',
      'Bearer ',
      'Bearer \t ',
      'x'.repeat(MAX_TOKEN_CHARS + 1),
      `Bearer ${'a'.repeat(1_000_000)}`,
      ['manager-one', 'admin'], // ?token=a&token=b parses to an array
      { token: 'admin' },
    ];
    for (const t of refused) expect(auth.check(t as string)).toBeNull();
    expect(spy.calls).toEqual([]);
  });

  it('ignores surrounding whitespace on both sides (a token file ending in a newline still works)', () => {
    const a = new TokenAuth([{ token: 'from-a-file\n', role: 'manager' }]);
    expect(a.check(' Bearer from-a-file ')).toEqual({ role: 'manager' });
  });

  it('refuses an empty or over-long configured token with E_CONFIG', () => {
    expect(() => new TokenAuth([{ token: '  ', role: 'admin' }])).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', message: 'token 0 (admin) is empty' }),
    );
    expect(() => new TokenAuth([{ token: 'y'.repeat(MAX_TOKEN_CHARS + 1), role: 'manager' }])).toThrow(
      /longer than 512/,
    );
  });

  it('accepts no string that is not a known token (fast-check), and never throws', () => {
    const known = new Set(specs.map((s) => s.token));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...known)), (s) => {
        const who = auth.check(s);
        const bare = s
          .trim()
          .replace(/^Bearer(?:\s+|$)/i, '')
          .trim();
        expect(who !== null).toBe(known.has(bare));
      }),
      { numRuns: 500 },
    );
  });

  it('mints URL-safe tokens of 32 characters, each new', () => {
    const a = TokenAuth.mint();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(TokenAuth.mint()).not.toBe(a);
  });
});
