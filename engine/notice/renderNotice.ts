import { VarvError } from '../errors.ts';
import type { NoticeLanguage } from '../layout/index.ts';
import { documentHtml } from './documentHtml.ts';
import { dpiaAppendix } from './dpiaAppendix.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import { recordJson } from './recordJson.ts';
import { recordOfProcessing } from './recordOfProcessing.ts';
import type { RiskReport } from './riskReport.ts';
import { secondLayer } from './secondLayer.ts';
import { signLayout } from './signLayout.ts';
import { signModel } from './signModel.ts';
import { signPdf } from './signPdf.ts';
import { signSvg } from './signSvg.ts';
import { noticeStrings } from './strings/noticeStrings.ts';

export type NoticeFileKind = 'sign-svg' | 'sign-pdf' | 'notice' | 'record' | 'record-json' | 'dpia';
export type NoticeFile = {
  name: string;
  kind: NoticeFileKind;
  lang?: NoticeLanguage;
  content: string | Buffer;
  /** For a sign: its body and title sizes (pt) and the QR code's version. */
  sign?: { bodyPt: number; titlePt: number; qrVersion: number };
};

export type NoticeOptions = {
  langs: readonly NoticeLanguage[];
  /** The date the documents carry ("YYYY-MM-DD"): last updated, drawn up, the PDF's dates. */
  date: string;
  risk?: { report: RiskReport; source: string };
};

/**
 * Every file of a store's notices, in memory: per language the sign (SVG, PDF), the second layer,
 * the Art. 30 record and the DPIA appendix (HTML); and the record as JSON. Nothing is written.
 */
export async function renderNotice(facts: NoticeFacts, o: NoticeOptions): Promise<NoticeFile[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date)))
    throw new VarvError('E_USAGE', `a notice's date is "YYYY-MM-DD", got "${o.date}"`);
  if (o.langs.length === 0) throw new VarvError('E_USAGE', 'no language to make the notice in');
  const files: NoticeFile[] = [];
  for (const lang of o.langs) {
    const other = o.langs.find((l) => l !== lang);
    const alternate = (base: string) =>
      other
        ? { href: `${base}.${other}.html`, label: noticeStrings(lang).notice.otherLanguage, lang: other }
        : undefined;
    const model = signModel(facts, lang);
    const layout = signLayout(model);
    const sign = { bodyPt: layout.bodySize, titlePt: layout.titleSize, qrVersion: layout.qr.matrix.version };
    files.push({
      name: `sign.${lang}.svg`,
      kind: 'sign-svg',
      lang,
      sign,
      content: signSvg(layout, model.title),
    });
    files.push({
      name: `sign.${lang}.pdf`,
      kind: 'sign-pdf',
      lang,
      content: await signPdf(layout, {
        title: model.title,
        author: facts.controller.name,
        subject: model.lead,
        date: o.date,
      }),
    });
    files.push({
      name: `notice.${lang}.html`,
      kind: 'notice',
      lang,
      content: documentHtml(secondLayer(facts, lang, o.date), alternate('notice')),
    });
    files.push({
      name: `record.${lang}.html`,
      kind: 'record',
      lang,
      content: documentHtml(recordOfProcessing(facts, lang, o.date), alternate('record')),
    });
    files.push({
      name: `dpia.${lang}.html`,
      kind: 'dpia',
      lang,
      content: documentHtml(dpiaAppendix(facts, lang, o.date, o.risk), alternate('dpia')),
    });
  }
  files.push({
    name: 'record.json',
    kind: 'record-json',
    content: `${JSON.stringify(recordJson(facts, o.date), null, 2)}\n`,
  });
  return files;
}
