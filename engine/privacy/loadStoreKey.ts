import { readFileSync } from 'node:fs';
import { VarvError } from '../errors.ts';
import { StoreKey } from './keys.ts';

export type KeySource = {
  /** Key material given in configuration (hex or base64). */
  key?: string;
  /** A file holding the key material. */
  keyFile?: string;
};

/** The environment variable that may hold a store's key, e.g. VARV_KEY_DEMO_GROCERY. */
export function keyEnvName(store: string): string {
  return `VARV_KEY_${store.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Finds a store's key: configuration first, then a key file, then VARV_KEY_<STORE>, then the
 * file named by VARV_KEY_FILE. There is no default: without a key this throws E_NO_KEY.
 */
export function loadStoreKey(
  store: string,
  source: KeySource = {},
  env: NodeJS.ProcessEnv = process.env,
): StoreKey {
  if (source.key) return StoreKey.parse(store, source.key);
  if (source.keyFile) return fromFile(store, source.keyFile);
  const fromEnv = env[keyEnvName(store)];
  if (fromEnv) return StoreKey.parse(store, fromEnv);
  if (env.VARV_KEY_FILE) return fromFile(store, env.VARV_KEY_FILE);
  throw new VarvError(
    'E_NO_KEY',
    `no privacy key for store "${store}": set privacy.key or privacy.keyFile in the configuration, or ${keyEnvName(store)}, or VARV_KEY_FILE`,
  );
}

/** A key file holds hex or base64 text, or the raw key bytes. */
function fromFile(store: string, file: string): StoreKey {
  let material: Buffer;
  try {
    material = readFileSync(file);
  } catch (e) {
    throw new VarvError(
      'E_NO_KEY',
      `cannot read the key file for store "${store}" (${file}): ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  const text = material.toString('utf8').trim();
  return StoreKey.parse(store, /^[A-Za-z0-9+/_=-]+$/.test(text) ? text : material);
}
