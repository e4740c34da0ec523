/** A stable colour per goods category (hashed onto a pleasant palette). */
const PALETTE = [
  '#8bc34a',
  '#ffb74d',
  '#e57373',
  '#64b5f6',
  '#ba68c8',
  '#4db6ac',
  '#f06292',
  '#a1887f',
  '#90a4ae',
  '#dce775',
];

export function categoryColour(category: string): string {
  let h = 0;
  for (const ch of category) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[h % PALETTE.length] as string;
}

/** 0 … 1 → cool to hot (blue, green, yellow, red). */
export function heat(x: number): string {
  const v = Math.max(0, Math.min(1, x));
  const hue = (1 - v) * 220;
  return `hsl(${hue.toFixed(0)}, 75%, 50%)`;
}
