import type { NoticeLanguage } from '../layout/index.ts';

const names = new Map<NoticeLanguage, Intl.DisplayNames>();

/** A country's name in a language ("DE" → "Tyskland" / "Germany"). */
export function countryName(lang: NoticeLanguage, code: string): string {
  let n = names.get(lang);
  if (!n) {
    n = new Intl.DisplayNames([lang], { type: 'region' });
    names.set(lang, n);
  }
  return n.of(code) ?? code;
}

/** "Frankfurt am Main, Tyskland", or the country alone. */
export function placeName(lang: NoticeLanguage, country: string, city?: string): string {
  const c = countryName(lang, country);
  return city ? `${city}, ${c}` : c;
}
