import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  A3,
  noticeFacts,
  type SignLayout,
  signLayout,
  signModel,
  WIDTH_SLACK,
} from '../../engine/notice/index.ts';
import { thrown } from '../thrown.ts';
import { controllerOf, GROCERY, validStore } from './fixtures.ts';

// The sign's layout for any configuration: the largest legible size that fits, or a clear refusal.

describe('the layout of the sign', () => {
  it('fits any configuration the schema allows, or says it does not fit; never below 24 pt, never off the page', () => {
    const base = validStore(GROCERY);
    const word = fc.stringMatching(/^[a-zåäöA-Z]{1,14}$/);
    const sentence = (max: number) =>
      fc.array(word, { minLength: 1, maxLength: 40 }).map((ws) => `${ws.join(' ')}.`.slice(0, max));
    fc.assert(
      fc.property(
        sentence(220),
        fc.array(sentence(80), { minLength: 1, maxLength: 5 }),
        fc.subarray(['interest', 'queues', 'flows', 'loop', 'staffing', 'comparison'] as const, {
          minLength: 1,
        }),
        fc.constantFrom('sv', 'en'),
        (interest, address, purposes, lang) => {
          const c = base.controller;
          if (!c) throw new Error('no controller');
          const store = {
            ...base,
            controller: { ...c, address, purposes, legitimateInterest: { sv: interest, en: interest } },
          };
          let layout: SignLayout;
          try {
            layout = signLayout(signModel(noticeFacts(store), lang));
          } catch (e) {
            expect(
              thrown(() => {
                throw e;
              }),
            ).toMatchObject({ code: 'E_NOTICE_FIT' });
            return;
          }
          expect(layout.bodySize).toBeGreaterThanOrEqual(24);
          for (const t of layout.texts) {
            const right = t.x + t.runs.reduce((w, r) => w + r.width * WIDTH_SLACK[r.weight], 0);
            const limit = t.field === 'title' ? layout.qr.x : A3.width - layout.margin;
            expect(right).toBeLessThanOrEqual(limit + 0.01);
            expect(t.y + t.size * 0.25).toBeLessThanOrEqual(A3.height - layout.margin);
          }
        },
      ),
      { numRuns: 25, seed: 8 },
    );
  });

  it('refuses texts too long to stay legible, naming what to shorten', () => {
    const long = 'Ett mycket långt berättigat intresse som fyller skylten. '.repeat(4).slice(0, 220);
    const store = validStore(GROCERY, (j) =>
      Object.assign(controllerOf(j), {
        legitimateInterest: { sv: long, en: long },
        address: ['a'.repeat(80), 'b'.repeat(80), 'c'.repeat(80), 'd'.repeat(80), 'e'.repeat(80)],
      }),
    );
    const e = thrown(() => signLayout(signModel(noticeFacts(store), 'sv')));
    expect(e.code).toBe('E_NOTICE_FIT');
    expect(e.message).toMatch(
      /does not fit on A3 at 24 pt \(\d+ pt too tall\): shorten controller\.legitimateInterest/,
    );
  });
});
