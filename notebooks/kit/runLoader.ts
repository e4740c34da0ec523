// A child process that runs one notebook's data loader and writes its data and cache record:
//   node --import tsx notebooks/kit/runLoader.ts <notebooks folder> <name> <key>
// (refreshData starts it; a loader runs in a process of its own so that loaders can run side by
// side and one that fails or leaks cannot take the others with it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DataMeta, dataPaths } from './dataCache.ts';
import type { DataLoader } from './dataLoader.ts';

const [dir, name, key] = process.argv.slice(2) as [string, string, string];
const paths = dataPaths(dir, name);
const t0 = performance.now();
const loader = (await import(pathToFileURL(paths.loader).href)).default as DataLoader;
const data = await loader.load();
const seconds = (performance.now() - t0) / 1000;
mkdirSync(dirname(paths.data), { recursive: true });
writeFileSync(paths.data, `${JSON.stringify(data)}\n`);
const meta: DataMeta = { key, seconds: Math.round(seconds * 10) / 10 };
writeFileSync(paths.meta, `${JSON.stringify(meta)}\n`);
