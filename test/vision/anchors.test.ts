import { describe, expect, it } from 'vitest';
import { blazeFaceAnchors } from '../../engine/vision/anchors.ts';

describe('blazeFaceAnchors', () => {
  it('lists 512 anchors on the 16 × 16 grid (two per cell), then 384 on the 8 × 8 grid (six per cell)', () => {
    const a = blazeFaceAnchors();
    expect(a.length).toBe(2 * 896);
    const at = (i: number) => [a[2 * i], a[2 * i + 1]];
    expect([at(0), at(1), at(2)]).toEqual([
      [8, 8],
      [8, 8],
      [24, 8],
    ]);
    expect(at(511)).toEqual([248, 248]);
    expect([at(512), at(517), at(518)]).toEqual([
      [16, 16],
      [16, 16],
      [48, 16],
    ]);
    expect(at(895)).toEqual([240, 240]);
  });
});
