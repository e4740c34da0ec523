import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoticeLanguage, StoreLayout } from '../../engine/layout/index.ts';
import {
  A3,
  contrastRatio,
  LEGIBILITY,
  noticeFacts,
  PALETTE,
  type SignLayout,
  type SignModel,
  signFields,
  signLayout,
  signModel,
  signSvg,
} from '../../engine/notice/index.ts';
import { FASHION, GROCERY, plainText, validStore } from './fixtures.ts';
import { decodeQr } from './qrDecode.ts';

// The first-layer sign: every required element present, legible at A3 from 1–2 m, and a QR code
// that decodes to the second layer's address. The SVG is rendered by librsvg (through sharp) at
// 150 dpi and the pixels are checked.

const DPI = 150;
const PX = DPI / 72; // pixels per point
const MM = 25.4 / 72; // millimetres per point

type Rendered = { store: string; lang: NoticeLanguage; model: SignModel; layout: SignLayout; svg: string };

function make(store: StoreLayout, lang: NoticeLanguage): Rendered {
  const model = signModel(noticeFacts(store), lang);
  const layout = signLayout(model);
  return { store: store.id, lang, model, layout, svg: signSvg(layout, model.title) };
}

/** The text of each field as the SVG shows it: its <text> elements' contents, joined. */
function svgFieldText(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<text [^>]*data-field="([a-z]+)"[^>]*>(.*?)<\/text>/g)) {
    const [, field = '', inner = ''] = m;
    out.set(field, `${out.get(field) ?? ''} ${plainText(inner)}`);
  }
  return out;
}

/** What a field says in the model (labels included). */
function modelText(model: SignModel, field: (typeof signFields)[number]): string {
  const v = model[field];
  if (typeof v === 'string') return v;
  return 'url' in v ? `${v.label} ${v.text} ${v.url}` : `${v.label} ${v.text}`;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

async function pixels(svg: string) {
  // The SVG is A3 in mm; give librsvg the pixel size of 150 dpi for the same viewBox.
  const w = Math.round((A3.widthMm / 25.4) * DPI);
  const h = Math.round((A3.heightMm / 25.4) * DPI);
  const sized = svg.replace('width="297mm" height="420mm"', `width="${w}" height="${h}"`);
  const { data, info } = await sharp(Buffer.from(sized))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * info.channels;
    return [data[i] as number, data[i + 1] as number, data[i + 2] as number] as const;
  };
  return { width: info.width, height: info.height, at };
}

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const luma = (rgb: readonly number[]) =>
  0.2126 * (rgb[0] ?? 0) + 0.7152 * (rgb[1] ?? 0) + 0.0722 * (rgb[2] ?? 0);

const signs: Rendered[] = [];
beforeAll(() => {
  for (const file of [GROCERY, FASHION]) {
    const store = validStore(file);
    for (const lang of ['sv', 'en'] as const) signs.push(make(store, lang));
  }
});

