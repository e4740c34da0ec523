import type { EncodedFrame } from '../capture/index.ts';
import type { Clock } from '../clock.ts';
import {
  type GroupAssigner,
  type LifetimeHistogram,
  lend,
  lendAsync,
  type SightingPolicy,
  wipe,
} from '../privacy/index.ts';
import {
  type DecodeOptions,
  type Detection,
  decodeImage,
  type FaceDescription,
  type Frame,
  type Track,
  type Vision,
} from '../vision/index.ts';
import type { CameraChannel, TrackedFace } from './cameraChannel.ts';

/** A sighting due from one frame, before it gets its event fields. */
export type SightingDraft = { zone: string; face: TrackedFace };

export type ProcessorOptions = {
  vision: Vision;
  assigner: GroupAssigner;
  policy: SightingPolicy;
  clock: Clock;
  /** Lifetimes of the face crops and of the embeddings. */
  crops: LifetimeHistogram;
  embeddings: LifetimeHistogram;
  decode: DecodeOptions;
  embedMinScore: number;
  minFacePx: number;
};

/**
 * One frame through vision and the privacy core, forgetting as it goes:
 *
 * 1. decode (shrink on load); the encoded bytes are wiped at once;
 * 2. lent out of the decoded pixels: detect faces, move the camera's tracks, and crop only the
 *    faces of tracks that have no group yet (or one from another interval or day); the frame is
 *    wiped as soon as that is done (its lifetime goes to the camera's histogram);
 * 3. the crops are embedded and classified in one batch and wiped (crop lifetime: from cropping
 *    to wiping);
 * 4. each embedding is lent to the group assigner and wiped (embedding lifetime: from the
 *    describer's return to the wipe); the track keeps only group, interval and categories;
 * 5. the sighting policy says which tracks yield a sighting now; each is placed in a zone.
 */
export class FrameProcessor {
  constructor(private readonly o: ProcessorOptions) {}

  /**
   * The sightings due from a frame at time `t`, and how many faces were embedded. A frame that
   * does not decode throws E_IMAGE (its bytes wiped).
   */
  async process(
    ch: CameraChannel,
    encoded: EncodedFrame,
    t: number,
  ): Promise<{ sightings: SightingDraft[]; embedded: number }> {
    const { vision, clock } = this.o;
    let frame: Frame;
    try {
      frame = await decodeImage(encoded.bytes, this.o.decode);
    } finally {
      wipe(encoded.bytes);
    }
    const { width, height } = frame;
    const pos = this.o.assigner.intervals.at(t);
    // Everything taken from the pixels happens inside this lend; the frame is wiped when it returns.
    const { update, detections, fresh, crops } = await lendAsync(
      frame.data,
      async () => {
        const detections = await vision.detector.detect(frame);
        const update = ch.tracker.update(detections.map((d) => d.box));
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
        const born = clock.monotonic();
        const crops =
          fresh.length > 0
            ? {
                data: vision.crops(
                  frame,
                  fresh.map((f) => f.detection),
                ),
                born,
              }
            : undefined;
        return { update, detections, fresh, crops };
      },
      { clock, histogram: ch.frameLifetimes },
    );
    for (const track of update.lost) this.o.policy.lost(ch.id, track.id);

    if (crops) {
      let described: FaceDescription[] = [];
      try {
        described = await vision.describer.describe(crops.data);
      } finally {
        this.wipeCrops(crops);
      }
      // The embeddings exist from the describer's return; each is lent to the assigner and wiped.
      const born = clock.monotonic();
      try {
        for (const [i, { track }] of fresh.entries()) {
          const d = described[i] as FaceDescription;
          const { group, interval } = lend(d.embedding, (e) => this.o.assigner.assign(e, t));
          this.o.embeddings.record(clock.monotonic() - born);
          const attrs: TrackedFace['attrs'] = {};
          if (d.gender !== 'unknown') attrs.gender = d.gender;
          if (d.age !== 'unknown') attrs.age = d.age;
          track.data = { group, interval, day: pos.day, attrs };
        }
      } finally {
        for (const d of described) wipe(d.embedding);
      }
    }

    const out: SightingDraft[] = [];
    for (const [i, track] of update.tracks.entries()) {
      if (!track.data || !this.o.policy.seen(ch.id, track.id, t)) continue;
      out.push({
        zone: ch.locator.zoneOf((detections[i] as Detection).box, width, height),
        face: track.data,
      });
    }
    return { sightings: out, embedded: fresh.length };
  }

  /** Faces are embedded only from a confident detection of a face large enough to describe. */
  private good(d: Detection): boolean {
    return d.score >= this.o.embedMinScore && Math.min(d.box.width, d.box.height) >= this.o.minFacePx;
  }

  private wipeCrops(crops: { data: Float32Array; born: number } | undefined): void {
    if (!crops || crops.data.length === 0 || crops.born < 0) return;
    wipe(crops.data);
    this.o.crops.record(this.o.clock.monotonic() - crops.born);
    crops.born = -1;
  }
}
