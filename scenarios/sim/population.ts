import { ageBands, type genders } from '../../engine/events/index.ts';
import { type IntervalName, intervalNames, randomIdentity } from '../../engine/privacy/index.ts';
import type { RandomTree } from './randomTree.ts';

export type Gender = (typeof genders)[number];
export type AgeBand = (typeof ageBands)[number];

/** One synthetic person: fixed for the whole run, whichever day they come. */
export type Person = {
  index: number;
  identity: Float32Array;
  gender: Gender;
  age: AgeBand;
  /** The part of the day they tend to shop in. */
  habit: IntervalName;
};

/** Shares of shoppers by age band (an adult-heavy grocery clientele). */
export const AGE_SHARES: Readonly<Record<AgeBand, number>> = {
  '0-17': 0.05,
  '18-29': 0.2,
  '30-44': 0.27,
  '45-64': 0.3,
  '65+': 0.18,
};

/**
 * A fixed population of `size` people, each drawn from their own random stream (so person i is
 * the same person in every run with this seed, however many others are drawn). Visitors are
 * chosen so that, from the second day on, a share `returning` of visits is by people seen on an
 * earlier day (preferring those whose habit matches the time of day), the rest by people never
 * seen yet.
 */
export class Population {
  private readonly people = new Map<number, Person>();
  private readonly seen: number[] = [];
  private nextNew = 0;
  /** How many of `seen` came on earlier days (and so may return). */
  private returnable = 0;

  constructor(
    private readonly tree: RandomTree,
    readonly size: number,
    readonly dim: number,
    readonly returning: number,
  ) {}

  /** Person i (drawn on first use). */
  person(i: number): Person {
    let p = this.people.get(i);
    if (!p) {
      const rng = this.tree.stream(`person/${i}`);
      const identity = randomIdentity(this.dim, rng);
      const gender: Gender = rng() < 0.5 ? 'man' : 'woman';
      let u = rng();
      let age: AgeBand = '65+';
      for (const band of ageBands) {
        u -= AGE_SHARES[band];
        if (u < 0) {
          age = band;
          break;
        }
      }
      const habit = intervalNames[Math.floor(rng() * intervalNames.length)] as IntervalName;
      p = { index: i, identity, gender, age, habit };
      this.people.set(i, p);
    }
    return p;
  }

  /**
   * A new day starts: people who came before it may now come back. (Within one day visits are by
   * different people, unless the whole population has come already.)
   */
  newDay(): void {
    this.returnable = this.seen.length;
  }

  /** Who comes in next, in the given interval; `rng` is the visitor stream of the run. */
  nextVisitor(interval: IntervalName, rng: () => number): Person {
    const exhausted = this.nextNew >= this.size;
    const pool = exhausted ? this.seen.length : this.returnable;
    const returns = pool > 0 && (exhausted || rng() < this.returning);
    if (returns) {
      // Rejection sampling: anyone seen, three times as likely if this is their habitual interval.
      for (;;) {
        const p = this.person(this.seen[Math.floor(rng() * pool)] as number);
        if (p.habit === interval || rng() < 1 / 3) return p;
      }
    }
    const p = this.person(this.nextNew++);
    this.seen.push(p.index);
    return p;
  }

  /** How many different people have come so far. */
  get distinctVisitors(): number {
    return this.seen.length;
  }
}
