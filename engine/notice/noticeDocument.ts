import type { NoticeLanguage } from '../layout/index.ts';

/** A block of a document: a paragraph, a list, or a table (with an optional class per row). */
export type DocBlock =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; head: string[]; rows: string[][]; rowClass?: (string | undefined)[] };

/** A section; `article` names the GDPR provision it answers (e.g. "13.1.a"). */
export type DocSection = { id: string; article?: string; heading: string; blocks: DocBlock[] };

/**
 * A document before it is rendered: the second-layer notice, the Art. 30 record and the DPIA
 * appendix are each one of these, in one language.
 */
export type NoticeDocument = {
  lang: NoticeLanguage;
  title: string;
  subtitle?: string;
  intro?: string;
  sections: DocSection[];
  footer: string;
};
