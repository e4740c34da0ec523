import { VarvError } from '../errors.ts';

/**
 * When a continuously seen face yields a sighting: at first sight on a camera's track, then at
 * most once every `repeatAfterMs` while the track lasts. The live tracker and the simulator's
 * sensor model both ask this one policy, so they emit alike.
 */
export class SightingPolicy {
  private readonly lastEmit = new Map<string, number>();

  constructor(readonly repeatAfterMs: number) {
    if (!(repeatAfterMs > 0))
      throw new VarvError('E_CONFIG', `the repeat interval must be positive, got ${repeatAfterMs} ms`);
  }

  /** A face on `track` of `camera` was seen at `t` (ms); true when a sighting is due now. */
  seen(camera: string, track: string | number, t: number): boolean {
    const id = `${camera}\u0000${track}`;
    const last = this.lastEmit.get(id);
    if (last !== undefined && t < last)
      throw new VarvError('E_ORDER', `track ${id.replace('\u0000', '/')} went back in time (${t} < ${last})`);
    if (last === undefined || t - last >= this.repeatAfterMs) {
      this.lastEmit.set(id, t);
      return true;
    }
    return false;
  }

  /** The track ended (the face left the view); the next sight of that face starts a new track. */
  lost(camera: string, track: string | number): void {
    this.lastEmit.delete(`${camera}\u0000${track}`);
  }

  /** Tracks being followed now. */
  get active(): number {
    return this.lastEmit.size;
  }
}
