import sharp from 'sharp';
import { VarvError } from '../errors.ts';
import type { Frame } from './frame.ts';

// libvips keeps recent operations (and their pixel buffers) in a cache; frames must not linger there.
sharp.cache(false);

export type DecodeOptions = {
  /** Shrink so that neither side exceeds this (JPEGs shrink while decoding). Default 1280. */
  maxSide?: number;
  /** Refuse inputs with more pixels than this before decoding (default 40 megapixels). */
  maxPixels?: number;
};

/**
 * Decodes an encoded image (JPEG, PNG, WebP…) to RGB, applying its EXIF orientation and shrinking
 * it to at most `maxSide` on the longer side. Sharp shrinks JPEGs on load (DCT scaling), so a
 * large frame is never fully decoded. A corrupt, truncated, empty or oversized input is a
 * VarvError E_IMAGE, never a crash.
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Frame> {
  const maxSide = options.maxSide ?? 1280;
  const maxPixels = options.maxPixels ?? 40e6;
  if (bytes.length === 0) throw new VarvError('E_IMAGE', 'empty image');
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (e) {
    throw new VarvError(
      'E_IMAGE',
      `cannot decode the image (${bytes.length} bytes): ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}
