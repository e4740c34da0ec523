import { join, resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { notebookVite } from './buildNotebook.ts';
import { refreshData } from './refreshData.ts';
import { listNotebooks } from './renderNotebooks.ts';

/**
 * The notebooks live: brings their data up to date, then serves notebooks/ through Notebook Kit's
 * Vite plugin on 127.0.0.1. Saving a notebook's .html reloads it in the browser, every cell run
 * again; re-running a loader (npm run notebooks -- --refresh) updates its data.
 */
export async function previewNotebooks(
  o: {
    root?: string;
    port?: number;
    refresh?: boolean;
    log?: (line: string) => void;
    logLevel?: 'info' | 'warn' | 'silent';
  } = {},
): Promise<ViteDevServer> {
  const root = resolve(o.root ?? '.');
  const dir = join(root, 'notebooks');
  await refreshData(root, dir, listNotebooks(dir), { refresh: o.refresh, log: o.log });
  const server = await createServer({
    ...notebookVite(dir, join(root, 'node_modules', '.vite', 'varv-notebooks-dev')),
    logLevel: o.logLevel ?? 'info',
    server: { host: '127.0.0.1', port: o.port ?? 5173, fs: { allow: [root] } },
  });
  await server.listen();
  return server;
}
