import sharp from 'sharp';
import { wipe } from '../privacy/index.ts';
import type { Frame } from './frame.ts';

/**
 * The detector's input: the frame scaled to fit `size` × `size` (aspect kept, black padding
 * right and below), RGB mapped to −1…1, NHWC. `scale` is input pixels per frame pixel. The
 * intermediate pixels are wiped; the caller wipes `input` when the detector is done with it.
 */
export async function detectorInput(
  frame: Frame,
  size = 256,
): Promise<{ input: Float32Array; scale: number }> {
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
