import type { Clock } from '../clock.ts';
import {
  type GroupAssigner,
  type LifetimeHistogram,
  lend,
  type SightingPolicy,
  wipe,
} from '../privacy/index.ts';
import type { DecodeOptions, Detection, LiveVision, Track } from '../vision/index.ts';
import type { CameraChannel, QueuedFrame, TrackedFace } from './cameraChannel.ts';

/** A sighting due from one frame, before it gets its event fields. */
export type SightingDraft = { zone: string; face: TrackedFace };

/** Lifetime histograms of the buffers the processor forgets (the full frame's is the camera's). */
export type ProcessorLifetimes = {
  /** The JPEG bytes: from receipt to wipe. */
  encoded: LifetimeHistogram;
  /** The small frame decoded for detection (and the detector's input made of it). */
  detection: LifetimeHistogram;
  /** Each face's pixels: its patch cut from the frame, then its crop, until the crop is wiped. */
  crop: LifetimeHistogram;
  /** Each embedding: from the describer's return to its wipe after group assignment. */
  embedding: LifetimeHistogram;
};

export type ProcessorOptions = {
  vision: LiveVision;
  assigner: GroupAssigner;
  policy: SightingPolicy;
  clock: Clock;
  lifetimes: ProcessorLifetimes;
  decode: DecodeOptions;
  embedMinScore: number;
  minFacePx: number;
};

/**
 * One frame through vision and the privacy core, forgetting as it goes:
 *
 * 1. a small detection frame is decoded from the JPEG (the detector's input size, shrunk on
 *    load) and searched for faces; it is wiped when the detector is done (lifetime: detection);
 * 2. the camera's tracks move; only faces of tracks that have no group yet (or one from another
 *    interval or day) are wanted. When none is, the JPEG is wiped and the frame is never decoded
 *    at full size;
 * 3. else the full frame is decoded, the pixels around each wanted face are copied out (a patch)
 *    and the frame is wiped at once (lifetime: frame, per camera), then the JPEG;
 * 4. one face at a time: its patch becomes its crop and is wiped, the crop is embedded and
 *    classified and wiped (lifetime: crop, from the patch's cut to the crop's wipe), and the
 *    embedding is lent to the group assigner and wiped (lifetime: embedding, from its arrival
 *    here: with VisionWorkers, the worker's moment between the describer's return and the
 *    transfer is not counted); the track keeps only group, interval and categories;
 * 5. the sighting policy says which tracks yield a sighting now; each is placed in a zone. A new
 *    face's sighting goes to `emit` as soon as its group is assigned (it does not wait for the
 *    frame's other new faces); the others' are returned.
 *
 * The JPEG's lifetime runs from its receipt to its wipe (queue wait included).
 */
export class FrameProcessor {
  constructor(private readonly o: ProcessorOptions) {}

  /**
   * The sightings due from a frame at time `t` (those of new faces handed to `emit` one by one as
   * they are ready, the rest returned), and how many faces were embedded. A frame that does not
   * decode throws E_IMAGE; its bytes and every pixel taken from it are wiped whatever happens.
   */
  async process(
    ch: CameraChannel,
    encoded: QueuedFrame,
    t: number,
    emit?: (drafts: SightingDraft[]) => void,
  ): Promise<{ sightings: SightingDraft[]; embedded: number }> {
    const { vision, clock, lifetimes, decode } = this.o;
    let bytesLive = true;
    const forgetBytes = () => {
      if (!bytesLive) return;
      bytesLive = false;
      wipe(encoded.bytes);
      lifetimes.encoded.record(clock.monotonic() - encoded.received);
    };
    try {
      const found = await vision.findFaces(encoded.bytes, decode, { clock, histogram: lifetimes.detection });
      const { detections, width, height } = found;
      const pos = this.o.assigner.intervals.at(t);
      const update = ch.tracker.update(detections.map((d) => d.box));
      for (const track of update.lost) this.o.policy.lost(ch.id, track.id);
      const fresh: { track: Track<TrackedFace>; detection: Detection }[] = [];
      for (const [i, track] of update.tracks.entries()) {
        const detection = detections[i] as Detection;
        if (track.data && (track.data.interval !== pos.interval || track.data.day !== pos.day)) {
          // A new interval or day: the old group must not carry over; embed afresh, sight afresh.
          track.data = undefined;
          this.o.policy.lost(ch.id, track.id);
        }
        if (!track.data && this.good(detection)) fresh.push({ track, detection });
      }
      const out: SightingDraft[] = [];
      const zoneOf = (d: Detection) => ch.locator.zoneOf(d.box, width, height);
      if (fresh.length > 0)
        await vision.describeFaces(
          encoded.bytes,
          found,
          fresh.map((f) => f.detection),
          decode,
          {
            clock,
            frame: ch.frameLifetimes,
            crop: lifetimes.crop,
            cut: forgetBytes,
            described: (i, d) => {
              const { track, detection } = fresh[i] as (typeof fresh)[number];
              // The embedding is here from the describer's return; lent to the assigner and wiped.
              const born = clock.monotonic();
              const { group, interval } = lend(d.embedding, (e) => this.o.assigner.assign(e, t));
              lifetimes.embedding.record(clock.monotonic() - born);
              const attrs: TrackedFace['attrs'] = {};
              if (d.gender !== 'unknown') attrs.gender = d.gender;
              if (d.age !== 'unknown') attrs.age = d.age;
              track.data = { group, interval, day: pos.day, attrs };
              if (this.o.policy.seen(ch.id, track.id, t)) {
                const draft = { zone: zoneOf(detection), face: track.data };
                if (emit) emit([draft]);
                else out.push(draft);
              }
            },
          },
        );
      forgetBytes();

      const described = new Set(fresh.map((f) => f.track));
      for (const [i, track] of update.tracks.entries()) {
        if (!track.data || described.has(track) || !this.o.policy.seen(ch.id, track.id, t)) continue;
        out.push({ zone: zoneOf(detections[i] as Detection), face: track.data });
      }
      return { sightings: out, embedded: fresh.length };
    } finally {
      forgetBytes();
    }
  }

  /** Faces are embedded only from a confident detection of a face large enough to describe. */
  private good(d: Detection): boolean {
    return d.score >= this.o.embedMinScore && Math.min(d.box.width, d.box.height) >= this.o.minFacePx;
  }
}
