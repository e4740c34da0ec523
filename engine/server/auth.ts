import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { VarvError } from '../errors.ts';

/** camera: pushes frames for one camera; manager: reads; admin: reads and changes. */
export type Role = 'camera' | 'manager' | 'admin';
export type TokenSpec = { token: string; role: Role; camera?: string };
export type Principal = { role: Role; camera?: string };

/** Longer presented tokens are refused without hashing (minted tokens have 32 characters). */
export const MAX_TOKEN_CHARS = 512;

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer tokens with roles. Tokens are kept as SHA-256 digests and compared with
 * `timingSafeEqual` against every known token, so neither the comparison nor the search leaks
 * how much of a guess was right, nor which token it was close to. Surrounding whitespace is
 * ignored (a token read from a file often ends in a newline); an empty, blank or over-long token
 * is refused: in the configuration with `E_CONFIG`, when presented as no one.
 */
export class TokenAuth {
  private readonly known: { hash: Buffer; principal: Principal }[];

  constructor(tokens: readonly TokenSpec[]) {
    this.known = tokens.map((t, i) => {
      const token = t.token.trim();
      if (token.length === 0) throw new VarvError('E_CONFIG', `token ${i} (${t.role}) is empty`);
      if (token.length > MAX_TOKEN_CHARS)
        throw new VarvError(
          'E_CONFIG',
          `token ${i} (${t.role}) is longer than ${MAX_TOKEN_CHARS} characters`,
        );
      return {
        hash: digest(token),
        principal: t.camera ? { role: t.role, camera: t.camera } : { role: t.role },
      };
    });
  }

  /** A fresh random token (URL-safe). */
  static mint(): string {
    return randomBytes(24).toString('base64url');
  }

  /** Who holds this token, or null. Accepts "Bearer <token>" or the bare token. */
  check(presented: string | undefined): Principal | null {
    return this.identify(presented)?.principal ?? null;
  }

  /**
   * Who holds this token and which configured token it is (its index: a key for per-token rate
   * limits that does not hold the secret), or null.
   */
  identify(presented: string | undefined): { principal: Principal; token: number } | null {
    if (typeof presented !== 'string' || presented.length > MAX_TOKEN_CHARS + 16) return null;
    const token = presented
      .trim()
      .replace(/^Bearer(?:\s+|$)/i, '')
      .trim();
    if (token.length === 0 || token.length > MAX_TOKEN_CHARS) return null;
    const h = digest(token);
    let found: { principal: Principal; token: number } | null = null;
    this.known.forEach((k, i) => {
      if (timingSafeEqual(k.hash, h)) found = { principal: k.principal, token: i };
    });
    return found;
  }
}

/** May this principal read store data (layouts, KPIs, the live feed)? */
export function canRead(p: Principal | null): boolean {
  return p?.role === 'manager' || p?.role === 'admin';
}
