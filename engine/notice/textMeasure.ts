import PDFDocument from 'pdfkit';

export type FontWeight = 'normal' | 'bold';

/** The PDF's fonts (PDF standard fonts, so every reader has them); the SVG asks for the same. */
export const PDF_FONTS: Record<FontWeight, string> = { normal: 'Helvetica', bold: 'Helvetica-Bold' };

/**
 * What the SVG asks for: Helvetica or a metric twin (Arial, Liberation Sans, Nimbus Sans), else
 * DejaVu Sans Condensed, which librsvg draws at most 2% (regular) and 8% (bold) wider.
 */
export const SVG_FONT_FAMILY =
  "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', 'Nimbus Sans L', 'DejaVu Sans Condensed', sans-serif";

/** Lines are broken at this factor times their Helvetica width, so that the fallback fits too. */
export const WIDTH_SLACK: Record<FontWeight, number> = { normal: 1.03, bold: 1.09 };

/** A stretch of one style: the input of `wrapRuns`. */
export type TextRun = { text: string; weight: FontWeight; fill: string };
/** A run placed on a line: `dx` from the line's start, `width` in Helvetica (points). */
export type PlacedRun = TextRun & { dx: number; width: number };
export type WrappedLine = { text: string; runs: PlacedRun[]; width: number };

let doc: PDFKit.PDFDocument | undefined;
const widths = new Map<string, number>();

/** Width in points of a text in Helvetica (pdfkit's metrics of the standard font). */
export function textWidth(text: string, size: number, weight: FontWeight): number {
  doc ??= new PDFDocument({ autoFirstPage: false });
  return doc.font(PDF_FONTS[weight]).fontSize(size).widthOfString(text);
}

/** A word's width at 1 pt, remembered. */
function unitWidth(word: string, weight: FontWeight): number {
  const key = `${weight}\u0000${word}`;
  let w = widths.get(key);
  if (w === undefined) {
    w = textWidth(word, 1, weight);
    if (widths.size > 50_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/**
 * Breaks runs of text into lines no wider than `width` (with the slack): at spaces, and a word
 * longer than a line (a URL, an e-mail address) after a "/", ".", "-" or "@", or anywhere if it must.
 */
export function wrapRuns(runs: readonly TextRun[], size: number, width: number): WrappedLine[] {
  type Word = { text: string; style: TextRun };
  const words: Word[] = runs.flatMap((r) =>
    r.text
      .split(/\s+/)
      .filter(Boolean)
      .map((text) => ({ text, style: r })),
  );
  // Line width with the slack, word by word (a space takes the following word's weight).
  const cost = (w: Word, first: boolean) =>
    unitWidth(first ? w.text : ` ${w.text}`, w.style.weight) * size * WIDTH_SLACK[w.style.weight];
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  for (const word of words) {
    const add = cost(word, line.length === 0);
    if (used + add <= width) {
      line.push(word);
      used += add;
      continue;
    }
    if (line.length) lines.push(line);
    let rest = word.text;
    const fits = (text: string) => cost({ text, style: word.style }, true) <= width;
    while (!fits(rest)) {
      const cut = breakPoint(rest, fits);
      lines.push([{ text: rest.slice(0, cut), style: word.style }]);
      rest = rest.slice(cut);
    }
    line = [{ text: rest, style: word.style }];
    used = cost(line[0] as Word, true);
  }
  if (line.length) lines.push(line);
  return lines.map((ws) => {
    const m = placeWords(ws, size);
    return { text: ws.map((w) => w.text).join(' '), runs: m.runs, width: m.width };
  });
}

/** Merges words of one style into runs and places them along the line. */
function placeWords(words: readonly { text: string; style: TextRun }[], size: number) {
  const runs: PlacedRun[] = [];
  words.forEach((w, i) => {
    const last = runs.at(-1);
    const text = i === 0 ? w.text : ` ${w.text}`;
    if (last && last.weight === w.style.weight && last.fill === w.style.fill) last.text += text;
    else runs.push({ text, weight: w.style.weight, fill: w.style.fill, dx: 0, width: 0 });
  });
  let x = 0;
  for (const r of runs) {
    r.dx = x;
    r.width = textWidth(r.text, size, r.weight);
    x += r.width;
  }
  return { runs, width: x };
}

/** Where to cut a word too long for a line: the last break character that fits, else the last letter. */
function breakPoint(word: string, fits: (s: string) => boolean): number {
  let last = 1;
  let lastBreak = 0;
  for (let i = 1; i <= word.length; i++) {
    if (!fits(word.slice(0, i))) break;
    last = i;
    if ('/.-@'.includes(word.charAt(i - 1)) && i < word.length) lastBreak = i;
  }
  return lastBreak || last;
}
