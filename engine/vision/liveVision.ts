import type { Clock } from '../clock.ts';
import type { LifetimeHistogram, LifetimeMeter } from '../privacy/index.ts';
import type { Detection } from './decodeBlazeFace.ts';
import type { DecodeOptions } from './decodeImage.ts';
import type { FaceDescription } from './faceDescriber.ts';

/**
 * Faces found in an encoded frame, in the coordinates of the frame as `decodeImage` would decode
 * it with the same options (`width` × `height`, which is not decoded for this).
 */
export type FoundFaces = { detections: Detection[]; width: number; height: number };

/** Where `describeFaces` reports, as it goes. */
export type DescribeHooks = {
  clock: Clock;
  /** The full frame's lifetime (decoded to wiped), recorded once the patches are cut. */
  frame: LifetimeHistogram;
  /** Each face's pixels' lifetime (patch cut to crop wiped), recorded once described. */
  crop: LifetimeHistogram;
  /** The full frame is wiped and the patches cut: the encoded bytes are no longer needed. */
  cut?(): void;
  /** Face `i` (of `faces`) described; its embedding is the callee's to lend and wipe. */
  described(i: number, description: FaceDescription): void;
};

/**
 * What the live engine needs of vision: the two steps of its pipeline. `Vision` runs them in the
 * calling thread; `VisionWorkers` in worker threads (ONNX Runtime runs each inference
 * synchronously, so in the calling thread it holds up everything else there).
 */
export interface LiveVision {
  /**
   * Step 1: the faces of an encoded frame, searched on a small detection frame (the detector's
   * input size, shrunk on load) that is wiped once the detector is done; its lifetime goes to
   * `meter`. The bytes are not changed. A corrupt, empty or oversized input is E_IMAGE.
   */
  findFaces(bytes: Uint8Array, decode?: DecodeOptions, meter?: LifetimeMeter): Promise<FoundFaces>;
  /**
   * Step 2, for the faces wanted: the full frame is decoded, the pixels around each face copied
   * out and the frame wiped at once; then one face at a time, its patch becomes its crop (the
   * patch wiped), the crop is described and wiped, and the description handed to `described`.
   * The bytes are not changed.
   */
  describeFaces(
    bytes: Uint8Array,
    found: FoundFaces,
    faces: readonly Detection[],
    decode: DecodeOptions,
    hooks: DescribeHooks,
  ): Promise<void>;
}
