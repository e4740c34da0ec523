import { VarvError } from '../errors.ts';
import { type Box, iou } from './nms.ts';

export type TrackerOptions = {
  /** A detection continues a track when their boxes overlap by at least this IoU. Default 0.3. */
  minIou?: number;
  /** A track ends after this many frames in a row without its face. Default 5. */
  maxMissed?: number;
};

/** A face followed across frames of one camera; `data` is what the caller keeps for it. */
export type Track<D> = { readonly id: number; box: Box; hits: number; missed: number; data: D | undefined };

/** What one frame did to the tracks. */
export type TrackUpdate<D> = {
  /** For each detection (in input order), its track: continued or new. */
  tracks: Track<D>[];
  /** Which of them started with this frame. */
  born: boolean[];
  /** Tracks that ended with this frame (missed too often). */
  lost: Track<D>[];
};

/**
 * A light per-camera tracker: each frame's boxes are matched to the tracks of the last frames by
 * IoU, greedily (the best-overlapping pair first); a box left over starts a track, a track left
 * over misses a frame, and one that missed more than `maxMissed` frames in a row ends. It keeps
 * boxes and whatever the caller attaches (a group ID and categories), never pixels.
 */
export class FaceTracker<D = unknown> {
  private readonly minIou: number;
  private readonly maxMissed: number;
  private live: Track<D>[] = [];
  private nextId = 1;

  constructor(options: TrackerOptions = {}) {
    this.minIou = options.minIou ?? 0.3;
    this.maxMissed = options.maxMissed ?? 5;
    if (!(this.minIou > 0 && this.minIou <= 1))
      throw new VarvError('E_CONFIG', `tracker minIou must be in (0, 1], got ${this.minIou}`);
    if (!(Number.isInteger(this.maxMissed) && this.maxMissed >= 0))
      throw new VarvError('E_CONFIG', `tracker maxMissed must be a whole number ≥ 0, got ${this.maxMissed}`);
  }

  /** Takes one frame's boxes. */
  update(boxes: readonly Box[]): TrackUpdate<D> {
    const pairs: [number, number, number][] = [];
    for (let t = 0; t < this.live.length; t++)
      for (let b = 0; b < boxes.length; b++) {
        const o = iou((this.live[t] as Track<D>).box, boxes[b] as Box);
        if (o >= this.minIou) pairs.push([o, t, b]);
      }
    // Best overlap first; ties to the older track, then to the earlier box.
    pairs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
    const trackOf = new Array<Track<D> | undefined>(boxes.length);
    const taken = new Set<number>();
    for (const [, t, b] of pairs) {
      if (taken.has(t) || trackOf[b]) continue;
      taken.add(t);
      const track = this.live[t] as Track<D>;
      track.box = boxes[b] as Box;
      track.hits++;
      track.missed = 0;
      trackOf[b] = track;
    }
    const lost: Track<D>[] = [];
    const kept: Track<D>[] = [];
    for (const [t, track] of this.live.entries()) {
      if (!taken.has(t) && ++track.missed > this.maxMissed) lost.push(track);
      else kept.push(track);
    }
    const born = boxes.map((_, b) => trackOf[b] === undefined);
    for (const [b, box] of boxes.entries()) {
      if (trackOf[b]) continue;
      const track: Track<D> = { id: this.nextId++, box, hits: 1, missed: 0, data: undefined };
      trackOf[b] = track;
      kept.push(track);
    }
    this.live = kept;
    return { tracks: trackOf as Track<D>[], born, lost };
  }

  /** Ends every track (e.g. when the camera stops); returns them. */
  clear(): Track<D>[] {
    const all = this.live;
    this.live = [];
    return all;
  }

  /** The tracks being followed now. */
  get tracks(): readonly Track<D>[] {
    return this.live;
  }
}
