// A small QR decoder for the tests (ISO/IEC 18004, versions 1–9, byte mode), written here so that
// the sign's QR code is checked by something other than the library that made it: it reads the
// format bits, unmasks the data, undoes the block interleaving, checks every block's Reed–Solomon
// codewords (an error-free symbol only; nothing is corrected) and returns the text.

const ECL_BITS = { L: 1, M: 0, Q: 3, H: 2 } as const;
type Ecl = keyof typeof ECL_BITS;
const ECL_ORDER: Ecl[] = ['L', 'M', 'Q', 'H'];

// Per version 1–9 (index 0 unused): error-correction codewords per block, and number of blocks.
const ECC_PER_BLOCK: Record<Ecl, number[]> = {
  L: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30],
  M: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22],
  Q: [0, 13, 22, 18, 26, 18, 24, 18, 22, 20],
  H: [0, 17, 28, 22, 16, 22, 28, 26, 26, 24],
};
const BLOCKS: Record<Ecl, number[]> = {
  L: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2],
  M: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5],
  Q: [0, 1, 1, 2, 2, 4, 4, 6, 6, 8],
  H: [0, 1, 1, 2, 4, 4, 4, 5, 6, 8],
};

export type QrDecoded = { text: string; version: number; ecl: Ecl; mask: number };

/** Decodes a QR symbol given as rows of modules (true = dark), quiet zone excluded. */
export function decodeQr(m: readonly (readonly boolean[])[]): QrDecoded {
  const size = m.length;
  const version = (size - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 9) throw new Error(`unsupported size ${size}`);
  const at = (row: number, col: number) => Boolean(m[row]?.[col]);

  // Format information: 15 bits around the top-left finder (bit i as placed by the encoder).
  let format = 0;
  const formatBit = (i: number, row: number, col: number) => {
    if (at(row, col)) format |= 1 << i;
  };
  for (let i = 0; i <= 5; i++) formatBit(i, i, 8);
  formatBit(6, 7, 8);
  formatBit(7, 8, 8);
  formatBit(8, 8, 7);
  for (let i = 9; i < 15; i++) formatBit(i, 8, 14 - i);
  let ecl: Ecl | undefined;
  let mask = -1;
  for (const e of ECL_ORDER)
    for (let k = 0; k < 8; k++) if (formatBits(ECL_BITS[e], k) === format) [ecl, mask] = [e, k];
  if (!ecl) throw new Error(`format bits ${format.toString(2)} are not a valid format`);

  const fn = functionModules(version, size);
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (fn[y]?.[x]) continue;
        bits.push(Number(at(y, x) !== masked(mask, x, y)));
      }
    }
  }
  const raw = Math.floor(rawDataModules(version) / 8);
  const codewords: number[] = [];
  for (let i = 0; i < raw; i++) {
    let b = 0;
    for (let k = 0; k < 8; k++) b = (b << 1) | (bits[i * 8 + k] ?? 0);
    codewords.push(b);
  }

  // Undo the interleaving: short blocks first, each one data codeword shorter than the long ones.
  const numBlocks = BLOCKS[ecl][version] as number;
  const eccLen = ECC_PER_BLOCK[ecl][version] as number;
  const numShort = numBlocks - (raw % numBlocks);
  const shortLen = Math.floor(raw / numBlocks);
  const blocks: number[][] = Array.from({ length: numBlocks }, () => []);
  let k = 0;
  for (let i = 0; i < shortLen + 1; i++)
    for (let j = 0; j < numBlocks; j++) {
      if (i === shortLen - eccLen && j < numShort) continue;
      (blocks[j] as number[]).push(codewords[k++] as number);
    }
  const data: number[] = [];
  const divisor = rsDivisor(eccLen);
  blocks.forEach((block, j) => {
    const dataLen = block.length - eccLen;
    const d = block.slice(0, dataLen);
    const ecc = rsRemainder(d, divisor);
    if (ecc.join() !== block.slice(dataLen).join()) throw new Error(`block ${j}: Reed–Solomon check failed`);
    data.push(...d);
  });

  // Byte mode: 0100, an 8-bit count (versions 1–9), the bytes (UTF-8).
  const stream = data.flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((s) => (b >> s) & 1));
  let p = 0;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | (stream[p++] ?? 0);
    return v;
  };
  const mode = read(4);
  if (mode !== 0b0100) throw new Error(`mode ${mode.toString(2)} is not byte mode`);
  const count = read(8);
  const bytes = Uint8Array.from({ length: count }, () => read(8));
  if (read(4) !== 0) throw new Error('no terminator after the byte segment');
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), version, ecl, mask };
}

function formatBits(eclBits: number, mask: number): number {
  const data = (eclBits << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

function masked(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

function alignmentPositions(version: number, size: number): number[] {
  if (version === 1) return [];
  const n = Math.floor(version / 7) + 2;
  const step = Math.ceil((version * 4 + 4) / (n * 2 - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < n; pos -= step) out.splice(1, 0, pos);
  return out;
}

/** Finders with separators and format areas, timing lines, version areas, alignment patterns, the dark module. */
function functionModules(version: number, size: number): boolean[][] {
  const fn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const mark = (y0: number, x0: number, h: number, w: number) => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) (fn[y] as boolean[])[x] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  const pos = alignmentPositions(version, size);
  for (const [i, y] of pos.entries())
    for (const [j, x] of pos.entries()) {
      const corner =
        (i === 0 && j === 0) || (i === 0 && j === pos.length - 1) || (i === pos.length - 1 && j === 0);
      if (!corner) mark(y - 2, x - 2, 5, 5);
    }
  return fn;
}

function rawDataModules(version: number): number {
  let r = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const n = Math.floor(version / 7) + 2;
    r -= (25 * n - 10) * n - 55;
    if (version >= 7) r -= 36;
  }
  return r;
}

function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree: number): number[] {
  const result = Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < result.length; j++) {
      result[j] = gfMul(result[j] as number, root);
      if (j + 1 < result.length) result[j] = (result[j] as number) ^ (result[j + 1] as number);
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = divisor.map(() => 0);
  for (const b of data) {
    const factor = b ^ (result.shift() as number);
    result.push(0);
    divisor.forEach((coef, i) => {
      result[i] = (result[i] as number) ^ gfMul(coef, factor);
    });
  }
  return result;
}
