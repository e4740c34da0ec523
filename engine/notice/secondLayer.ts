import type { NoticeLanguage } from '../layout/index.ts';
import type { NoticeDocument } from './noticeDocument.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import { countryName, placeName } from './placeName.ts';
import { noticeStrings } from './strings/noticeStrings.ts';

/**
 * The GDPR provisions the second layer answers, by section id: Art. 13(1)(a)–(f), 13(2)(a), (b),
 * (d), (e), (f) and Art. 21. Art. 13(2)(c) (withdrawing consent) does not apply: the basis is
 * legitimate interest, not consent.
 */
export const ARTICLE_13_SECTIONS = {
  controller: '13.1.a',
  dpo: '13.1.b',
  purposes: '13.1.c',
  interests: '13.1.d',
  recipients: '13.1.e',
  transfers: '13.1.f',
  retention: '13.2.a',
  rights: '13.2.b',
  objection: '21',
  complaint: '13.2.d',
  obligation: '13.2.e',
  automated: '13.2.f',
} as const;

/** The second layer: the full Art. 13 information, with how group IDs work in plain language. */
export function secondLayer(facts: NoticeFacts, lang: NoticeLanguage, date: string): NoticeDocument {
  const t = noticeStrings(lang);
  const n = t.notice;
  const c = facts.controller;
  const s = facts.settings;
  const num = new Intl.NumberFormat(t.locale);
  const contact = (email: string, phone?: string) => (phone ? `${email} (${t.phone} ${phone})` : email);
  const channels = c.objection.map((ch) =>
    ch === 'staff'
      ? t.objectionChannels.staff()
      : ch === 'email'
        ? t.objectionChannels.email(c.email)
        : t.objectionChannels.web(c.noticeUrl),
  );
  const [morning, lunch, afternoon] = s.intervals;
  const art = ARTICLE_13_SECTIONS;
  const where = facts.cameras.classes.map((k) => t.cameraClasses[k]);
  return {
    lang,
    title: n.title(facts.store.name),
    intro: n.intro(c.name),
    sections: [
      {
        id: 'controller',
        article: art.controller,
        heading: n.controllerHeading,
        blocks: [
          { kind: 'p', text: n.controller(c.name, c.orgNumber) },
          {
            kind: 'list',
            items: [
              c.address.join(', '),
              `${t.email}: ${c.email}`,
              ...(c.phone ? [`${t.phone}: ${c.phone}`] : []),
            ],
          },
        ],
      },
      {
        id: 'dpo',
        article: art.dpo,
        heading: n.dpoHeading,
        blocks: [
          {
            kind: 'p',
            text: n.dpo(`${c.dpo.name ? `${c.dpo.name}, ` : ''}${contact(c.dpo.email, c.dpo.phone)}`),
          },
        ],
      },
      {
        id: 'how',
        heading: n.howHeading,
        blocks: [
          {
            kind: 'list',
            ordered: true,
            items: [
              n.how.cameras(facts.cameras.count, where.length ? t.and(where) : '–'),
              n.how.groups(num.format(s.groups), morning, lunch, afternoon),
              n.how.categories,
              n.how.forget,
              n.how.sent(c.processor.name),
              n.how.returning(t.percent(Math.round(s.consistency * 100))),
              n.how.keys(t.rotation[s.rotation]),
              n.how.threshold(s.k),
            ],
          },
          { kind: 'p', text: n.how.treated },
        ],
      },
      {
        id: 'purposes',
        article: art.purposes,
        heading: n.purposesHeading,
        blocks: [
          { kind: 'p', text: n.purposesIntro },
          { kind: 'list', items: c.purposes.map((p) => t.purposes[p]) },
          { kind: 'p', text: n.legalBasis },
        ],
      },
      {
        id: 'interests',
        article: art.interests,
        heading: n.interestsHeading,
        blocks: [
          { kind: 'p', text: c.legitimateInterest[lang] },
          { kind: 'p', text: n.balancing },
        ],
      },
      {
        id: 'recipients',
        article: art.recipients,
        heading: n.recipientsHeading,
        blocks: [
          {
            kind: 'p',
            text: n.processor(
              c.processor.name,
              placeName(lang, c.processor.country, c.processor.city),
              facts.processorInEea ? t.withinEea : t.outsideEea,
            ),
          },
          ...(c.recipients.length
            ? [
                { kind: 'p' as const, text: n.otherRecipients },
                {
                  kind: 'list' as const,
                  items: c.recipients.map((r) =>
                    n.recipient(r.name, countryName(lang, r.country), r.role[lang]),
                  ),
                },
              ]
            : []),
          { kind: 'p', text: n.staffSee },
        ],
      },
      {
        id: 'transfers',
        article: art.transfers,
        heading: n.transfersHeading,
        blocks: [
          {
            kind: 'p',
            text:
              c.transfers === 'none'
                ? n.noTransfers
                : n.transfers(
                    t.and(c.transfers.countries.map((k) => countryName(lang, k))),
                    c.transfers.safeguards[lang],
                  ),
          },
        ],
      },
      {
        id: 'retention',
        article: art.retention,
        heading: n.retentionHeading,
        blocks: [
          {
            kind: 'list',
            items: [
              n.retentionImages,
              n.retentionSightings(t.days(facts.retentionDays)),
              n.retentionAggregates,
            ],
          },
        ],
      },
      {
        id: 'rights',
        article: art.rights,
        heading: n.rightsHeading,
        blocks: [
          {
            kind: 'list',
            items: [
              n.rights.access,
              n.rights.rectification,
              n.rights.erasure,
              n.rights.restriction,
              n.rights.portability,
            ],
          },
          { kind: 'p', text: n.identification },
          { kind: 'p', text: n.rightsHow(contact(c.email, c.phone)) },
        ],
      },
      {
        id: 'objection',
        article: art.objection,
        heading: n.objectionHeading,
        blocks: [{ kind: 'p', text: n.objection(t.or(channels)) }],
      },
      {
        id: 'complaint',
        article: art.complaint,
        heading: n.complaintHeading,
        blocks: [
          { kind: 'p', text: n.complaint(facts.authority.name?.[lang] ?? t.imy) },
          { kind: 'p', text: facts.authority.url },
        ],
      },
      {
        id: 'obligation',
        article: art.obligation,
        heading: n.obligationHeading,
        blocks: [{ kind: 'p', text: n.obligation }],
      },
      {
        id: 'automated',
        article: art.automated,
        heading: n.automatedHeading,
        blocks: [{ kind: 'p', text: n.automated }],
      },
    ],
    footer: n.footer(date, facts.configHash),
  };
}
