import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of the files under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The twin's production build (twin/dist), built with Vite when missing or older than its
 * sources; returns the folder to serve.
 */
export async function buildTwin(root: string): Promise<string> {
  const twin = join(root, 'twin');
  const dist = join(twin, 'dist');
  const index = join(dist, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(twin, 'src'))) return dist;
  process.stdout.write('building the twin (first start only)…\n');
  const { build } = await import('vite');
  await build({ root: twin, logLevel: 'warn', configFile: join(twin, 'vite.config.ts') });
  return dist;
}
