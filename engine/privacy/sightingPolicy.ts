import { VarvError } from '../errors.ts';

/**
 * When a continuously seen face yields a sighting: at first sight on a camera's track, then at
 * most once every `repeatAfterMs` while the track lasts. The live tracker and the simulator's
 * sensor model both ask this one policy, so they emit alike.
 */
export class SightingPolicy {
  /** Per track: when it was last seen and when it last yielded a sighting. */
  private readonly tracks = new Map<string, { seen: number; emitted: number }>();

  constructor(readonly repeatAfterMs: number) {
    if (!(repeatAfterMs > 0))
      throw new VarvError('E_CONFIG', `the repeat interval must be positive, got ${repeatAfterMs} ms`);
  }

  /** A face on `track` of `camera` was seen at `t` (ms); true when a sighting is due now. */
  seen(camera: string, track: string | number, t: number): boolean {
    const id = `${camera}\u0000${track}`;
    const state = this.tracks.get(id);
    if (!state) {
      this.tracks.set(id, { seen: t, emitted: t });
      return true;
    }
    if (t < state.seen)
      throw new VarvError('E_ORDER', `track ${camera}/${track} went back in time (${t} < ${state.seen})`);
    state.seen = t;
    if (t - state.emitted >= this.repeatAfterMs) {
      state.emitted = t;
      return true;
    }
    return false;
  }

  /** The track ended (the face left the view); the next sight of that face starts a new track. */
  lost(camera: string, track: string | number): void {
    this.tracks.delete(`${camera}\u0000${track}`);
  }

  /** Tracks being followed now. */
  get active(): number {
    return this.tracks.size;
  }
}
