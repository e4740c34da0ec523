import { hkdfSync } from 'node:crypto';
import { VarvError } from '../errors.ts';

/** Key rotation: how often group IDs are re-randomised. */
export type Rotation = 'none' | 'daily' | 'weekly';

/** A store's secret. Group IDs from two stores' keys are unrelated unless they share a key. */
export class StoreKey {
  readonly #secret: Uint8Array;
  private constructor(
    readonly store: string,
    secret: Uint8Array,
  ) {
    this.#secret = secret;
  }

  /**
   * Parses key material: 64 hex digits, or base64 of at least 16 bytes (32 recommended).
   * Throws E_BAD_KEY with the store named, never echoing the material.
   */
  static parse(store: string, material: string | Uint8Array): StoreKey {
    let bytes: Uint8Array;
    const s = typeof material === 'string' ? material.trim() : '';
    if (typeof material !== 'string') bytes = Uint8Array.from(material);
    else if (/^[0-9a-fA-F]+$/.test(s) && s.length % 2 === 0) bytes = Buffer.from(s, 'hex');
    else if (/^[0-9a-fA-F]{32,}$/.test(s)) {
      throw new VarvError(
        'E_BAD_KEY',
        `the privacy key for store "${store}" looks like hex but has an odd number of digits`,
      );
    } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) bytes = Buffer.from(s, 'base64');
    else throw new VarvError('E_BAD_KEY', `the privacy key for store "${store}" is neither hex nor base64`);
    if (bytes.length < 16) {
      throw new VarvError(
        'E_BAD_KEY',
        `the privacy key for store "${store}" has ${bytes.length} bytes; at least 16 are needed (32 recommended)`,
      );
    }
    return new StoreKey(store, bytes);
  }

  /** `length` bytes derived for one purpose (HKDF-SHA256; the store id is part of the context). */
  derive(purpose: string, length: number): Uint8Array {
    return new Uint8Array(
      hkdfSync('sha256', this.#secret, 'varv/store-key/1', `${this.store}|${purpose}`, length),
    );
  }

  /** A short, non-secret fingerprint for reports and configuration hashes. */
  get fingerprint(): string {
    return Buffer.from(this.derive('fingerprint', 6)).toString('hex');
  }

  toJSON(): string {
    return `StoreKey(${this.store}, ${this.fingerprint})`;
  }
}

/** The key epoch of a local day (days since 1970-01-01): 0 without rotation, else the day or the ISO week. */
export function keyEpoch(rotation: Rotation, localDay: number): number {
  if (rotation === 'none') return 0;
  if (rotation === 'daily') return localDay;
  // 1970-01-01 was a Thursday; shifting by 3 makes epochs start on Mondays.
  return Math.floor((localDay + 3) / 7);
}
