import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Inputs of every notebook's data besides its own: the example stores and the loader runner. */
export const SHARED_INPUTS = ['scenarios/stores', 'notebooks/kit/runLoader.ts'] as const;

/** Where a notebook's data and its cache record live. */
export function dataPaths(notebooksDir: string, name: string) {
  return {
    loader: join(notebooksDir, `${name}.data.ts`),
    data: join(notebooksDir, 'data', `${name}.json`),
    meta: join(notebooksDir, 'data', `${name}.meta.json`),
  };
}

/** The cache record written beside the data. */
export type DataMeta = { key: string; seconds: number };

/**
 * The cache key of a notebook's data: a hash over the path and content of the loader and every
 * TypeScript module it imports, directly or not (the code that computes the data), of its declared
 * inputs and of SHARED_INPUTS (every .ts and .json file of a folder, in sorted order). The same key
 * means the loader would compute the same data: every loader is seeded.
 */
export function dataKey(root: string, loaderFile: string, inputs: readonly string[]): string {
  const h = createHash('sha256');
  const add = (file: string) => {
    h.update(relative(root, file));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  };
  for (const f of importGraph(loaderFile)) add(f);
  for (const p of [...inputs, ...SHARED_INPUTS]) {
    const abs = join(root, p);
    if (!existsSync(abs)) {
      h.update(`missing:${p}\0`);
      continue;
    }
    for (const f of listFiles(abs)) add(f);
  }
  return h.digest('hex').slice(0, 16);
}

/** Relative imports of a module: static and dynamic imports, re-exports and worker modules (new URL). */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"](\.{1,2}\/[^'"]+\.ts)['"]/g;

/** A module and every local TypeScript module it reaches through relative imports, sorted. */
export function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT))
      visit(resolve(dirname(file), m[1] as string));
  };
  visit(resolve(entry));
  return [...seen].sort();
}

/** The cache record, or null when there is none (or no data beside it). */
export function readMeta(paths: { data: string; meta: string }): DataMeta | null {
  if (!existsSync(paths.data) || !existsSync(paths.meta)) return null;
  try {
    return JSON.parse(readFileSync(paths.meta, 'utf8')) as DataMeta;
  } catch {
    return null;
  }
}

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(path, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.(ts|json)$/.test(name)) out.push(p);
  }
  return out;
}
