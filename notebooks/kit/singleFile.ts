import { VarvError } from '../../engine/errors.ts';

/**
 * Puts a built page's scripts and style sheets inside it. `<script type="module" src="./assets/…">`
 * becomes an inline module script, `<link rel="stylesheet" href="./assets/…">` a `<style>`. Inside
 * an inline script, `</script` and `<!--` would end or upset the HTML parser, so their `<` is
 * written `\x3C` (the same character in every string, template and regular expression, which is
 * where a bundle has them). Throws E_NOTEBOOK_BUILD if the page still points into assets/.
 */
export function singleFile(html: string, assets: ReadonlyMap<string, string>, file: string): string {
  const take = (ref: string): string => {
    const name = ref.replace(/^\.?\//, '');
    const body = assets.get(name);
    if (body === undefined)
      throw new VarvError('E_NOTEBOOK_BUILD', `${file}: the page names ${ref}, not built`);
    return body;
  };
  let out = html.replace(
    /<script\b([^>]*?)\ssrc="([^"]+)"([^>]*)><\/script>/g,
    (_, before: string, src: string, after: string) => {
      const attrs = `${before}${after}`.replace(/\s+crossorigin(="[^"]*")?/g, '');
      const code = take(src).replace(/<(?=\/script|!--)/gi, '\\x3C');
      return `<script${attrs}>${code}</script>`;
    },
  );
  out = out.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) return tag;
    return `<style>${take(href).replace(/<(?=\/style)/gi, '\\3C ')}</style>`;
  });
  if (/(?:src|href)="\.?\/?assets\//.test(out))
    throw new VarvError('E_NOTEBOOK_BUILD', `${file}: the page still loads files from assets/`);
  const remote = /@import\s+(?:url\(\s*)?["']?(https?:\/\/[^"')\s]+)/.exec(out);
  if (remote) throw new VarvError('E_NOTEBOOK_BUILD', `${file}: a style sheet imports ${remote[1]}`);
  return out;
}
