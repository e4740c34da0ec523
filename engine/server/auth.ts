import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** camera: pushes frames for one camera; manager: reads; admin: reads and changes. */
export type Role = 'camera' | 'manager' | 'admin';
export type TokenSpec = { token: string; role: Role; camera?: string };
export type Principal = { role: Role; camera?: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer tokens with roles. Tokens are kept as SHA-256 digests and compared with
 * `timingSafeEqual` against every known token, so neither the comparison nor the search leaks
 * how much of a guess was right.
 */
export class TokenAuth {
  private readonly known: { hash: Buffer; principal: Principal }[];

  constructor(tokens: readonly TokenSpec[]) {
    this.known = tokens.map((t) => ({
      hash: digest(t.token),
      principal: t.camera ? { role: t.role, camera: t.camera } : { role: t.role },
    }));
  }

  /** A fresh random token (URL-safe). */
  static mint(): string {
    return randomBytes(24).toString('base64url');
  }

  /** Who holds this token, or null. Accepts "Bearer <token>" or the bare token. */
  check(presented: string | undefined): Principal | null {
    if (!presented) return null;
    const h = digest(presented.replace(/^Bearer\s+/i, ''));
    let found: Principal | null = null;
    for (const k of this.known) if (timingSafeEqual(k.hash, h)) found = k.principal;
    return found;
  }
}

/** May this principal read store data (layouts, KPIs, the live feed)? */
export function canRead(p: Principal | null): boolean {
  return p?.role === 'manager' || p?.role === 'admin';
}
