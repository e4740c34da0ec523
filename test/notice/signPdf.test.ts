import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  A3,
  noticeFacts,
  type SignLayout,
  type SignModel,
  signFields,
  signLayout,
  signModel,
  signPdf,
} from '../../engine/notice/index.ts';
import { thrown } from '../thrown.ts';
import { controllerOf, GROCERY, validStore } from './fixtures.ts';

// The print-ready sign: a valid PDF (cross-reference table, one A3 page), the standard Helvetica
// fonts, every field's text in its content stream at the laid-out places, links to the second layer.

const info = {
  title: 'Kamerorna här analyserar ansikten',
  author: 'Exempelbutiken AB',
  subject: 's',
  date: '2026-03-02',
};

let model: SignModel;
let layout: SignLayout;
let pdf: Buffer;
let raw: string;
beforeAll(async () => {
  model = signModel(noticeFacts(validStore(GROCERY)), 'sv');
  layout = signLayout(model);
  pdf = await signPdf(layout, info);
  raw = pdf.toString('latin1');
});

/** The page's content stream, inflated. */
function content(): string {
  const page = /\/Contents (\d+) 0 R/.exec(raw)?.[1];
  const start = raw.indexOf(`\n${page} 0 obj`);
  const dict = raw.slice(start, raw.indexOf('stream\n', start));
  expect(dict).toContain('/Filter /FlateDecode');
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  const at = start + dict.length + 'stream\n'.length;
  return inflateSync(pdf.subarray(at, at + length)).toString('latin1');
}

/** Text shown in the content stream: per BT…ET block its font size, position and WinAnsi text. */
function shownText(stream: string) {
  return [...stream.matchAll(/BT\n1 0 0 1 ([\d.]+) ([\d.]+) Tm\n\/F\d+ ([\d.]+) Tf\n\[(.*?)\] TJ\nET/g)].map(
    (m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      size: Number(m[3]),
      text: [...(m[4] ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    }),
  );
}

describe('the sign as PDF', () => {
  it('is a well-formed PDF: header, cross-reference table pointing at its objects, trailer', () => {
    expect(raw.startsWith('%PDF-1.')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(raw)?.[1]);
    expect(raw.slice(startxref, startxref + 4)).toBe('xref');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(raw.slice(startxref)) ?? [];
    expect(Number(first)).toBe(0);
    const entries = raw
      .slice(startxref)
      .split('\n')
      .slice(2, 2 + Number(count));
    expect(entries.length).toBe(Number(count));
    entries.forEach((e, i) => {
      const [offset, , kind] = e.trim().split(' ');
      if (kind === 'n')
        expect(raw.slice(Number(offset), Number(offset) + 20)).toMatch(new RegExp(`^${i} 0 obj`));
    });
    expect(raw).toMatch(/trailer\n<<\n\/Size \d+\n\/Root \d+ 0 R\n\/Info \d+ 0 R/);
  });

  it('has one A3 portrait page, the standard Helvetica fonts and links to the second layer', () => {
    expect(raw.match(/\/Type \/Page\n/g)?.length).toBe(1);
    expect(raw).toContain(`/MediaBox [0 0 ${A3.width} ${A3.height}]`);
    expect((A3.width * 25.4) / 72).toBeCloseTo(297, 1);
    expect((A3.height * 25.4) / 72).toBeCloseTo(420, 1);
    expect(raw).toContain('/BaseFont /Helvetica\n');
    expect(raw).toContain('/BaseFont /Helvetica-Bold\n');
    expect(raw).not.toContain('/FontFile');
    expect(raw.match(/\/URI \(https:\/\/example\.org\/exempelbutiken\/kameraanalys\)/g)?.length).toBe(2);
    expect(raw).toContain('/Lang (sv)');
  });

  it('shows every field of the sign at the laid-out place and size', () => {
    const shown = shownText(content());
    const runs = layout.texts.flatMap((t) => t.runs.map((r) => ({ t, r })));
    expect(shown.length).toBe(runs.length);
    runs.forEach(({ t, r }, i) => {
      const s = shown[i];
      expect(s?.text).toBe(r.text);
      expect(s?.size).toBe(t.size);
      expect(s?.x).toBeCloseTo(t.x + r.dx, 1);
      expect(s?.y).toBeCloseTo(A3.height - t.y, 1);
    });
    expect(Math.min(...shown.map((s) => s.size))).toBeGreaterThanOrEqual(24);
    const all = shown
      .map((s) => s.text)
      .join('')
      .replace(/\s+/g, '');
    for (const field of signFields) {
      const v = model[field];
      const text = typeof v === 'string' ? v : `${v.label}${v.text}${'url' in v ? v.url : ''}`;
      expect(all).toContain(text.replace(/\s+/g, ''));
    }
  });

  it('is the same bytes for the same layout and date, and carries the date', async () => {
    expect((await signPdf(layout, info)).equals(pdf)).toBe(true);
    expect((await signPdf(layout, { ...info, date: '2026-03-03' })).equals(pdf)).toBe(false);
    const ref = /\/CreationDate (\d+) 0 R/.exec(raw)?.[1];
    expect(raw).toContain(`\n${ref} 0 obj\n(D:20260302000000Z)\nendobj`);
  });

  it('refuses a character the standard font cannot show, naming it', () => {
    const store = validStore(GROCERY, (j) =>
      Object.assign(controllerOf(j), { name: 'Łódź Sklep Sp. z o.o.' }),
    );
    const l = signLayout(signModel(noticeFacts(store), 'sv'));
    const e = thrown(() => signPdf(l, info));
    expect(e.code).toBe('E_NOTICE_TEXT');
    expect(e.message).toContain('"Ł" (U+0141)');
  });
});
