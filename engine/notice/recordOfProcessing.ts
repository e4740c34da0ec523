import type { NoticeLanguage } from '../layout/index.ts';
import type { NoticeDocument } from './noticeDocument.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import { countryName, placeName } from './placeName.ts';
import { noticeStrings } from './strings/noticeStrings.ts';

/** The record of processing activities (Art. 30(1)(a)–(g)) of the face analysis, in one language. */
export function recordOfProcessing(facts: NoticeFacts, lang: NoticeLanguage, date: string): NoticeDocument {
  const t = noticeStrings(lang);
  const r = t.record;
  const c = facts.controller;
  const s = facts.settings;
  const days = t.days(facts.retentionDays);
  const pct = t.percent(Math.round(s.consistency * 100));
  const num = new Intl.NumberFormat(t.locale);
  const contact = (email: string, phone?: string) => (phone ? `${email}, ${phone}` : email);
  return {
    lang,
    title: r.title(facts.store.name),
    subtitle: r.subtitle,
    sections: [
      {
        id: 'controller',
        article: '30.1.a',
        heading: r.controller,
        blocks: [
          {
            kind: 'p',
            text: `${c.name}, ${t.orgNumber} ${c.orgNumber}, ${c.address.join(', ')}, ${contact(c.email, c.phone)}`,
          },
        ],
      },
      {
        id: 'dpo',
        article: '30.1.a',
        heading: r.dpo,
        blocks: [
          { kind: 'p', text: `${c.dpo.name ? `${c.dpo.name}, ` : ''}${contact(c.dpo.email, c.dpo.phone)}` },
        ],
      },
      {
        id: 'purposes',
        article: '30.1.b',
        heading: r.purposes,
        blocks: [
          { kind: 'list', items: c.purposes.map((p) => t.purposes[p]) },
          { kind: 'p', text: `${r.legalBasis}: ${r.legalBasisValue}. ${c.legitimateInterest[lang]}` },
        ],
      },
      {
        id: 'subjects',
        article: '30.1.c',
        heading: r.subjects,
        blocks: [{ kind: 'p', text: r.subjectsValue }],
      },
      {
        id: 'data',
        article: '30.1.c',
        heading: r.data,
        blocks: [{ kind: 'list', items: Object.values(r.dataValues) }],
      },
      {
        id: 'recipients',
        article: '30.1.d',
        heading: r.recipients,
        blocks: [
          {
            kind: 'list',
            items: [
              `${c.processor.name}, ${placeName(lang, c.processor.country, c.processor.city)}: ${r.processorRole}`,
              ...c.recipients.map((x) => `${x.name}, ${countryName(lang, x.country)}: ${x.role[lang]}`),
            ],
          },
        ],
      },
      {
        id: 'transfers',
        article: '30.1.e',
        heading: r.transfers,
        blocks: [
          {
            kind: 'p',
            text:
              c.transfers === 'none'
                ? r.transfersNone
                : `${t.and(c.transfers.countries.map((k) => countryName(lang, k)))}: ${c.transfers.safeguards[lang]}`,
          },
        ],
      },
      {
        id: 'erasure',
        article: '30.1.f',
        heading: r.erasure,
        blocks: [{ kind: 'p', text: r.erasureValue(days) }],
      },
      {
        id: 'security',
        article: '30.1.g',
        heading: r.security,
        blocks: [
          {
            kind: 'list',
            items: [
              r.measures.memory,
              r.measures.noDisk,
              r.measures.groups(num.format(s.groups), pct),
              r.measures.keys(t.rotationName[s.rotation]),
              r.measures.threshold(s.k),
              r.measures.rollup(days),
              r.measures.delivery,
              r.measures.risk,
            ],
          },
          { kind: 'p', text: `${r.settings}: ${r.settingsSource[s.source]}.` },
        ],
      },
    ],
    footer: r.issued(date, facts.configHash),
  };
}
