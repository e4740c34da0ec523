/** One line of `npm run bench` output (DESIGN §11). */
export type BenchLine = {
  bench: string;
  figure: string;
  value: number;
  peer: string | null;
  peerValue: number | null;
  ratio: number | null;
  runs: number;
  note?: string;
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Operations per second of `fn`, run `n` times per sample after a warm-up; median of `runs` samples. */
export function opsPerSecond(fn: () => void, n: number, runs: number): number {
  for (let i = 0; i < Math.min(n, 50); i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    samples.push(n / s);
  }
  return median(samples);
}

/**
 * Measures a figure and its peer interleaved, run by run, so that a noisy neighbour on the
 * machine slows both alike; ratio = value / peerValue (higher is better).
 */
export function compare(
  bench: string,
  figure: string,
  ours: () => void,
  peer: { name: string; fn: () => void },
  n: number,
  runs = 5,
  note?: string,
): BenchLine {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    a.push(opsPerSecond(ours, n, 1));
    b.push(opsPerSecond(peer.fn, n, 1));
  }
  const value = median(a);
  const peerValue = median(b);
  return {
    bench,
    figure,
    value: round(value),
    peer: peer.name,
    peerValue: round(peerValue),
    ratio: round(value / peerValue),
    runs,
    ...(note ? { note } : {}),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}
