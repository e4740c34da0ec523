import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import { VarvError } from '../../engine/errors.ts';
import {
  type NoticeLanguage,
  noticeLanguages,
  readJsonFile,
  validateFile,
} from '../../engine/layout/index.ts';
import { noticeFacts, parseRiskReport, renderNotice } from '../../engine/notice/index.ts';
import type { CommandResult } from './output.ts';

export type NoticeCommandOptions = {
  /** "sv" or "en"; both when not given. */
  lang?: string;
  /** Folder for the files (default out/notice/<store id>). */
  out?: string;
  /** A risk report (varv privacy report's JSON) for the DPIA appendix. */
  risk?: string;
  /** The documents' date, "YYYY-MM-DD" (default: today in the store's time zone). */
  date?: string;
};

/**
 * `varv notice <store>`: the sign at the door (SVG, PDF), the second-layer notice, the Art. 30
 * record (HTML, JSON) and the DPIA appendix, from a store layout's `controller` section. A
 * scenario works too (its store, with its privacy settings); a bare id means
 * scenarios/stores/<id>.json.
 */
export async function noticeCommand(arg: string, o: NoticeCommandOptions = {}): Promise<CommandResult> {
  const langs = languages(o.lang);
  const file = !existsSync(arg) && /^[\w.-]+$/.test(arg) ? join('scenarios', 'stores', `${arg}.json`) : arg;
  const r = validateFile(file);
  if (!r.ok)
    throw new VarvError(
      'E_INVALID',
      `${file}:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  const store = r.value.kind === 'store' ? r.value.value : r.value.value.store;
  const privacy = r.value.kind === 'scenario' ? r.value.value.privacy : undefined;
  let facts: ReturnType<typeof noticeFacts>;
  try {
    facts = noticeFacts(store, privacy);
  } catch (e) {
    if (e instanceof VarvError) throw new VarvError(e.code, `${file}: ${e.message}`, { cause: e });
    throw e;
  }
  const risk = o.risk ? { report: parseRiskReport(readJsonFile(o.risk), o.risk), source: o.risk } : undefined;
  const date =
    o.date ?? (DateTime.fromMillis(systemClock.now(), { zone: store.timezone }).toISODate() as string);
  const files = await renderNotice(facts, { langs, date, risk });
  const out = o.out ?? join('out', 'notice', store.id);
  mkdirSync(out, { recursive: true });
  for (const f of files) writeFileSync(join(out, f.name), f.content);
  const signs = files.flatMap((f) => (f.sign && f.lang ? [{ lang: f.lang, ...f.sign }] : []));
  const lines = [
    `${store.name} (${file}): notices in ${langs.join(' and ')}, configuration ${facts.configHash}, settings from ${facts.settings.source === 'scenario' ? 'the scenario' : "the privacy core's defaults"}`,
    ...signs.map(
      (s) =>
        `  sign (${s.lang}): A3 portrait, body ${s.bodyPt} pt, title ${s.titlePt} pt, QR version ${s.qrVersion}`,
    ),
    `  DPIA appendix: ${risk ? `${risk.report.figures.length} measured figure(s) from ${risk.source}` : 'no measured risk figures supplied (--risk)'}`,
    `wrote ${files.length} files to ${out}: ${files.map((f) => f.name).join(', ')}`,
  ];
  return {
    lines,
    summary: {
      command: 'notice',
      ok: true,
      store: store.id,
      langs,
      date,
      configHash: facts.configHash,
      settings: facts.settings.source,
      out,
      files: files.map((f) => join(out, f.name)),
      signs,
      riskFigures: risk?.report.figures.length ?? 0,
    },
    code: 0,
  };
}

function languages(lang: string | undefined): NoticeLanguage[] {
  if (lang === undefined) return [...noticeLanguages];
  if ((noticeLanguages as readonly string[]).includes(lang)) return [lang as NoticeLanguage];
  throw new VarvError('E_USAGE', `--lang expects ${noticeLanguages.join(' or ')}, got "${lang}"`);
}
