import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

let builds = 0;

/**
 * The twin's production build (twin/dist), built with Vite when missing or older than its
 * sources (twin/src, and engine/layout, whose patching the edit mode bundles); returns the folder
 * to serve. The build is made in out/ and moved into place, so that processes building at once
 * (test files run in parallel) never serve a half-emptied folder.
 */
export async function buildTwin(root: string): Promise<string> {
  const twin = join(root, 'twin');
  const dist = join(twin, 'dist');
  const index = join(dist, 'index.html');
  const fresh = () =>
    existsSync(index) &&
    statSync(index).mtimeMs >= Math.max(newest(join(twin, 'src')), newest(join(root, 'engine/layout')));
  if (fresh()) return dist;
  process.stdout.write('building the twin (first start only)…\n');
  const { build } = await import('vite');
  const scratch = join(root, 'out', `.twin-build-${process.pid}-${++builds}`);
  mkdirSync(join(root, 'out'), { recursive: true });
  await build({
    root: twin,
    logLevel: 'warn',
    configFile: join(twin, 'vite.config.ts'),
    build: { outDir: join(scratch, 'dist'), emptyOutDir: true },
  });
  try {
    if (existsSync(dist)) renameSync(dist, join(scratch, 'old'));
    renameSync(join(scratch, 'dist'), dist);
  } catch (e) {
    // Another process put its build in place meanwhile: the same sources, so keep that one.
    if (!fresh()) throw e;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return dist;
}
