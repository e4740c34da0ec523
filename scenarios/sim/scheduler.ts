/**
 * A discrete-event scheduler on simulated time (ms): callbacks run in time order, ties in the
 * order they were scheduled, so a run is deterministic. The world loop uses it for what happens
 * between its fixed steps (service ends, dwell ends).
 */
export class Scheduler {
  private now_ = 0;
  private seq = 0;
  private readonly heap: { at: number; seq: number; run: () => void }[] = [];

  get now(): number {
    return this.now_;
  }

  /** Runs `run` at simulated time `at` (not before now). */
  at(at: number, run: () => void): void {
    const item = { at: Math.max(at, this.now_), seq: this.seq++, run };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, h[p] as typeof item)) break;
      h[i] = h[p] as typeof item;
      i = p;
    }
    h[i] = item;
  }

  /** Runs everything due up to and including `until`, in order; then the clock reads `until`. */
  runUntil(until: number): void {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > until) break;
      this.pop();
      this.now_ = top.at;
      top.run();
    }
    this.now_ = Math.max(this.now_, until);
  }

  get pending(): number {
    return this.heap.length;
  }

  private pop() {
    const h = this.heap;
    const last = h.pop() as (typeof h)[number];
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as typeof last, h[l] as typeof last) ? r : l;
      if (!before(h[c] as typeof last, last)) break;
      h[i] = h[c] as typeof last;
      i = c;
    }
    h[i] = last;
  }
}

function before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
