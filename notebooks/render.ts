// npm run notebooks [-- --refresh] [-- --only queues,layout-ab] [-- --out DIR] [-- --preview [--port N]] [-- --json]
// Renders every notebook in notebooks/ to one self-contained page in out/notebooks/ (see
// notebooks/kit/renderNotebooks.ts), or serves them live with --preview.
import { parseArgs } from 'node:util';
import { previewNotebooks } from './kit/previewNotebooks.ts';
import { renderNotebooks } from './kit/renderNotebooks.ts';

const { values } = parseArgs({
  options: {
    refresh: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    preview: { type: 'boolean', default: false },
    port: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.error(line);

try {
  if (values.preview) {
    const server = await previewNotebooks({
      port: values.port ? Number(values.port) : undefined,
      refresh: values.refresh,
      log,
    });
    server.printUrls();
    console.error(
      'edit notebooks/<name>.html and save: the page reloads and its cells run again (Ctrl-C stops)',
    );
  } else {
    const r = await renderNotebooks({
      outDir: values.out,
      only: values.only?.split(',').filter(Boolean),
      refresh: values.refresh,
      log,
    });
    for (const n of r.notebooks) {
      const data = n.data ? `data ${n.data.cached ? 'cached' : `${n.data.seconds.toFixed(1)} s`}` : 'no data';
      console.log(
        `${n.name.padEnd(22)} ${data.padEnd(16)} page ${n.buildSeconds.toFixed(1)} s  ${(n.bytes / 1024).toFixed(0)} KiB  ${n.page}`,
      );
    }
    console.log(`${r.notebooks.length} notebooks in ${r.seconds.toFixed(1)} s; open ${r.outDir}/index.html`);
    if (values.json)
      console.log(
        JSON.stringify({
          command: 'notebooks',
          ok: true,
          seconds: r.seconds,
          outDir: r.outDir,
          notebooks: r.notebooks.map(({ name, page, bytes, data, buildSeconds }) => ({
            name,
            page,
            bytes,
            data,
            buildSeconds,
          })),
        }),
      );
  }
} catch (e) {
  const err = e as Error & { code?: string };
  console.error(`✗ ${err.code ? `${err.code}: ` : ''}${err.message}`);
  process.exitCode = 1;
}
