import QRCode from 'qrcode';

/** A QR code's modules, row by row (true = dark), without the quiet zone. */
export type QrMatrix = { size: number; dark: boolean[][]; version: number; errorCorrection: 'M' };

/** The QR code of a text (byte mode, error correction M), made locally by the qrcode package. */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const dark = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => Boolean(qr.modules.get(r, c))),
  );
  return { size: n, dark, version: qr.version, errorCorrection: 'M' };
}
