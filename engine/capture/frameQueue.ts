import { VarvError } from '../errors.ts';

/** What a queue has seen: `in` = `out` + `dropped` + `queued`, always. */
export type QueueStats = { capacity: number; in: number; out: number; dropped: number; queued: number };

/**
 * A bounded first-in-first-out queue that drops its oldest item when full (a late frame is worth
 * more than an old one). It counts what went in, out and was dropped; `onDrop` sees each dropped
 * item (to wipe a frame's bytes). Waiting is by promise, never by polling.
 */
export class FrameQueue<T> {
  private readonly ring: (T | undefined)[];
  private head = 0;
  private size = 0;
  private counted = { in: 0, out: 0, dropped: 0 };
  private readonly itemWaiters: (() => void)[] = [];
  private readonly spaceWaiters: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    private readonly onDrop?: (item: T) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new VarvError('E_CONFIG', `a frame queue holds at least 1 frame, got capacity ${capacity}`);
    this.ring = new Array(capacity);
  }

  /** Adds an item; when full, the oldest is dropped first and returned. */
  push(item: T): T | undefined {
    this.counted.in++;
    let dropped: T | undefined;
    if (this.size === this.capacity) {
      dropped = this.ring[this.head];
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
      this.counted.dropped++;
    }
    this.ring[(this.head + this.size) % this.capacity] = item;
    this.size++;
    if (dropped !== undefined) this.onDrop?.(dropped);
    wake(this.itemWaiters);
    return dropped;
  }

  /** Takes the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.ring[this.head] as T;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    this.counted.out++;
    wake(this.spaceWaiters);
    return item;
  }

  /** Drops everything queued (counted as dropped, each passed to `onDrop`). */
  clear(): void {
    while (this.size > 0) {
      const item = this.ring[this.head] as T;
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
      this.counted.dropped++;
      this.onDrop?.(item);
    }
    wake(this.spaceWaiters);
  }

  get length(): number {
    return this.size;
  }

  /** Resolves when the queue holds an item (at once if it does). */
  ready(): Promise<void> {
    return this.size > 0 ? Promise.resolve() : new Promise((r) => this.itemWaiters.push(r));
  }

  /** Resolves when the queue has room (at once if it has). */
  space(): Promise<void> {
    return this.size < this.capacity ? Promise.resolve() : new Promise((r) => this.spaceWaiters.push(r));
  }

  stats(): QueueStats {
    return { capacity: this.capacity, ...this.counted, queued: this.size };
  }
}

function wake(waiters: (() => void)[]): void {
  for (const w of waiters.splice(0)) w();
}
