import { VarvError } from '../errors.ts';
import { contrastRatio } from './contrast.ts';
import { type QrMatrix, qrMatrix } from './qrMatrix.ts';
import type { SignField, SignModel, SignParagraph } from './signModel.ts';
import { type PlacedRun, type TextRun, wrapRuns } from './textMeasure.ts';

/** A3 portrait in PDF points (1/72 inch): 297 × 420 mm. */
export const A3 = { width: 841.89, height: 1190.55, widthMm: 297, heightMm: 420 } as const;

/**
 * Legibility at the door (read from about 1–2 m): body text at least 24 pt (a capital about 6 mm
 * high, 1/250 of 1.5 m), the title at least twice that, and every text at least 4.5:1 against its
 * background (WCAG AA; the palette gives 7:1 or more).
 */
export const LEGIBILITY = { minBodyPt: 24, maxBodyPt: 30, titleRatio: 2.25, minContrast: 4.5 } as const;

export const PALETTE = {
  page: '#ffffff',
  band: '#0b3a63',
  title: '#ffffff',
  text: '#141414',
  heading: '#0b3a63',
  box: '#fde9a6',
  qr: '#000000',
} as const;

/** One line of the sign: its runs of text, tagged with the model field it shows. */
export type SignText = {
  field: SignField;
  /** The line's text (its runs joined). */
  text: string;
  runs: PlacedRun[];
  /** Left end of the baseline, in points from the top left corner. */
  x: number;
  y: number;
  size: number;
  /** The colour behind the text (for the contrast check). */
  background: string;
  /** Helvetica width in points. */
  width: number;
};

export type SignShape =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill: string;
      stroke?: string;
      line?: number;
      r?: number;
    }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string };

export type SignLayout = {
  lang: string;
  width: number;
  height: number;
  margin: number;
  bodySize: number;
  titleSize: number;
  shapes: SignShape[];
  texts: SignText[];
  /** The QR code's box (quiet zone included, white) and modules. */
  qr: { x: number; y: number; size: number; quiet: number; module: number; matrix: QrMatrix; url: string };
  links: { x: number; y: number; w: number; h: number; url: string }[];
};

const MARGIN = 40;
const QUIET = 4;

/**
 * Places the sign's model on an A3 page: the largest body size from 30 down to 24 pt at which
 * everything fits, spare height shared out between the paragraphs. Throws E_NOTICE_FIT when even
 * 24 pt does not fit (the configured texts are too long for a legible sign).
 */
export function signLayout(model: SignModel): SignLayout {
  let overflow = 0;
  const matrix = qrMatrix(model.more.url);
  for (let body = LEGIBILITY.maxBodyPt; body >= LEGIBILITY.minBodyPt; body--) {
    const first = place(model, matrix, body, 0);
    if (first.spare >= 0) {
      const out = place(model, matrix, body, Math.min(first.spare / first.gaps, body * 1.2)).layout;
      checkContrast(out);
      return out;
    }
    overflow = -first.spare;
  }
  throw new VarvError(
    'E_NOTICE_FIT',
    `the sign's text does not fit on A3 at ${LEGIBILITY.minBodyPt} pt (${Math.ceil(overflow)} pt too tall): shorten controller.legitimateInterest or the address, or name fewer purposes`,
  );
}

