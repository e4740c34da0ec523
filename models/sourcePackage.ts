import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VarvError } from '../engine/errors.ts';

export type SourcePackage = { name: string; version: string; licence: string; dir: string };

/**
 * Finds an installed npm package's folder and version. Packages with an `exports` map hide their
 * package.json from `require.resolve`, so this resolves the entry and walks up to it.
 */
export function sourcePackage(name: string): SourcePackage {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (e) {
    throw new VarvError(
      'E_MODEL_SOURCE',
      `the package ${name}, which ships the source models, is not installed (npm ci)`,
      {
        cause: e,
      },
    );
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      name?: string;
      version?: string;
      license?: string;
    };
    if (pkg.name === name) return { name, version: pkg.version ?? '', licence: pkg.license ?? '', dir };
  }
  throw new VarvError('E_MODEL_SOURCE', `cannot find the package.json of ${name} above ${entry}`);
}
