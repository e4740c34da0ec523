import type { NoticeLanguage } from '../layout/index.ts';
import type { DocBlock, NoticeDocument } from './noticeDocument.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import type { RiskReport } from './riskReport.ts';
import { noticeStrings } from './strings/noticeStrings.ts';

/**
 * The DPIA evidence appendix (Art. 35): the processing, the privacy measures with their
 * configured values, the risks identified in the case with their measures, and the measured risk
 * figures, or a plain statement that none were supplied.
 */
export function dpiaAppendix(
  facts: NoticeFacts,
  lang: NoticeLanguage,
  date: string,
  risk?: { report: RiskReport; source: string },
): NoticeDocument {
  const t = noticeStrings(lang);
  const d = t.dpia;
  const s = facts.settings;
  const c = facts.controller;
  const num = new Intl.NumberFormat(t.locale, { maximumSignificantDigits: 4 });
  const names = d.settingNames;
  const settingRows: string[][] = [
    [names.groups, num.format(s.groups)],
    [names.consistency, num.format(s.consistency)],
    [names.k, String(s.k)],
    [names.intervals, s.intervals.join(', ')],
    [names.rotation, t.rotationName[s.rotation]],
    [names.keys, d.keysValue],
    [names.retention, t.days(facts.retentionDays)],
    [names.pixels, d.pixelsValue],
  ];
  const risks = (['linkage', 'information', 'security'] as const).map((k) => {
    const r = d.risks[k];
    return [r.risk, r.measure, r.evidence];
  });
  const figures: DocBlock[] = risk?.report.figures.length
    ? [
        { kind: 'p', text: d.figuresFrom(figureSource(risk, d.seedsLabel, d.configLabel)) },
        {
          kind: 'table',
          head: [d.figure, d.measured, d.interval, d.threshold, d.rating],
          rows: risk.report.figures.map((f) => [
            f.note ? `${f.name} (${f.note})` : f.name,
            `${num.format(f.value)}${f.unit ? ` ${f.unit}` : ''}`,
            f.low !== undefined && f.high !== undefined
              ? `${num.format(f.low)} – ${num.format(f.high)}`
              : '–',
            f.threshold !== undefined ? num.format(f.threshold) : '–',
            f.rating ? t.ratings[f.rating] : '–',
          ]),
          rowClass: risk.report.figures.map((f) => f.rating),
        },
      ]
    : [{ kind: 'p', text: d.noFigures }];
  return {
    lang,
    title: d.title(facts.store.name),
    subtitle: d.subtitle,
    sections: [
      {
        id: 'processing',
        heading: d.processingHeading,
        blocks: [{ kind: 'p', text: d.processing(c.name, c.processor.name) }],
      },
      {
        id: 'measures',
        heading: d.measuresHeading,
        blocks: [
          { kind: 'table', head: [d.setting, d.value], rows: settingRows },
          { kind: 'p', text: d.source(t.record.settingsSource[s.source]) },
        ],
      },
      {
        id: 'risks',
        heading: d.risksHeading,
        blocks: [{ kind: 'table', head: [d.risk, d.measure, d.evidence], rows: risks }],
      },
      { id: 'figures', heading: d.figuresHeading, blocks: figures },
      { id: 'open', heading: d.openHeading, blocks: [{ kind: 'p', text: d.open }] },
    ],
    footer: d.issued(date, facts.configHash),
  };
}

function figureSource(risk: { report: RiskReport; source: string }, seeds: string, config: string): string {
  const r = risk.report;
  const parts = [risk.source];
  if (r.scenario) parts.push(r.scenario);
  if (r.seeds?.length) parts.push(`${seeds} ${r.seeds.join(', ')}`);
  if (r.configHash) parts.push(`${config} ${r.configHash}`);
  return parts.join(', ');
}
