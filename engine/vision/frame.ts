/** Decoded pixels: RGB, 8 bits per channel, row by row, no padding. */
export type Frame = { data: Uint8Array; width: number; height: number };
