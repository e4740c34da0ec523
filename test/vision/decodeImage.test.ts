import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import { decodeImage } from '../../engine/vision/decodeImage.ts';

async function rejection(p: Promise<unknown>): Promise<VarvError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VarvError);
    return e as VarvError;
  }
  throw new Error('expected a rejection');
}

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 100, b: 50 } } })
    .jpeg()
    .toBuffer();

describe('decodeImage', () => {
  it('decodes to RGB and shrinks the longer side to maxSide', async () => {
    const f = await decodeImage(await jpeg(1600, 900), { maxSide: 800 });
    expect([f.width, f.height, f.data.length]).toEqual([800, 450, 800 * 450 * 3]);
    expect(Math.abs((f.data[0] as number) - 200)).toBeLessThan(4);
    const small = await decodeImage(await jpeg(64, 48));
    expect([small.width, small.height]).toEqual([64, 48]);
  });

  it('drops alpha and turns grey into RGB', async () => {
    const png = await sharp({
      create: { width: 4, height: 2, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    expect((await decodeImage(png)).data.length).toBe(4 * 2 * 3);
    const grey = await sharp({ create: { width: 4, height: 2, channels: 3, background: '#808080' } })
      .greyscale()
      .jpeg()
      .toBuffer();
    expect((await decodeImage(grey)).data.length).toBe(4 * 2 * 3);
  });

  it('refuses empty, corrupt, truncated and oversized inputs with E_IMAGE', async () => {
    const good = await jpeg(640, 480);
    expect((await rejection(decodeImage(new Uint8Array(0)))).code).toBe('E_IMAGE');
    expect((await rejection(decodeImage(Buffer.from('not an image at all')))).code).toBe('E_IMAGE');
    expect((await rejection(decodeImage(good.subarray(0, good.length / 2)))).code).toBe('E_IMAGE');
    const big = await rejection(decodeImage(good, { maxPixels: 100_000 }));
    expect(big.code).toBe('E_IMAGE');
    expect(big.message).toMatch(/pixel/i);
  });
});
