export { contrastRatio } from './contrast.ts';
export { documentHtml } from './documentHtml.ts';
export { dpiaAppendix } from './dpiaAppendix.ts';
export { escapeMarkup } from './escapeMarkup.ts';
export type { DocBlock, DocSection, NoticeDocument } from './noticeDocument.ts';
export {
  IMY_URL,
  type NoticeFacts,
  type NoticeSettings,
  noticeFacts,
  requiredControllerFields,
} from './noticeFacts.ts';
export { countryName, placeName } from './placeName.ts';
export { type QrMatrix, qrMatrix } from './qrMatrix.ts';
export { RECORD_FORMAT, recordJson } from './recordJson.ts';
export { recordOfProcessing } from './recordOfProcessing.ts';
export { type NoticeFile, type NoticeFileKind, type NoticeOptions, renderNotice } from './renderNotice.ts';
export { parseRiskReport, type RiskFigure, type RiskReport, riskReportSchema } from './riskReport.ts';
export { ARTICLE_13_SECTIONS, secondLayer } from './secondLayer.ts';
export {
  A3,
  LEGIBILITY,
  PALETTE,
  type SignLayout,
  type SignShape,
  type SignText,
  signLayout,
} from './signLayout.ts';
export { type SignField, type SignModel, type SignParagraph, signFields, signModel } from './signModel.ts';
export { type SignPdfInfo, signPdf } from './signPdf.ts';
export { signSvg } from './signSvg.ts';
export { type NoticeStrings, noticeStrings } from './strings/noticeStrings.ts';
export { SVG_FONT_FAMILY, textWidth, WIDTH_SLACK, wrapRuns } from './textMeasure.ts';
