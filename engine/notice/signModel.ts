import type { NoticeLanguage } from '../layout/index.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import { countryName, placeName } from './placeName.ts';
import { noticeStrings } from './strings/noticeStrings.ts';

/** A paragraph of the sign: a bold label that starts it, then the text. */
export type SignParagraph = { label: string; text: string };

/**
 * The first layer (EDPB Guidelines 3/2019 §7; IMY's advice in the case): what the sign at the
 * entrance says, before any layout. Every field is required on the sign; the layout tags each
 * line with the field it shows.
 */
export type SignModel = {
  lang: NoticeLanguage;
  /** That faces are analysed by cameras. */
  title: string;
  /** Categorised (gender, age band, a shared group ID); no images stored; nobody identified. */
  lead: string;
  purposes: SignParagraph;
  /** Legitimate interest, Art. 6.1 f, and the interest pursued. */
  legal: SignParagraph;
  /** The controller's identity and contact. */
  controller: SignParagraph;
  /** The data protection officer's contact. */
  dpo: SignParagraph;
  /** The right to object (Art. 21) and how. */
  objection: SignParagraph;
  /** Access, erasure, restriction; complaint to the supervisory authority. */
  rights: SignParagraph;
  /** Retention, the processor and its location, transfers outside the EEA. */
  storage: SignParagraph;
  /** Where the second layer is: the URL (the QR code encodes it too). */
  more: SignParagraph & { url: string };
};

export type SignField = Exclude<keyof SignModel, 'lang'>;

/** The sign's fields in reading order. */
export const signFields: readonly SignField[] = [
  'title',
  'lead',
  'purposes',
  'legal',
  'controller',
  'dpo',
  'objection',
  'rights',
  'storage',
  'more',
];

export function signModel(facts: NoticeFacts, lang: NoticeLanguage): SignModel {
  const t = noticeStrings(lang);
  const s = t.sign;
  const c = facts.controller;
  const channels = c.objection.map((ch) =>
    ch === 'staff'
      ? t.objectionChannels.staff()
      : ch === 'email'
        ? t.objectionChannels.email(c.email)
        : s.webChannel,
  );
  const transfers =
    c.transfers === 'none'
      ? s.noTransfers
      : s.transfers(t.and(c.transfers.countries.map((k) => countryName(lang, k))));
  const withPhone = (email: string, phone?: string) => (phone ? `${email}, ${phone}` : email);
  return {
    lang,
    title: s.title,
    lead: s.lead,
    purposes: { label: s.purposesLabel, text: s.purposes(t.and(c.purposes.map((p) => s.purposesShort[p]))) },
    legal: { label: s.legalLabel, text: s.legal(c.legitimateInterest[lang]) },
    controller: {
      label: s.controllerLabel,
      text: `${c.name}, ${t.orgNumber} ${c.orgNumber}, ${c.address.join(', ')}, ${withPhone(c.email, c.phone)}.`,
    },
    dpo: {
      label: s.dpoLabel,
      text: `${c.dpo.name ? `${c.dpo.name}, ` : ''}${withPhone(c.dpo.email, c.dpo.phone)}.`,
    },
    objection: { label: s.objectionLabel, text: s.objection(t.or(channels)) },
    rights: {
      label: s.rightsLabel,
      text: s.rights(facts.authority.name?.[lang] ?? t.imy, new URL(facts.authority.url).host),
    },
    storage: {
      label: s.storageLabel,
      text: `${s.storage(
        t.days(facts.retentionDays),
        c.processor.name,
        placeName(lang, c.processor.country, c.processor.city),
        facts.processorInEea ? t.withinEea : t.outsideEea,
      )} ${transfers}`,
    },
    more: { label: s.moreLabel, text: s.more, url: c.noticeUrl },
  };
}
