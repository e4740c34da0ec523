import sharp from 'sharp';
import { wipe } from '../privacy/index.ts';
import type { Frame } from './frame.ts';

/**
 * The detector's input: the frame scaled to fit `size` × `size` (aspect kept, black padding
 * right and below), RGB mapped to −1…1, NHWC. `scale` is input pixels per frame pixel. A frame
 * whose longer side is already `size` (decoded for detection) is copied in directly; any other
 * goes through sharp, whose intermediate pixels are wiped. The direct copy goes into `into` when
 * given (allocated beforehand). The caller wipes `input` when the detector is done with it.
 */
export async function detectorInput(
  frame: Frame,
  size = 256,
  into?: Float32Array,
): Promise<{ input: Float32Array; scale: number }> {
  if (Math.max(frame.width, frame.height) === size) return { input: letterbox(frame, size, into), scale: 1 };
  const scale = size / Math.max(frame.width, frame.height);
  const raw = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .resize(size, size, { fit: 'contain', position: 'left top', background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer();
  const input = new Float32Array(size * size * 3);
  for (let i = 0; i < input.length; i++) input[i] = (raw[i] as number) / 127.5 - 1;
  wipe(raw);
  return { input, scale };
}

/** A frame that fits `size` × `size` as it is, padded black right and below, mapped to −1…1 (into `into` when given). */
function letterbox(frame: Frame, size: number, into?: Float32Array): Float32Array {
  const input = (into && into.length === size * size * 3 ? into : new Float32Array(size * size * 3)).fill(-1);
  const row = frame.width * 3;
  for (let y = 0; y < frame.height; y++) {
    const from = y * row;
    const to = y * size * 3;
    for (let i = 0; i < row; i++) input[to + i] = (frame.data[from + i] as number) / 127.5 - 1;
  }
  return input;
}
