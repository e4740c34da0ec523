import { fileURLToPath } from 'node:url';
import { config, observable } from '@observablehq/notebook-kit/vite';
import { type Alias, build, type InlineConfig, type Rollup } from 'vite';
import { VarvError } from '../../engine/errors.ts';
import { checkOffline } from './checkOffline.ts';
import { offlineImports } from './offlineImports.ts';
import { singleFile } from './singleFile.ts';

/** The page template: Notebook Kit's styles without its web fonts (the system's fonts instead). */
export const TEMPLATE = fileURLToPath(new URL('./template.html', import.meta.url));

/** Notebook Kit's Vite set-up, offline: checked notebooks, our template, no network imports. */
export function notebookVite(root: string, cacheDir: string): InlineConfig {
  const kit = config();
  // Notebook Kit's npm: alias points at the CDN; checkOffline refuses npm: imports, so it goes.
  const alias = ((kit.resolve?.alias ?? []) as Alias[]).filter((a) => !a.customResolver);
  return {
    ...kit,
    resolve: { ...kit.resolve, alias },
    configFile: false,
    root,
    cacheDir,
    logLevel: 'warn',
    plugins: [
      offlineImports(),
      observable({
        template: TEMPLATE,
        transformNotebook: (notebook, context) => checkOffline(notebook, context.filename),
      }),
    ],
  };
}

/**
 * Builds one notebook (`notebooks/<name>.html`, Notebook Kit's format) into one self-contained
 * HTML page: its cells compiled by Notebook Kit's Vite plugin, d3 and every other import bundled
 * from node_modules, its data files inlined as data: URLs, all scripts and styles inline. The page
 * opens from the disk (file://) with no server and no network.
 */
export async function buildNotebook(file: string, root: string, cacheDir: string): Promise<string> {
  const result = await build({
    ...notebookVite(root, cacheDir),
    build: {
      write: false,
      assetsInlineLimit: () => true,
      cssCodeSplit: false,
      modulePreload: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: Number.POSITIVE_INFINITY,
      rollupOptions: {
        input: file,
        // The CDN stand-ins (offlineImports) have no named exports; shim them quietly.
        shimMissingExports: true,
        onLog(level, log, handler) {
          if (log.code !== 'SHIMMED_EXPORT') handler(level, log);
        },
        output: { codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = outputs.flatMap((o) => o.output);
  const page = files.find((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
  if (page?.type !== 'asset') throw new VarvError('E_NOTEBOOK_BUILD', `building ${file} gave no page`);
  const assets = new Map<string, string>();
  for (const f of files) {
    if (f === page) continue;
    assets.set(f.fileName, f.type === 'chunk' ? f.code : String(f.source));
  }
  return singleFile(String(page.source), assets, file);
}
