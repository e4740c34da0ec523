import sharp from 'sharp';
import { type Rng, wipe } from '../privacy/index.ts';
import { alignedCrop, type CropRegion } from './alignedCrop.ts';
import { FACE_SIZE } from './faceDescriber.ts';
import type { Frame } from './frame.ts';

/**
 * One way of disturbing a face crop, as another camera, visit or lighting might: the crop
 * mirrored, turned, shifted and rescaled, its brightness and contrast changed, blurred, and
 * re-compressed as a JPEG of lower quality.
 */
export type FaceAugmentation = {
  flip: boolean;
  /** Extra turn of the crop (degrees; the face turns the other way within it). */
  rotateDeg: number;
  /** Shift of the crop's centre, as fractions of its side (x, y). */
  shift: readonly [number, number];
  /** Crop side as a multiple of the original one. */
  scale: number;
  /** Added to every channel (0…255 scale), after the contrast. */
  brightness: number;
  /** Multiplies the distance from mid-grey (128). */
  contrast: number;
  /** Gaussian blur of this sigma (pixels of the crop); null: none. */
  blurSigma: number | null;
  /** Re-encoded as a JPEG of this quality (1…100) and decoded again; null: not re-encoded. */
  jpegQuality: number | null;
};

/** The crop as it is. */
export const NO_AUGMENTATION: FaceAugmentation = {
  flip: false,
  rotateDeg: 0,
  shift: [0, 0],
  scale: 1,
  brightness: 0,
  contrast: 1,
  blurSigma: null,
  jpegQuality: null,
};

const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/**
 * A random augmentation, reproducible from the generator: mirrored half the time, turned by up to
 * ±10°, shifted by up to ±6% and rescaled by 0.9…1.1, brightness ±25 and contrast 0.75…1.25;
 * half the time blurred (sigma 0.5…1.5 px of the 224 crop), half the time re-compressed at JPEG
 * quality 25…60. Every parameter takes its draws in a fixed order.
 */
export function drawAugmentation(rng: Rng): FaceAugmentation {
  const flip = rng() < 0.5;
  const rotateDeg = between(rng, -10, 10);
  const shift = [between(rng, -0.06, 0.06), between(rng, -0.06, 0.06)] as const;
  const scale = between(rng, 0.9, 1.1);
  const brightness = between(rng, -25, 25);
  const contrast = between(rng, 0.75, 1.25);
  const blur = rng() < 0.5;
  const blurSigma = between(rng, 0.5, 1.5);
  const jpeg = rng() < 0.5;
  const jpegQuality = Math.round(between(rng, 25, 60));
  return {
    flip,
    rotateDeg,
    shift,
    scale,
    brightness,
    contrast,
    blurSigma: blur ? blurSigma : null,
    jpegQuality: jpeg ? jpegQuality : null,
  };
}

/**
 * The face crop of `region` (as `alignedCrop` cuts it, `size` × `size` RGB floats 0…255, NHWC)
 * under an augmentation: the region moved, rescaled and turned before sampling, then mirrored,
 * brightness and contrast, blur and JPEG re-compression on the 8-bit crop (with sharp). Every
 * intermediate pixel buffer is wiped; the returned crop is the caller's to wipe.
 */
export async function augmentedCrop(
  frame: Frame,
  region: CropRegion,
  aug: FaceAugmentation,
  size = FACE_SIZE,
): Promise<Float32Array> {
  const moved: CropRegion = {
    cx: region.cx + aug.shift[0] * region.size,
    cy: region.cy + aug.shift[1] * region.size,
    size: region.size * aug.scale,
    angle: region.angle + (aug.rotateDeg * Math.PI) / 180,
  };
  const crop = alignedCrop(frame, moved, size);
  const pixels = new Uint8Array(crop.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const from = (y * size + (aug.flip ? size - 1 - x : x)) * 3;
      const to = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = ((crop[from + c] as number) - 128) * aug.contrast + 128 + aug.brightness;
        pixels[to + c] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
    }
  let out = pixels;
  if (aug.blurSigma !== null || aug.jpegQuality !== null) {
    let img = sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
    if (aug.blurSigma !== null) img = img.blur(Math.max(0.3, aug.blurSigma));
    if (aug.jpegQuality !== null) {
      const jpeg = await img.jpeg({ quality: aug.jpegQuality }).toBuffer();
      out = await sharp(jpeg).removeAlpha().raw().toBuffer();
      wipe(jpeg);
    } else out = await img.raw().toBuffer();
    wipe(pixels);
  }
  for (let i = 0; i < crop.length; i++) crop[i] = out[i] as number;
  wipe(out);
  return crop;
}
