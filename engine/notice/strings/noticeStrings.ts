import type { NoticeLanguage } from '../../layout/index.ts';
import { en } from './en.ts';
import { sv } from './sv.ts';

/** One language's translation table: every text of the sign, the notice, the record and the appendix. */
export type NoticeStrings = typeof sv;

const tables: Record<NoticeLanguage, NoticeStrings> = { sv, en };

/** The translation table of a language. */
export function noticeStrings(lang: NoticeLanguage): NoticeStrings {
  return tables[lang];
}
