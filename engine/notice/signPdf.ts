import PDFDocument from 'pdfkit';
import { VarvError } from '../errors.ts';
import type { SignLayout } from './signLayout.ts';
import { PDF_FONTS } from './textMeasure.ts';

/** Characters the PDF standard fonts can show (WinAnsiEncoding): Latin-1 and a few more. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const inWinAnsi = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

export type SignPdfInfo = { title: string; author: string; subject: string; date: string };

/**
 * The sign as a print-ready PDF: one A3 portrait page, vector text in the standard Helvetica
 * (nothing embedded, every printer has it), the QR code as vector squares, and links on the
 * URL and the QR code. The same layout and date give the same bytes.
 */
export function signPdf(layout: SignLayout, info: SignPdfInfo): Promise<Buffer> {
  for (const t of layout.texts) {
    const bad = [...t.text].find((ch) => !inWinAnsi(ch));
    if (bad)
      throw new VarvError(
        'E_NOTICE_TEXT',
        `the sign's PDF cannot show "${bad}" (U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) in "${t.text}": the PDF's standard font covers Western European letters only`,
      );
  }
  const date = new Date(`${info.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: [layout.width, layout.height],
    margin: 0,
    lang: layout.lang,
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Varv (varv notice)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.rect(0, 0, layout.width, layout.height).fill('#ffffff');
  for (const s of layout.shapes) {
    if (s.kind === 'circle') {
      doc.circle(s.cx, s.cy, s.r).fill(s.fill);
      continue;
    }
    if (s.r) doc.roundedRect(s.x, s.y, s.w, s.h, s.r);
    else doc.rect(s.x, s.y, s.w, s.h);
    if (s.stroke) doc.lineWidth(s.line ?? 1).fillAndStroke(s.fill, s.stroke);
    else doc.fill(s.fill);
  }
  for (const t of layout.texts)
    for (const r of t.runs)
      doc
        .font(PDF_FONTS[r.weight])
        .fontSize(t.size)
        .fillColor(r.fill)
        .text(r.text, t.x + r.dx, t.y, { lineBreak: false, baseline: 'alphabetic' });
  const { qr } = layout;
  const m = qr.module;
  qr.matrix.dark.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark) doc.rect(qr.x + (c + qr.quiet) * m, qr.y + (r + qr.quiet) * m, m, m);
    });
  });
  doc.fill('#000000');
  for (const l of layout.links) doc.link(l.x, l.y, l.w, l.h, l.url);
  doc.end();
  return done;
}
