import { escapeMarkup } from './escapeMarkup.ts';
import type { SignLayout, SignShape } from './signLayout.ts';
import { SVG_FONT_FAMILY } from './textMeasure.ts';

/** The sign as an SVG document, A3 (297 × 420 mm) with a viewBox in points. */
export function signSvg(layout: SignLayout, title: string): string {
  const n = (v: number) => Number(v.toFixed(2));
  const shape = (s: SignShape) =>
    s.kind === 'rect'
      ? `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}"${s.r ? ` rx="${n(s.r)}"` : ''} fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.line ?? 1}"` : ''}/>`
      : `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" fill="${s.fill}"/>`;
  const texts = layout.texts.map(
    (t) =>
      `<text x="${n(t.x)}" y="${n(t.y)}" font-size="${t.size}" xml:space="preserve" data-field="${t.field}">${t.runs
        .map((r) => `<tspan font-weight="${r.weight}" fill="${r.fill}">${escapeMarkup(r.text)}</tspan>`)
        .join('')}</text>`,
  );
  const { qr } = layout;
  const m = qr.module;
  const cells: string[] = [];
  qr.matrix.dark.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark)
        cells.push(
          `M${n(qr.x + (c + qr.quiet) * m)} ${n(qr.y + (r + qr.quiet) * m)}h${n(m)}v${n(m)}h${n(-m)}z`,
        );
    });
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xml:lang="${layout.lang}" width="297mm" height="420mm" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
    ...layout.shapes.map(shape),
    `<g font-family="${SVG_FONT_FAMILY}">`,
    ...texts,
    '</g>',
    `<a href="${escapeMarkup(qr.url)}"><path d="${cells.join('')}" fill="#000000" shape-rendering="crispEdges" data-field="more"/></a>`,
    '</svg>',
    '',
  ].join('\n');
}
