import SipHash from 'siphash';
import { VarvError } from '../errors.ts';
import { bucketOf, cutPoints } from './buckets.ts';
import { DayIntervals, type IntervalName } from './intervals.ts';
import { keyEpoch, type Rotation, type StoreKey } from './keys.ts';
import { Projector } from './projector.ts';

/** The privacy settings of a store (scenario `privacy`, or the live configuration). */
export type GroupSettings = {
  groups: number;
  rotation: Rotation;
  intervals: readonly [string, string, string];
  timezone: string;
};

/**
 * The quantiser's internal parameters, chosen by calibration for a target consistency:
 * `projections` (k), the number of equal-frequency `buckets` of each projection (one may be
 * fractional: the last bucket of that projection is then narrower), `nonzeros` per
 * projection, and each projection's `spread` (its standard deviation across people).
 */
export type Quantizer = {
  projections: number;
  buckets: readonly number[];
  nonzeros: number;
  spread: readonly number[];
};

export type Assignment = { group: number; interval: IntervalName };

/** Memoised code → group maps are dropped when they grow past this many entries. */
const MEMO_LIMIT = 1 << 17;

/**
 * Embedding + time + store key → a deliberately colliding group ID.
 *
 * 1. The embedding is L2-normalised and projected on k secret sparse directions (Projector).
 * 2. Each projection is mapped through the normal CDF of its spread across people, so that people
 *    are uniform on [0, 1), and cut into a calibrated number of equal-frequency buckets (a
 *    quantised random-projection LSH): nearby embeddings share all k buckets with a probability
 *    that falls as buckets are added, which calibration sets to the target; every bucket holds
 *    the same share of people, so groups fill evenly.
 * 3. The k bucket numbers are hashed with SipHash-2-4 under a key derived for the day interval and
 *    key epoch, modulo `groups`. A new interval or epoch gives an unrelated group.
 *
 * Nothing of the embedding is kept: only the bucket numbers live, for the duration of the call.
 */
export class GroupAssigner {
  readonly intervals: DayIntervals;
  private readonly projectors = new Map<number, Projector>();
  private readonly hashKeys = new Map<string, { key: Uint32Array; memo: Map<number, number> }>();
  private readonly scratch: Float64Array;
  private readonly code: Int32Array;
  /** Per projection, where its equal-frequency buckets are cut. */
  private readonly cuts: Float64Array[];
  private lastHash:
    | { epoch: number; interval: IntervalName; h: { key: Uint32Array; memo: Map<number, number> } }
    | undefined;

  constructor(
    private readonly key: StoreKey,
    readonly settings: GroupSettings,
    readonly quantizer: Quantizer,
  ) {
    if (!Number.isInteger(settings.groups) || settings.groups < 2 || settings.groups > 1 << 20) {
      throw new VarvError('E_CONFIG', `groups must be an integer in 2…${1 << 20}, got ${settings.groups}`);
    }
    const { buckets, projections, spread } = quantizer;
    const ok =
      Number.isInteger(projections) &&
      projections >= 1 &&
      buckets.length >= projections &&
      buckets.every((m) => m >= 1 && Number.isFinite(m)) &&
      spread.length >= projections &&
      spread.every((x) => x > 0);
    if (!ok)
      throw new VarvError('E_CONFIG', `invalid quantiser ${JSON.stringify(quantizer)}: run calibration`);
    this.intervals = new DayIntervals(settings.timezone, settings.intervals);
    this.scratch = new Float64Array(quantizer.projections);
    this.code = new Int32Array(quantizer.projections);
    this.cuts = Array.from({ length: projections }, (_, j) =>
      cutPoints(spread[j] as number, buckets[j] as number),
    );
  }

  /** The group and interval of an embedding seen at epoch-ms time `t` (store clock). */
  assign(embedding: ArrayLike<number>, t: number): Assignment {
    const pos = this.intervals.at(t);
    const epoch = keyEpoch(this.settings.rotation, pos.day);
    return { group: this.groupIn(embedding, epoch, pos.interval), interval: pos.interval };
  }

  /** The group of an embedding in a given key epoch and interval. */
  groupIn(embedding: ArrayLike<number>, epoch: number, interval: IntervalName): number {
    this.bucketsOf(embedding, this.code);
    return this.groupOfCode(this.code, epoch, interval);
  }

  /** The k bucket numbers of an embedding (its code), written into `out`. */
  bucketsOf(embedding: ArrayLike<number>, out: Int32Array): Int32Array {
    const k = this.quantizer.projections;
    this.projector(embedding.length).project(embedding, this.scratch, k);
    for (let j = 0; j < k; j++) out[j] = bucketOf(this.scratch[j] as number, this.cuts[j] as Float64Array);
    return out;
  }

  /** The group a code hashes to in an epoch and interval. */
  groupOfCode(code: Int32Array, epoch: number, interval: IntervalName): number {
    const h = this.hashKey(epoch, interval);
    const fp = fingerprint(code);
    const known = h.memo.get(fp);
    if (known !== undefined) return known;
    const { h: hi, l: lo } = SipHash.hash(
      h.key,
      new Uint8Array(code.buffer, code.byteOffset, code.byteLength),
    );
    const g = this.settings.groups;
    // (hi·2³² + lo) mod g, exactly, in doubles.
    const group = (((hi >>> 0) % g) * (0x1_0000_0000 % g) + ((lo >>> 0) % g)) % g;
    if (h.memo.size >= MEMO_LIMIT) h.memo.clear();
    h.memo.set(fp, group);
    return group;
  }

  /** The projector for an embedding dimension (created on first use). */
  projector(dim: number): Projector {
    let p = this.projectors.get(dim);
    if (!p) {
      p = new Projector(this.key, dim, this.quantizer.projections, this.quantizer.nonzeros);
      this.projectors.set(dim, p);
    }
    return p;
  }

  private hashKey(epoch: number, interval: IntervalName) {
    const last = this.lastHash;
    if (last && last.epoch === epoch && last.interval === interval) return last.h;
    const id = `${epoch}|${interval}`;
    let h = this.hashKeys.get(id);
    if (!h) {
      const bytes = this.key.derive(`group-hash|${id}`, 16);
      h = { key: new Uint32Array(bytes.buffer, bytes.byteOffset, 4).slice(), memo: new Map() };
      if (this.hashKeys.size > 64) this.hashKeys.clear();
      this.hashKeys.set(id, h);
    }
    this.lastHash = { epoch, interval, h };
    return h;
  }
}

/** A 52-bit fingerprint of a code for the memo (two 32-bit multiplicative hashes). */
function fingerprint(code: Int32Array): number {
  let a = Math.imul(0x811c9dc5 ^ code.length, 0x01000193);
  let b = 0x9e3779b9 ^ code.length;
  for (let i = 0; i < code.length; i++) {
    const v = code[i] as number;
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x85ebca6b) ^ (b >>> 13);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
