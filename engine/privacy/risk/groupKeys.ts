import { TOP_GROUPS, type VisitRecords } from './visitRecords.ts';

/**
 * The records sharing a group key (store, key epoch, interval, modal group): the visits an attacker
 * would take for one person's "same group" across days. A bridging visit (one that ran into a
 * second interval) is listed under its bridge key as well.
 */
export class GroupKeys {
  private readonly minEpoch: number;
  private readonly epochs: number;
  private readonly span: number;
  private readonly lists = new Map<number, number[]>();

  constructor(
    readonly v: VisitRecords,
    opts: { bridges?: boolean } = {},
  ) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let span = 1;
    for (let r = 0; r < v.length; r++) {
      lo = Math.min(lo, v.epoch[r] as number);
      hi = Math.max(hi, v.epoch[r] as number);
      if ((v.bridgeGroup[r] as number) >= 0) {
        lo = Math.min(lo, v.bridgeEpoch[r] as number);
        hi = Math.max(hi, v.bridgeEpoch[r] as number);
      }
      span = Math.max(span, (v.groups[r * TOP_GROUPS] as number) + 1, (v.bridgeGroup[r] as number) + 1);
    }
    this.minEpoch = Number.isFinite(lo) ? lo : 0;
    this.epochs = Number.isFinite(hi) ? hi - this.minEpoch + 1 : 1;
    this.span = span;
    for (let r = 0; r < v.length; r++) {
      this.add(this.keyOf(r), r);
      const b = this.bridgeKeyOf(r);
      if (opts.bridges && b >= 0) this.add(b, r);
    }
  }

  /** The key of record r's modal group in its first interval (−1 if it has no group). */
  keyOf(r: number): number {
    const v = this.v;
    return this.key(
      v.store[r] as number,
      v.epoch[r] as number,
      v.interval[r] as number,
      v.groups[r * TOP_GROUPS] as number,
    );
  }

  /** The key of record r's bridge group, or −1. */
  bridgeKeyOf(r: number): number {
    const v = this.v;
    const g = v.bridgeGroup[r] as number;
    if (g < 0) return -1;
    return this.key(v.store[r] as number, v.bridgeEpoch[r] as number, v.bridgeInterval[r] as number, g);
  }

  key(store: number, epoch: number, interval: number, group: number): number {
    if (group < 0 || group >= this.span) return -1;
    const e = epoch - this.minEpoch;
    if (e < 0 || e >= this.epochs) return -1;
    return ((store * this.epochs + e) * 3 + interval) * this.span + group;
  }

  /** The records under a key (empty if none). */
  records(key: number): readonly number[] {
    return this.lists.get(key) ?? [];
  }

  /** Every key with its records. */
  entries(): IterableIterator<[number, number[]]> {
    return this.lists.entries();
  }

  /** One past the largest group number seen. */
  get groupSpan(): number {
    return this.span;
  }

  private add(key: number, r: number): void {
    if (key < 0) return;
    let list = this.lists.get(key);
    if (!list) {
      list = [];
      this.lists.set(key, list);
    }
    list.push(r);
  }
}
