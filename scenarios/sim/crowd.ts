import type { NavField } from './navigation.ts';

/** One agent to add: where it stands, how big and fast it is, and where it is going. */
export type AgentSpec = { id: number; x: number; y: number; radius: number; speed: number; goal: NavField };

/**
 * Everyone on the floor, as columns (structure of arrays): the locomotion kernel reads and
 * writes these typed arrays directly. Removal swaps the last agent into the hole, so indices are
 * dense; ids stay with their agents.
 */
export class Crowd {
  n = 0;
  id: Int32Array;
  x: Float64Array;
  y: Float64Array;
  radius: Float64Array;
  /** Desired (free) speed, m/s. */
  v0: Float64Array;
  /** Speed and heading of the last step. */
  speed: Float64Array;
  ex: Float64Array;
  ey: Float64Array;
  /**
   * How much of its width a blocked agent claims, and how strongly others push it aside: 1
   * normally; less when it turns its shoulders to squeeze past someone standing in a narrow
   * aisle; 0 when it asks its way through ("excuse me") after being blocked for long.
   */
  squeeze: Float64Array;
  goal: NavField[] = [];

  constructor(capacity = 64) {
    this.id = new Int32Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.radius = new Float64Array(capacity);
    this.v0 = new Float64Array(capacity);
    this.speed = new Float64Array(capacity);
    this.ex = new Float64Array(capacity);
    this.ey = new Float64Array(capacity);
    this.squeeze = new Float64Array(capacity);
  }

  add(a: AgentSpec): number {
    if (this.n === this.id.length) this.grow();
    const i = this.n++;
    this.id[i] = a.id;
    this.x[i] = a.x;
    this.y[i] = a.y;
    this.radius[i] = a.radius;
    this.v0[i] = a.speed;
    this.speed[i] = 0;
    this.ex[i] = 0;
    this.ey[i] = 0;
    this.squeeze[i] = 1;
    this.goal[i] = a.goal;
    return i;
  }

  /** Removes the agent at index i (the last agent takes its place). */
  removeAt(i: number): void {
    const last = --this.n;
    if (i !== last) {
      for (const col of [
        this.id,
        this.x,
        this.y,
        this.radius,
        this.v0,
        this.speed,
        this.ex,
        this.ey,
        this.squeeze,
      ])
        col[i] = col[last] as number;
      this.goal[i] = this.goal[last] as NavField;
    }
    this.goal.length = this.n;
  }

  indexOf(id: number): number {
    for (let i = 0; i < this.n; i++) if (this.id[i] === id) return i;
    return -1;
  }

  private grow() {
    const cap = this.id.length * 2;
    const widen = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.id = widen(this.id);
    this.x = widen(this.x);
    this.y = widen(this.y);
    this.radius = widen(this.radius);
    this.v0 = widen(this.v0);
    this.speed = widen(this.speed);
    this.ex = widen(this.ex);
    this.ey = widen(this.ey);
    this.squeeze = widen(this.squeeze);
  }
}
