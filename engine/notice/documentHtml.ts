import { escapeMarkup } from './escapeMarkup.ts';
import type { DocBlock, NoticeDocument } from './noticeDocument.ts';

const CSS = `
:root { color-scheme: light; }
body { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #141414; background: #fff; margin: 0; }
main { max-width: 46em; margin: 0 auto; padding: 2em 1.25em 3em; }
h1 { font-size: 1.75em; line-height: 1.2; color: #0b3a63; margin: 0 0 .3em; }
h2 { font-size: 1.2em; color: #0b3a63; margin: 1.8em 0 .4em; }
.subtitle { color: #3d3d3d; margin-top: 0; }
.intro { font-size: 1.08em; }
a { color: #0b3a63; }
nav.lang { text-align: right; font-size: .95em; }
section { break-inside: avoid-page; }
section#objection { background: #fde9a6; border: 2px solid #0b3a63; border-radius: 8px; padding: .2em 1em .6em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; font-size: .95em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #c8c8c8; padding: .35em .5em; }
th { background: #eef2f6; }
tr.green td:last-child { background: #cdebd3; }
tr.amber td:last-child { background: #fde9a6; }
tr.red td:last-child { background: #f7c6c0; }
footer { margin-top: 2.5em; font-size: .9em; color: #3d3d3d; border-top: 1px solid #c8c8c8; padding-top: .8em; }
@media print { body { font-size: 11pt; } main { max-width: none; padding: 0; } a { color: inherit; } }
`;

/** Links the e-mail addresses and https:// addresses in an escaped text. */
function linkify(escaped: string): string {
  return escaped
    .replace(/https:\/\/[^\s<>&]+[^\s<>&.,;:)]/g, (u) => `<a href="${u}">${u}</a>`)
    .replace(/(?<![\w./-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<![.])/g, (e) => `<a href="mailto:${e}">${e}</a>`);
}

const text = (s: string) => linkify(escapeMarkup(s));

function block(b: DocBlock): string {
  if (b.kind === 'p') return `<p>${text(b.text)}</p>`;
  if (b.kind === 'list') {
    const tag = b.ordered ? 'ol' : 'ul';
    return `<${tag}>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</${tag}>`;
  }
  const head = `<tr>${b.head.map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr>`;
  const rows = b.rows.map((r, i) => {
    const cls = b.rowClass?.[i];
    return `<tr${cls ? ` class="${escapeMarkup(cls)}"` : ''}>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * A document as one self-contained HTML page: inline styles, no scripts, fonts, images or other
 * files, readable offline and printable. `alternate` links the same page in the other language.
 */
export function documentHtml(
  doc: NoticeDocument,
  alternate?: { href: string; label: string; lang: string },
): string {
  const sections = doc.sections.map(
    (s) =>
      `<section id="${escapeMarkup(s.id)}"${s.article ? ` data-gdpr="${escapeMarkup(s.article)}"` : ''}>\n<h2>${text(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    ...(alternate
      ? [`<link rel="alternate" hreflang="${alternate.lang}" href="${escapeMarkup(alternate.href)}">`]
      : []),
    '</head>',
    '<body>',
    '<main>',
    ...(alternate
      ? [
          `<nav class="lang"><a href="${escapeMarkup(alternate.href)}" hreflang="${alternate.lang}" lang="${alternate.lang}">${escapeMarkup(alternate.label)}</a></nav>`,
        ]
      : []),
    `<h1>${text(doc.title)}</h1>`,
    ...(doc.subtitle ? [`<p class="subtitle">${text(doc.subtitle)}</p>`] : []),
    ...(doc.intro ? [`<p class="intro">${text(doc.intro)}</p>`] : []),
    ...sections,
    `<footer>${text(doc.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