describe('the sign at the entrance (first layer)', () => {
  it('shows every field of the model, word for word, in the layout and in the SVG', () => {
    for (const s of signs) {
      const svgText = svgFieldText(s.svg);
      for (const field of signFields) {
        const lines = s.layout.texts.filter((t) => t.field === field);
        expect(lines.length, `${s.store} ${s.lang} ${field}`).toBeGreaterThan(0);
        expect(squash(lines.map((t) => t.text).join(' '))).toBe(squash(modelText(s.model, field)));
        expect(squash(svgText.get(field) ?? '')).toBe(squash(modelText(s.model, field)));
      }
    }
  });

  it('says what EDPB 3/2019 §7 and IMY ask of a first layer, in each language', () => {
    const needs: Record<NoticeLanguage, RegExp[]> = {
      sv: [
        /analyserar ansikten/,
        /kön, åldersspann och ett grupp-ID/,
        /raderas inom millisekunder och sparas aldrig/,
        /Varför: för att förstå/,
        /berättigat intresse \(art\. 6\.1 f GDPR\)/,
        /Personuppgiftsansvarig: /,
        /Dataskyddsombud: /,
        /Du har rätt att invända när som helst \(art\. 21 GDPR\)/,
        /tillgång .* radering .* begränsning/,
        /Integritetsskyddsmyndigheten \(IMY\), www\.imy\.se/,
        /sparas i \d+ dagar/,
        /Mer information: skanna QR-koden/,
      ],
      en: [
        /analyse faces/,
        /gender, age band and a group ID/,
        /deleted within milliseconds and never stored/,
        /Why: to understand/,
        /legitimate interest \(Art\. 6\(1\)\(f\) GDPR\)/,
        /Controller: /,
        /Data protection officer: /,
        /You have the right to object at any time \(Art\. 21 GDPR\)/,
        /access .* erasure, restriction/,
        /\(IMY\), www\.imy\.se/,
        /kept for \d+ days/,
        /More information: scan the QR code/,
      ],
    };
    for (const s of signs) {
      const all = norm(plainText(s.svg));
      for (const re of needs[s.lang]) expect(all, `${s.store} ${s.lang}`).toMatch(re);
      const c = validStore(s.store === 'demo-grocery' ? GROCERY : FASHION).controller;
      for (const fact of [
        c?.name,
        c?.orgNumber,
        c?.email,
        c?.dpo.email,
        c?.processor.name,
        c?.legitimateInterest[s.lang],
      ])
        expect(all).toContain(fact);
      expect(squash(all)).toContain(c?.noticeUrl);
    }
    // The grocery lists all three objection channels, the fashion store the default two.
    const grocerySv = norm(plainText(signs[0]?.svg ?? ''));
    expect(grocerySv).toMatch(/säg till vår personal, mejla dataskydd@example\.org eller skanna QR-koden/);
    const fashionEn = norm(plainText(signs[3]?.svg ?? ''));
    expect(fashionEn).toMatch(/tell any of our staff or email integritet@example\.org\./);
  });

  it(`is legible at A3: body ≥ ${LEGIBILITY.minBodyPt} pt, the title over twice that, contrast ≥ ${LEGIBILITY.minContrast}:1`, () => {
    for (const s of signs) {
      // The SVG's user unit is the point: 297 mm across the viewBox's 841.89.
      const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(s.svg);
      expect(Number(vb?.[1]) * MM).toBeCloseTo(297, 1);
      expect(Number(vb?.[2]) * MM).toBeCloseTo(420, 1);
      const sizes = [...s.svg.matchAll(/<text [^>]*font-size="([\d.]+)"[^>]*data-field="([a-z]+)"/g)].map(
        (m) => ({
          size: Number(m[1]),
          field: m[2],
        }),
      );
      expect(sizes.length).toBe(s.layout.texts.length);
      const body = Math.min(...sizes.filter((x) => x.field !== 'title').map((x) => x.size));
      const title = Math.min(...sizes.filter((x) => x.field === 'title').map((x) => x.size));
      expect(body).toBeGreaterThanOrEqual(24);
      expect(title).toBeGreaterThanOrEqual(2 * body);
      // A capital at 24 pt is about 6 mm high (Helvetica's cap height is 0.718 em).
      expect(0.718 * body * MM).toBeGreaterThan(6);
      for (const m of s.svg.matchAll(/<tspan font-weight="(normal|bold)" fill="(#[0-9a-f]{6})">/g)) {
        const fill = m[2] as string;
        const background = fill === PALETTE.title ? PALETTE.band : PALETTE.page;
        expect(contrastRatio(fill, background)).toBeGreaterThanOrEqual(LEGIBILITY.minContrast);
      }
      for (const t of s.layout.texts)
        for (const r of t.runs) expect(contrastRatio(r.fill, t.background)).toBeGreaterThanOrEqual(7);
    }
  });

  it('renders at 150 dpi with the text inside the margins, as large and as dark as laid out', async () => {
    for (const s of signs.filter((x) => x.store === 'demo-grocery')) {
      const img = await pixels(s.svg);
      expect([img.width, img.height]).toEqual([1754, 2480]);
      const band = s.layout.shapes[0];
      if (band?.kind !== 'rect') throw new Error('the band comes first');
      const bandBottom = (band.y + band.h) * PX;
      const margin = s.layout.margin * PX;
      // No ink in the side margins below the band (5 px: the box's 3 pt border straddles the margin).
      let ink = 0;
      for (let y = Math.ceil(bandBottom) + 2; y < img.height; y += 2)
        for (const x of [
          margin - 6,
          margin - 12,
          img.width - margin + 6,
          img.width - margin + 12,
          2,
          img.width - 3,
        ])
          if (luma(img.at(x, y)) < 250) ink++;
      expect(ink).toBe(0);
      // Every line: the ink in its box reaches the height of a capital and the colour laid out.
      for (const t of s.layout.texts) {
        const x0 = t.x * PX;
        const x1 = Math.min((t.x + t.width) * PX, img.width - 1);
        const top = (t.y - t.size) * PX;
        const bottom = (t.y + t.size * 0.25) * PX;
        const bg = img.at(x0 - 4, t.y * PX);
        let inkTop = Number.POSITIVE_INFINITY;
        let inkBottom = 0;
        let best = 1;
        for (let y = Math.ceil(top); y < bottom; y++)
          for (let x = Math.ceil(x0); x < x1; x += 2) {
            const p = img.at(x, y);
            if (Math.abs(luma(p) - luma(bg)) > 60) {
              inkTop = Math.min(inkTop, y);
              inkBottom = Math.max(inkBottom, y);
              best = Math.max(best, contrastRatio(hex(p), hex(bg)));
            }
          }
        expect((inkBottom - inkTop) / PX, `"${t.text}"`).toBeGreaterThan(0.68 * t.size);
        expect(best, `"${t.text}"`).toBeGreaterThanOrEqual(LEGIBILITY.minContrast);
      }
    }
  });

  it("has a QR code in the rendered pixels that decodes to the second layer's address", async () => {
    for (const s of signs) {
      const img = await pixels(s.svg);
      const { qr } = s.layout;
      const n = qr.matrix.size;
      const sample = (r: number, c: number) =>
        luma(
          img.at(
            (qr.x + (c + qr.quiet + 0.5) * qr.module) * PX,
            (qr.y + (r + qr.quiet + 0.5) * qr.module) * PX,
          ),
        ) < 128;
      const seen = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => sample(r, c)));
      expect(seen).toEqual(qr.matrix.dark);
      for (let i = -qr.quiet; i < n + qr.quiet; i++)
        for (const [r, c] of [
          [-1, i],
          [n, i],
          [i, -1],
          [i, n],
        ] as const)
          expect(sample(r, c)).toBe(false);
      // A module at 150 dpi is several pixels wide, and the whole code at least 40 mm.
      expect(qr.module * PX).toBeGreaterThan(6);
      expect(n * qr.module * MM).toBeGreaterThan(40);
      const decoded = decodeQr(seen);
      expect(decoded.text).toBe(s.model.more.url);
      expect(decoded.ecl).toBe('M');
    }
  });
});
