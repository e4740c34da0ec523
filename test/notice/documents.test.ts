import { describe, expect, it } from 'vitest';
import type { NoticeLanguage } from '../../engine/layout/index.ts';
import {
  ARTICLE_13_SECTIONS,
  documentHtml,
  dpiaAppendix,
  type NoticeDocument,
  noticeFacts,
  parseRiskReport,
  RECORD_FORMAT,
  recordJson,
  recordOfProcessing,
  secondLayer,
} from '../../engine/notice/index.ts';
import { thrown } from '../thrown.ts';
import { controllerOf, FASHION, GROCERY, plainText, validStore } from './fixtures.ts';

// The second layer (Art. 13 in full), the Art. 30 record and the DPIA appendix, in both languages.

const DATE = '2026-03-02';
const grocery = noticeFacts(validStore(GROCERY));
const langs = ['sv', 'en'] as const;

/** Each section of a rendered page: its data-gdpr article and its plain text. */
function sections(html: string): Map<string, { article?: string; text: string }> {
  const out = new Map<string, { article?: string; text: string }>();
  for (const m of html.matchAll(
    /<section id="([a-z0-9-]+)"(?: data-gdpr="([\d.a-z]+)")?>([\s\S]*?)<\/section>/g,
  ))
    out.set(m[1] as string, {
      article: m[2],
      text: plainText((m[3] as string).replace(/<\/t[dh]>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    });
  return out;
}

/** What each Art. 13 section must say, per language (the legal terms in the Swedish GDPR's wording). */
const ART13_TERMS: Record<NoticeLanguage, Record<keyof typeof ARTICLE_13_SECTIONS, RegExp>> = {
  sv: {
    controller:
      /Exempelbutiken AB \(org\.nr 556000-0000\) är personuppgiftsansvarig .*dataskydd@example\.org/,
    dpo: /dataskyddsombud på dpo@example\.org/,
    purposes: /köer bildas.*berättigade intresse enligt artikel 6\.1 f/,
    interests: /förbättra butiken.*vägt vårt intresse/,
    recipients:
      /personuppgiftsbiträde Exempelanalys GmbH, Frankfurt am Main, Tyskland \(inom EU\/EES\).*artikel 28.*Exempelmoln GmbH, Tyskland: underbiträde/,
    transfers: /Inga uppgifter förs över till länder utanför EU\/EES/,
    retention: /sparas i 30 dagar.*per zon och timme/,
    rights:
      /tillgång \(artikel 15\).*rättelse \(artikel 16\).*radering \(artikel 17\).*begränsning av behandlingen \(artikel 18\).*dataportabilitet \(artikel 20\) gäller inte/,
    objection:
      /Rätt att invända \(artikel 21\).*när som helst invända.*säg till vår personal, mejla dataskydd@example\.org eller kontakta oss via https:\/\/example\.org\/exempelbutiken\/kameraanalys.*tvingande berättigade skäl/,
    complaint: /klagomål till Integritetsskyddsmyndigheten \(IMY\).*https:\/\/www\.imy\.se/,
    obligation: /Inget lagkrav och inget avtal/,
    automated: /Inga beslut om dig fattas automatiskt.*artikel 22/,
  },
  en: {
    controller:
      /Exempelbutiken AB \(company reg\. no\. 556000-0000\) is the controller .*dataskydd@example\.org/,
    dpo: /data protection officer at dpo@example\.org/,
    purposes: /queues form.*legitimate interest under Article 6\(1\)\(f\)/,
    interests: /improve the store.*weighed our interest/,
    recipients:
      /processor Exempelanalys GmbH, Frankfurt am Main, Germany \(within the EU\/EEA\).*Article 28.*Exempelmoln GmbH, Germany: sub-processor/,
    transfers: /No data is transferred to countries outside the EU\/EEA/,
    retention: /kept for 30 days.*per zone and hour/,
    rights:
      /access \(Article 15\).*rectification \(Article 16\).*erasure \(Article 17\).*restriction of processing \(Article 18\).*portability \(Article 20\) does not apply/,
    objection:
      /Right to object \(Article 21\).*object at any time.*tell any of our staff, email dataskydd@example\.org or contact us via https:\/\/example\.org\/exempelbutiken\/kameraanalys.*compelling legitimate grounds/,
    complaint: /complaint with the Swedish Authority for Privacy Protection \(IMY\).*https:\/\/www\.imy\.se/,
    obligation: /No law and no contract requires/,
    automated: /No decisions about you are taken automatically.*Article 22/,
  },
};

describe('the second-layer notice', () => {
  for (const lang of langs) {
    it(`has every Art. 13 element, and Art. 21, in ${lang}`, () => {
      const html = documentHtml(secondLayer(grocery, lang, DATE));
      const found = sections(html);
      for (const [id, article] of Object.entries(ARTICLE_13_SECTIONS)) {
        const s = found.get(id);
        expect(s?.article, id).toBe(article);
        expect(s?.text, `${lang} ${id}`).toMatch(ART13_TERMS[lang][id as keyof typeof ARTICLE_13_SECTIONS]);
      }
      expect(html).toContain(`<html lang="${lang}">`);
    });
  }

  it('explains group IDs in plain language with the configured values', () => {
    const sv = sections(documentHtml(secondLayer(grocery, 'sv', DATE))).get('how')?.text;
    expect(sv).toMatch(/ett av bara 256/);
    expect(sv).toMatch(/med avsikt så få att många besökare delar samma grupp-ID/);
    expect(sv).toMatch(/morgon \(från 06:00\), lunch \(från 11:00\) och eftermiddag \(från 14:00\)/);
    expect(sv).toMatch(/raderas inom millisekunder/);
    expect(sv).toMatch(/ungefär 50 procent av fallen/);
    expect(sv).toMatch(/minst 5 olika grupp-ID/);
    expect(sv).toMatch(/Butikens 22 kameror, vid entrén, .*kassorna/);
    const custom = noticeFacts(validStore(GROCERY), {
      groups: 4096,
      consistency: 0.3,
      intervals: ['07:00', '11:30', '15:00'],
      rotation: 'weekly',
      k: 10,
    });
    const en = sections(documentHtml(secondLayer(custom, 'en', DATE))).get('how')?.text;
    expect(en).toMatch(/one of only 4,096/);
    expect(en).toMatch(/about 30 per cent of the time/);
    expect(en).toMatch(/at least 10 different group IDs/);
    expect(en).toMatch(/morning \(from 07:00\), lunch \(from 11:30\)/);
    expect(en).toMatch(/The key is changed every week\./);
  });

  it('describes a transfer outside the EEA with its safeguards, and a non-default authority', () => {
    const facts = noticeFacts(
      validStore(FASHION, (j) =>
        Object.assign(controllerOf(j), {
          processor: { name: 'Example Analytics Inc.', city: 'Seattle', country: 'US' },
          transfers: {
            countries: ['US'],
            safeguards: {
              sv: 'EU-kommissionens standardavtalsklausuler.',
              en: "The Commission's standard contractual clauses.",
            },
          },
          authority: {
            name: {
              sv: 'Datatilsynet (Norge)',
              en: 'the Norwegian Data Protection Authority (Datatilsynet)',
            },
            url: 'https://www.datatilsynet.no',
          },
        }),
      ),
    );
    const sv = sections(documentHtml(secondLayer(facts, 'sv', DATE)));
    expect(sv.get('recipients')?.text).toMatch(/Example Analytics Inc\., Seattle, USA \(utanför EU\/EES\)/);
    expect(sv.get('transfers')?.text).toMatch(
      /förs över till USA\. Skyddsåtgärder: EU-kommissionens standardavtalsklausuler\./,
    );
    expect(sv.get('complaint')?.text).toMatch(/Datatilsynet \(Norge\).*https:\/\/www\.datatilsynet\.no/);
    // The fashion store has no other recipients, and keeps its sightings the event store's default 30 days.
    expect(sv.get('recipients')?.text).not.toMatch(/Andra mottagare/);
    expect(sv.get('retention')?.text).toMatch(/sparas i 30 dagar/);
  });

  it('is one self-contained page: no scripts or fetched files; links to the other language', () => {
    const html = documentHtml(secondLayer(grocery, 'sv', DATE), {
      href: 'notice.en.html',
      label: 'In English',
      lang: 'en',
    });
    expect(html).not.toMatch(/<script|<img|<iframe|<link rel="stylesheet"|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).toContain('<a href="notice.en.html" hreflang="en" lang="en">In English</a>');
    expect(html).toContain('<a href="mailto:dpo@example.org">dpo@example.org</a>');
    expect(html).toContain('<a href="https://www.imy.se">https://www.imy.se</a>');
    expect(html).toContain(`Senast uppdaterad ${DATE}`);
    expect(html).toContain(grocery.configHash);
  });

  it('escapes what the configuration says', () => {
    const facts = noticeFacts(
      validStore(GROCERY, (j) => Object.assign(controllerOf(j), { name: 'Exempel & <Söner> "AB"' })),
    );
    const html = documentHtml(secondLayer(facts, 'sv', DATE));
    expect(html).not.toContain('<Söner>');
    expect(html).toContain('Exempel &#38; &#60;Söner&#62; &#34;AB&#34;');
  });
});

describe('the record of processing (Art. 30)', () => {
  it('has (a) to (g) in both languages', () => {
    for (const lang of langs) {
      const found = sections(documentHtml(recordOfProcessing(grocery, lang, DATE)));
      const articles = [...found.values()].map((s) => s.article);
      for (const letter of 'abcdefg') expect(articles, lang).toContain(`30.1.${letter}`);
      expect(found.get('security')?.text).toMatch(
        lang === 'sv' ? /k-tröskel: .* färre än 5 grupp-ID/ : /fewer than 5 group IDs/,
      );
      expect(found.get('erasure')?.text).toMatch(/30/);
    }
  });

  it('is data too: the letters of Art. 30(1), codes and settings', () => {
    const json = recordJson(grocery, DATE);
    expect(json.format).toBe(RECORD_FORMAT);
    expect(json.a.controller.name).toBe('Exempelbutiken AB');
    expect(json.b.legalBasis).toBe('GDPR Art. 6(1)(f)');
    expect(json.b.purposes).toEqual(['interest', 'queues', 'flows', 'loop', 'staffing', 'comparison']);
    expect(json.d.recipients.map((r) => [r.name, r.country, r.inEea])).toEqual([
      ['Exempelanalys GmbH', 'DE', true],
      ['Exempelmoln GmbH', 'DE', true],
    ]);
    expect(json.e.transfers).toBe('none');
    expect(json.f.retention.sightingsDays).toBe(30);
    expect(json.g.privacySettings).toMatchObject({ groups: 256, consistency: 0.5, k: 5 });
    expect(json.authority).toEqual({
      sv: 'Integritetsskyddsmyndigheten (IMY)',
      en: expect.stringContaining('(IMY)'),
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('the DPIA evidence appendix', () => {
  const figures = (doc: NoticeDocument) => sections(documentHtml(doc)).get('figures')?.text ?? '';

  it('says plainly when no measured figures were supplied', () => {
    expect(figures(dpiaAppendix(grocery, 'sv', DATE))).toMatch(
      /Inga uppmätta riskvärden har lämnats\. Kör varv privacy report/,
    );
    expect(figures(dpiaAppendix(grocery, 'en', DATE))).toMatch(
      /No measured risk figures were supplied\. Run varv privacy report/,
    );
    const html = documentHtml(dpiaAppendix(grocery, 'en', DATE));
    expect(html).not.toContain('<table><thead><tr><th scope="col">Figure');
    expect(sections(html).get('risks')?.text).toMatch(/extensive mapping and profiling/);
    expect(sections(html).get('measures')?.text).toMatch(/Number of group IDs 256/);
  });

  it('tabulates measured figures with their intervals, thresholds and ratings', () => {
    const report = parseRiskReport(
      {
        configHash: 'abc123',
        seeds: [1, 2, 3],
        extra: 'ignored',
        figures: [
          { name: 'linkability risk', value: 0.041, low: 0.02, high: 0.07, threshold: 0.05, rating: 'green' },
          {
            name: 'singling-out risk',
            value: 0.12,
            low: 0.09,
            high: 0.15,
            threshold: 0.05,
            rating: 'red',
            unit: '',
            note: 'p = 3 points',
          },
          { name: 'occupancy k (median)', value: 11 },
        ],
      },
      'report.json',
    );
    const doc = dpiaAppendix(grocery, 'sv', DATE, { report, source: 'report.json' });
    const html = documentHtml(doc);
    const text = figures(doc);
    expect(text).not.toMatch(/Inga uppmätta/);
    expect(text).toMatch(/report\.json, slumpfrön 1, 2, 3, konfiguration abc123/);
    expect(text).toMatch(/linkability risk 0,041 0,02 – 0,07 0,05 grön/);
    expect(text).toMatch(/singling-out risk \(p = 3 points\) 0,12 0,09 – 0,15 0,05 röd/);
    expect(text).toMatch(/occupancy k \(median\) 11 – – –/);
    expect(html).toContain('<tr class="green">');
    expect(html).toContain('<tr class="red">');
    expect(figures(dpiaAppendix(grocery, 'en', DATE, { report, source: 'report.json' }))).toMatch(
      /0\.041 0\.02 – 0\.07 0\.05 green/,
    );
  });

  it('names the JSON path of a malformed risk report', () => {
    const e = thrown(() => parseRiskReport({ figures: [{ name: 'x', value: 'high' }] }, 'r.json'));
    expect(e.code).toBe('E_RISK');
    expect(e.message).toMatch(/^r\.json is not a risk report/);
    expect(e.message).toContain('figures[0].value:');
    expect(thrown(() => parseRiskReport({ results: [] }, 'r.json')).message).toContain('figures:');
  });
});
