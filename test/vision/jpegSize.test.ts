import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegSize } from '../../engine/vision/jpegSize.ts';

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080' } });

describe('jpegSize', () => {
  it('reads the stored size of baseline and progressive JPEGs, also behind EXIF and comment segments', async () => {
    expect(jpegSize(await image(640, 480).jpeg().toBuffer())).toEqual({ width: 640, height: 480 });
    expect(jpegSize(await image(33, 1201).jpeg({ progressive: true }).toBuffer())).toEqual({
      width: 33,
      height: 1201,
    });
    // An EXIF turn (orientation 6) does not change what is stored.
    const turned = await image(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(jpegSize(turned)).toEqual({ width: 300, height: 200 });
  });

  it('says null for what is not a whole JPEG header: PNG, empty, truncated, garbage', async () => {
    const jpeg = await image(64, 48).jpeg().toBuffer();
    expect(jpegSize(await image(64, 48).png().toBuffer())).toBeNull();
    expect(jpegSize(new Uint8Array(0))).toBeNull();
    expect(jpegSize(jpeg.subarray(0, 6))).toBeNull();
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0x12, 0x34, 0x56, 0x78]))).toBeNull();
  });
});