function place(model: SignModel, matrix: QrMatrix, body: number, extraGap: number) {
  const W = A3.width;
  const H = A3.height;
  const inner = W - 2 * MARGIN;
  const texts: SignText[] = [];
  const shapes: SignShape[] = [];
  const links: SignLayout['links'] = [];
  const titleSize = Math.round(body * LEGIBILITY.titleRatio);
  const gap = body * 0.55 + extraGap;

  /** Lines from `top` down; returns the bottom of the last line box. */
  const para = (
    field: SignField,
    runs: TextRun[],
    o: { x: number; width: number; top: number; size: number; leading?: number; bg?: string },
  ) => {
    const lead = o.size * (o.leading ?? 1.22);
    const lines = wrapRuns(runs, o.size, o.width);
    lines.forEach((line, i) => {
      texts.push({
        field,
        text: line.text,
        runs: line.runs,
        x: o.x,
        y: o.top + o.size * 0.93 + i * lead,
        size: o.size,
        background: o.bg ?? PALETTE.page,
        width: line.width,
      });
    });
    return o.top + lines.length * lead;
  };
  const labelled = (p: SignParagraph): TextRun[] => [
    { text: p.label, weight: 'bold', fill: PALETTE.heading },
    { text: p.text, weight: 'normal', fill: PALETTE.text },
  ];

  // The band: a camera pictogram, the title, and the QR code of the second layer.
  const pad = body * 1.1;
  const qrSize = Math.round(body * 7.5);
  const icon = Math.round(body * 3.6);
  const titleX = MARGIN + icon + body * 0.9;
  const titleW = W - MARGIN - qrSize - body * 0.9 - titleX;
  const titleRuns: TextRun[] = [{ text: model.title, weight: 'bold', fill: PALETTE.title }];
  const titleLines = wrapRuns(titleRuns, titleSize, titleW).length;
  const titleLead = 1.1;
  const bandH = 2 * pad + Math.max(titleLines * titleSize * titleLead, qrSize);
  shapes.push({ kind: 'rect', x: 0, y: 0, w: W, h: bandH, fill: PALETTE.band });
  shapes.push(...cameraIcon(MARGIN, bandH / 2, icon));
  para('title', titleRuns, {
    x: titleX,
    width: titleW,
    top: (bandH - titleLines * titleSize * titleLead) / 2,
    size: titleSize,
    leading: titleLead,
    bg: PALETTE.band,
  });
  const qrX = W - MARGIN - qrSize;
  const qrY = (bandH - qrSize) / 2;
  shapes.push({ kind: 'rect', x: qrX, y: qrY, w: qrSize, h: qrSize, fill: PALETTE.page });
  links.push({ x: qrX, y: qrY, w: qrSize, h: qrSize, url: model.more.url });

  let y = bandH + gap;
  let gaps = 1;
  y = para('lead', [{ text: model.lead, weight: 'bold', fill: PALETTE.text }], {
    x: MARGIN,
    width: inner,
    top: y,
    size: body,
  });
  for (const field of ['purposes', 'legal', 'controller'] as const) {
    y = para(field, labelled(model[field]), { x: MARGIN, width: inner, top: y + gap, size: body });
    gaps++;
  }
  y = para('dpo', labelled(model.dpo), { x: MARGIN, width: inner, top: y + body * 0.25, size: body });

  // The objection, boxed: the right visitors most need to see (IMY's advice in the case).
  const boxPad = body * 0.6;
  const boxTop = y + gap;
  gaps++;
  const shapeAt = shapes.length;
  const boxBottom = para('objection', labelled(model.objection), {
    x: MARGIN + boxPad,
    width: inner - 2 * boxPad,
    top: boxTop + boxPad,
    size: body,
    bg: PALETTE.box,
  });
  shapes.splice(shapeAt, 0, {
    kind: 'rect',
    x: MARGIN,
    y: boxTop,
    w: inner,
    h: boxBottom + boxPad * 0.8 - boxTop,
    fill: PALETTE.box,
    stroke: PALETTE.heading,
    line: 3,
    r: 8,
  });
  y = boxBottom + boxPad * 0.8;
  for (const field of ['rights', 'storage'] as const) {
    y = para(field, labelled(model[field]), { x: MARGIN, width: inner, top: y + gap, size: body });
    gaps++;
  }
  const urlRuns: TextRun[] = [
    ...labelled(model.more),
    { text: model.more.url, weight: 'bold', fill: PALETTE.heading },
  ];
  const moreTop = y + gap;
  gaps++;
  y = para('more', urlRuns, { x: MARGIN, width: inner, top: moreTop, size: body });
  links.push({ x: MARGIN, y: moreTop, w: inner, h: y - moreTop, url: model.more.url });

  const layout: SignLayout = {
    lang: model.lang,
    width: W,
    height: H,
    margin: MARGIN,
    bodySize: body,
    titleSize,
    shapes,
    texts,
    qr: {
      x: qrX,
      y: qrY,
      size: qrSize,
      quiet: QUIET,
      module: qrSize / (matrix.size + 2 * QUIET),
      matrix,
      url: model.more.url,
    },
    links,
  };
  return { spare: H - MARGIN - y, gaps, layout };
}

/** A camera pictogram (white on the band), `size` wide, centred on `cy`. */
function cameraIcon(x: number, cy: number, size: number): SignShape[] {
  const h = size * 0.62;
  const top = cy - h / 2 + size * 0.06;
  return [
    {
      kind: 'rect',
      x: x + size * 0.22,
      y: top - size * 0.12,
      w: size * 0.3,
      h: size * 0.16,
      fill: PALETTE.title,
      r: size * 0.03,
    },
    { kind: 'rect', x, y: top, w: size, h, fill: PALETTE.title, r: size * 0.08 },
    { kind: 'circle', cx: x + size * 0.5, cy: top + h / 2, r: h * 0.36, fill: PALETTE.band },
    { kind: 'circle', cx: x + size * 0.5, cy: top + h / 2, r: h * 0.22, fill: PALETTE.title },
    { kind: 'circle', cx: x + size * 0.84, cy: top + h * 0.2, r: size * 0.045, fill: PALETTE.band },
  ];
}

function checkContrast(layout: SignLayout): void {
  for (const t of layout.texts)
    for (const r of t.runs) {
      const ratio = contrastRatio(r.fill, t.background);
      if (ratio < LEGIBILITY.minContrast)
        throw new VarvError(
          'E_NOTICE_FIT',
          `sign text "${r.text}" has contrast ${ratio.toFixed(2)}:1, below ${LEGIBILITY.minContrast}:1`,
        );
    }
}
