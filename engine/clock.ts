/** Time as the core sees it: passed in, never read from the machine inside the core. */
export type Clock = {
  /** Wall-clock time, epoch milliseconds (the store clock). */
  now(): number;
  /** A monotonic high-resolution reading in milliseconds, for durations. */
  monotonic(): number;
};

/** A clock that moves only when told to: for tests and for simulated time. */
export class ManualClock implements Clock {
  private wall: number;
  private mono = 0;
  constructor(startEpochMs = 0) {
    this.wall = startEpochMs;
  }
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a clock only moves forward (got ${ms} ms)`);
    this.wall += ms;
    this.mono += ms;
  }
}
