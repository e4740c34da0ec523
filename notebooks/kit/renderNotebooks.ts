import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import { buildNotebook } from './buildNotebook.ts';
import { type DataRun, refreshData } from './refreshData.ts';

export type RenderOptions = {
  /** The repository root (default: the current directory). */
  root?: string;
  /** Where the pages go (default out/notebooks). */
  outDir?: string;
  /** Only these notebooks (names without .html). */
  only?: readonly string[];
  /** Recompute every notebook's data, cached or not. */
  refresh?: boolean;
  /** Data loaders run side by side (default: the cores, up to 3). */
  concurrency?: number;
  log?: (line: string) => void;
};

export type RenderedNotebook = {
  name: string;
  title: string;
  /** The page written (self-contained HTML). */
  page: string;
  bytes: number;
  data: DataRun | null;
  buildSeconds: number;
};

export type RenderResult = { outDir: string; notebooks: RenderedNotebook[]; seconds: number };

/** The notebooks of a folder: its `*.html` files, by name. */
export function listNotebooks(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => basename(f, '.html'))
    .sort();
}

/**
 * Renders the notebooks to static pages: brings each notebook's data up to date (its
 * `<name>.data.ts`, cached in notebooks/data/), builds each into one self-contained HTML page in
 * `outDir` and writes an index page linking them all.
 */
export async function renderNotebooks(o: RenderOptions = {}): Promise<RenderResult> {
  const t0 = performance.now();
  const root = resolve(o.root ?? '.');
  const dir = join(root, 'notebooks');
  const outDir = resolve(root, o.outDir ?? 'out/notebooks');
  const all = listNotebooks(dir);
  const unknown = (o.only ?? []).filter((n) => !all.includes(n));
  if (unknown.length)
    throw new VarvError(
      'E_USAGE',
      `no notebook ${unknown.map((n) => `notebooks/${n}.html`).join(', ')}; there are ${all.join(', ')}`,
    );
  const names = o.only?.length ? all.filter((n) => o.only?.includes(n)) : all;
  const data = await refreshData(root, dir, names, {
    refresh: o.refresh,
    concurrency: o.concurrency,
    log: o.log,
  });
  mkdirSync(outDir, { recursive: true });
  const cacheDir = join(root, 'node_modules', '.vite', 'varv-notebooks');
  const notebooks: RenderedNotebook[] = [];
  for (const name of names) {
    const b0 = performance.now();
    const html = await buildNotebook(join(dir, `${name}.html`), dir, cacheDir);
    const page = join(outDir, `${name}.html`);
    writeFileSync(page, html);
    const buildSeconds = (performance.now() - b0) / 1000;
    o.log?.(`${name}: page in ${buildSeconds.toFixed(1)} s`);
    notebooks.push({
      name,
      title: titleOf(join(dir, `${name}.html`)) ?? name,
      page,
      bytes: Buffer.byteLength(html),
      data: data.find((d) => d.name === name) ?? null,
      buildSeconds,
    });
  }
  if (!o.only?.length) writeFileSync(join(outDir, 'index.html'), indexPage(notebooks));
  return { outDir, notebooks, seconds: (performance.now() - t0) / 1000 };
}

/** A notebook's title: its <title>. */
function titleOf(file: string): string | null {
  const m = /<title>([^<]*)<\/title>/.exec(readFileSync(file, 'utf8'));
  return m ? (m[1] as string).trim() : null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function indexPage(notebooks: readonly RenderedNotebook[]): string {
  const items = notebooks
    .map(
      (n) =>
        `    <li><a href="./${n.name}.html">${escapeHtml(n.title)}</a> <code>notebooks/${n.name}.html</code></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Varv notebooks</title><link rel="icon" href="data:,">
<style>body{font:17px/1.5 ui-serif,Georgia,serif;max-width:720px;margin:3rem auto;padding:0 1rem}code{font-size:13px;color:#666}</style></head>
<body>
  <h1>Varv notebooks</h1>
  <p>One question each, answered with Varv's own simulator and analytics. Sources in <code>notebooks/</code>; re-render with <code>npm run notebooks</code>.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}
