import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VarvError } from '../../engine/errors.ts';
import { dataKey, dataPaths, readMeta } from './dataCache.ts';
import type { DataLoader } from './dataLoader.ts';

/** How a notebook's data was had: computed now (and how long it took), or from the cache. */
export type DataRun = { name: string; cached: boolean; seconds: number };

const RUNNER = fileURLToPath(new URL('./runLoader.ts', import.meta.url));

/**
 * Brings the data of the named notebooks up to date: a notebook with a `<name>.data.ts` whose
 * cached data is missing or stale (see dataKey), or all of them with `refresh`, has its loader run
 * in a child process, several side by side (`concurrency`, default the cores up to 3). Throws
 * E_NOTEBOOK_DATA naming the loader and its last words when one fails.
 */
export async function refreshData(
  root: string,
  dir: string,
  names: readonly string[],
  opts: { refresh?: boolean; concurrency?: number; log?: (line: string) => void } = {},
): Promise<DataRun[]> {
  const runs: DataRun[] = [];
  const stale: { name: string; key: string; weight: number }[] = [];
  for (const name of names) {
    const paths = dataPaths(dir, name);
    if (!existsSync(paths.loader)) continue;
    const loader = (await import(pathToFileURL(paths.loader).href)).default as DataLoader;
    const key = dataKey(root, paths.loader, loader.inputs);
    const meta = readMeta(paths);
    if (!opts.refresh && meta?.key === key) runs.push({ name, cached: true, seconds: meta.seconds });
    else stale.push({ name, key, weight: meta?.seconds ?? 0 });
  }
  // Longest first (as last timed), so that the slowest does not start last.
  stale.sort((a, b) => b.weight - a.weight);
  const slots = Math.max(1, opts.concurrency ?? Math.min(3, availableParallelism()));
  let next = 0;
  const worker = async () => {
    while (next < stale.length) {
      const job = stale[next++] as (typeof stale)[number];
      opts.log?.(`${job.name}: computing its data (${job.name}.data.ts)`);
      const t0 = performance.now();
      await runChild(root, dir, job.name, job.key);
      const seconds = (performance.now() - t0) / 1000;
      opts.log?.(`${job.name}: data in ${seconds.toFixed(1)} s`);
      runs.push({ name: job.name, cached: false, seconds });
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, stale.length) }, worker));
  return names.flatMap((n) => runs.filter((r) => r.name === n));
}

function runChild(root: string, dir: string, name: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, dir, name, key], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new VarvError(
            'E_NOTEBOOK_DATA',
            `notebooks/${name}.data.ts failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`,
          ),
        );
    });
  });
}
