/** How well moves follow the store's planned loop. */
export type LoopConformance = {
  loop: string[];
  /** Share of moves between loop zones that go forward (to a later loop zone), to the very next one, or back. */
  forward: number;
  nextInLoop: number;
  reversed: number;
  /** Order alignment score in [−1, 1]: forward − reversed (1 = every move goes forward). */
  alignment: number;
  /** P(a walk from the first to the last loop zone never goes back), the moves taken as a Markov chain. */
  following: number | null;
  /** Per loop zone: P(never entered) on such a walk, and the share of moves out of it that go back. */
  skipped: Record<string, number | null>;
  reversedFrom: Record<string, number | null>;
};

/**
 * Loop conformance from a transition matrix (estimated, or a truth matrix for scoring): shares
 * of forward, next-in-loop and backward moves (rows weighted by their moves), and, treating moves
 * as a Markov chain from the loop's first zone to its last, the probability of a walk that never
 * goes back and of each zone being skipped. Zones outside the loop are passed through: a move
 * a → (outside) → b counts as a → b.
 */
export function loopConformance(
  zones: readonly string[],
  matrix: readonly (readonly number[] | null)[],
  weights: readonly number[],
  loop: readonly string[],
): LoopConformance {
  const idx = loop.map((z) => zones.indexOf(z));
  const L = loop.length;
  const known = idx.every((i) => i >= 0);
  const empty: LoopConformance = {
    loop: [...loop],
    forward: Number.NaN,
    nextInLoop: Number.NaN,
    reversed: Number.NaN,
    alignment: Number.NaN,
    following: null,
    skipped: Object.fromEntries(loop.map((z) => [z, null])),
    reversedFrom: Object.fromEntries(loop.map((z) => [z, null])),
  };
  if (L < 2 || !known) return empty;
  // Moves among loop zones, passing through zones outside the loop (absorbed by iteration).
  const Z = zones.length;
  const inLoop = new Map(idx.map((i, k) => [i, k]));
  const rowOf = (a: number): number[] | null => (matrix[a] ? [...(matrix[a] as number[])] : null);
  const toLoop: (number[] | null)[] = idx.map((a) => {
    const row = rowOf(a);
    if (!row) return null;
    const out = new Array(L).fill(0);
    let mass = row;
    for (let step = 0; step < 20; step++) {
      const next = new Array(Z).fill(0);
      for (let b = 0; b < Z; b++) {
        const m = mass[b] as number;
        if (!m) continue;
        const k = inLoop.get(b);
        if (k !== undefined) out[k] += m;
        else if (matrix[b]) {
          const through = matrix[b] as number[];
          for (let c = 0; c < Z; c++) next[c] += m * (through[c] as number);
        }
      }
      mass = next;
    }
    const sum = out.reduce((x, y) => x + y, 0);
    return sum > 0 ? out.map((x) => x / sum) : null;
  });
  let fw = 0;
  let nx = 0;
  let bk = 0;
  let total = 0;
  const reversedFrom: Record<string, number | null> = {};
  toLoop.forEach((row, a) => {
    const zone = loop[a] as string;
    if (!row) {
      reversedFrom[zone] = null;
      return;
    }
    const w = weights[idx[a] as number] ?? 0;
    let back = 0;
    row.forEach((p, b) => {
      if (b > a) fw += w * p;
      if (b === a + 1) nx += w * p;
      if (b < a) {
        bk += w * p;
        back += p;
      }
    });
    total += w;
    reversedFrom[zone] = back;
  });
  // Markov walk from the first loop zone, absorbed at the last.
  const last = L - 1;
  const follow = new Array(L).fill(0);
  follow[last] = 1;
  for (let a = last - 1; a >= 0; a--) {
    const row = toLoop[a];
    follow[a] = row ? row.reduce((s, p, b) => (b > a ? s + p * follow[b] : s), 0) : Number.NaN;
  }
  const skipped: Record<string, number | null> = {};
  for (let z = 0; z < L; z++) {
    // h[a] = P(reach z before the end | at a), by value iteration.
    let h = new Array(L).fill(0);
    h[z] = 1;
    for (let it = 0; it < 200; it++) {
      const nh = h.map((_, a) => {
        if (a === z) return 1;
        if (a === last) return 0;
        const row = toLoop[a];
        return row ? row.reduce((s, p, b) => s + p * (h[b] as number), 0) : 0;
      });
      h = nh;
    }
    skipped[loop[z] as string] = toLoop.some((r, a) => r === null && a !== last)
      ? null
      : 1 - (h[0] as number);
  }
  return {
    loop: [...loop],
    forward: total > 0 ? fw / total : Number.NaN,
    nextInLoop: total > 0 ? nx / total : Number.NaN,
    reversed: total > 0 ? bk / total : Number.NaN,
    alignment: total > 0 ? (fw - bk) / total : Number.NaN,
    following: Number.isFinite(follow[0]) ? (follow[0] as number) : null,
    skipped,
    reversedFrom,
  };
}
