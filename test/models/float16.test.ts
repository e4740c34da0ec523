import { describe, expect, it } from 'vitest';
import { float16ToFloat32 } from '../../models/convert/float16.ts';

describe('float16ToFloat32', () => {
  it('decodes the landmarks of IEEE 754 half precision', () => {
    expect(float16ToFloat32(0x3c00)).toBe(1);
    expect(float16ToFloat32(0xc000)).toBe(-2);
    expect(float16ToFloat32(0x3555)).toBe(0.333251953125);
    expect(float16ToFloat32(0x7bff)).toBe(65504); // largest finite
    expect(float16ToFloat32(0x0400)).toBe(2 ** -14); // smallest normal
    expect(float16ToFloat32(0x0001)).toBe(2 ** -24); // smallest subnormal
    expect(Object.is(float16ToFloat32(0x8000), -0)).toBe(true);
    expect(float16ToFloat32(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(float16ToFloat32(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(float16ToFloat32(0x7e00)).toBeNaN();
  });

  it('maps every finite half to a float32 exactly, in increasing order, with its sign bit', () => {
    const wrong: number[] = [];
    let previous = -1;
    for (let bits = 0; bits < 0x7c00; bits++) {
      const v = float16ToFloat32(bits);
      if (Math.fround(v) !== v || !(v > previous) || float16ToFloat32(bits | 0x8000) !== -v) wrong.push(bits);
      previous = v;
    }
    expect(wrong).toEqual([]);
  });
});
