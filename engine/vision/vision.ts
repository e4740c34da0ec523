import sharp from 'sharp';
import { ensureModels } from '../../models/index.ts';
import { VarvError } from '../errors.ts';
import { type LifetimeMeter, lend, lendAsync, wipe } from '../privacy/index.ts';
import { alignedCrop } from './alignedCrop.ts';
import type { Detection } from './decodeBlazeFace.ts';
import { type DecodeOptions, decodeImage } from './decodeImage.ts';
import { type DescriberOptions, FACE_SIZE, FaceDescriber, type FaceDescription } from './faceDescriber.ts';
import { type DetectorOptions, FaceDetector } from './faceDetector.ts';
import { cutPatch, type FacePatch, patchCapacity } from './facePatch.ts';
import { faceRegion } from './faceRegion.ts';
import type { Frame } from './frame.ts';
import { jpegSize } from './jpegSize.ts';
import type { DescribeHooks, FoundFaces, LiveVision } from './liveVision.ts';
import { DEFAULT_THREADS, type VisionThreads } from './onnxSession.ts';

export type VisionOptions = {
  /** Folder of the converted models (default models/onnx; built on first use when missing). */
  modelDir?: string;
  /** Threads of each ONNX Runtime session. */
  threads?: VisionThreads;
  detector?: Omit<DetectorOptions, 'threads'>;
  describer?: Omit<DescriberOptions, 'threads'>;
  /** Face crop side as a multiple of the detected box's larger side. Default 1.2 (on the sample faces it separates genuine from impostor pairs best). */
  margin?: number;
};

export type Face = { detection: Detection } & FaceDescription;

/**
 * The live vision pipeline: find faces in a frame, crop each (levelled by the eyes), and describe
 * them. Two ways through it:
 *
 * - `analyse(frame)`: a decoded frame, its faces described in one batch (calibration, tests);
 * - the live path, in three steps that keep each pixel buffer short-lived: `findFaces` decodes a
 *   small frame (the detector's input size, shrunk on load) and searches it; `cutFaces` decodes
 *   the full frame only for the faces wanted, copies out the pixels around each and wipes the
 *   frame at once; `describePatch` turns one patch into its crop, wipes the patch, describes the
 *   crop and wipes it.
 */
export class Vision implements LiveVision {
  private constructor(
    readonly detector: FaceDetector,
    readonly describer: FaceDescriber,
    private readonly margin: number,
  ) {}

  static async open(options: VisionOptions = {}): Promise<Vision> {
    const paths = options.modelDir ? ensureModels(options.modelDir) : ensureModels();
    const threads = options.threads ?? DEFAULT_THREADS;
    const [detector, describer] = await Promise.all([
      FaceDetector.open(paths.blazeface as string, { ...options.detector, threads }),
      FaceDescriber.open(paths.faceres as string, { ...options.describer, threads }),
    ]);
    return new Vision(detector, describer, options.margin ?? 1.2);
  }

  /** The square crops (n × 224 × 224 × 3, RGB 0…255) of detected faces; the caller wipes them. */
  crops(frame: Frame, detections: readonly Detection[]): Float32Array {
    const size = FACE_SIZE * FACE_SIZE * 3;
    const batch = new Float32Array(detections.length * size);
    for (const [i, d] of detections.entries())
      alignedCrop(frame, faceRegion(d, this.margin), FACE_SIZE, batch.subarray(i * size, (i + 1) * size));
    return batch;
  }

  /** Faces in the frame with their embeddings and attributes, best detection first. */
  async analyse(frame: Frame): Promise<Face[]> {
    const detections = await this.detector.detect(frame);
    if (detections.length === 0) return [];
    const descriptions = await lendAsync(this.crops(frame, detections), (crops) =>
      this.describer.describe(crops),
    );
    return detections.map((detection, i) => ({ detection, ...(descriptions[i] as FaceDescription) }));
  }

  /**
   * Live step 1: the faces of an encoded frame, searched on a detection frame decoded at the
   * detector's input size (JPEGs shrink while decoding), which is wiped once the detector is done;
   * its lifetime (from decoded to wiped) goes to `meter`. Boxes and keypoints are scaled to the
   * frame `decodeImage(bytes, decode)` would give. The bytes are not changed. A corrupt, empty or
   * oversized input is a VarvError E_IMAGE.
   */
  async findFaces(bytes: Uint8Array, decode: DecodeOptions = {}, meter?: LifetimeMeter): Promise<FoundFaces> {
    const side = this.detector.inputSize;
    // The detector's input is taken before the frame exists (see cutFaces).
    const input = this.detector.inputBuffer();
    const small = await decodeImage(bytes, { ...decode, maxSide: side });
    const detections = await lendAsync(small.data, () => this.detector.detect(small, input), meter);
    // The full frame's size: its longer side is the source's (which a turn does not change), capped.
    const source = jpegSize(bytes) ?? (await metadataSize(bytes));
    const long = Math.min(Math.max(source.width, source.height), decode.maxSide ?? 1280);
    const s = long / Math.max(small.width, small.height);
    return {
      detections: detections.map((d) => scaled(d, s, s)),
      width: Math.max(1, Math.round(small.width * s)),
      height: Math.max(1, Math.round(small.height * s)),
    };
  }

  /**
   * Live step 2: decodes the full frame, cuts out the patch around each of `faces` (detections
   * of `found`) and wipes the frame; the frame's lifetime (from decoded to wiped) goes to
   * `meter`, whose clock also stamps each patch's birth. The patches are the caller's to wipe
   * (`describePatch` does). The bytes are not changed.
   */
  async cutFaces(
    bytes: Uint8Array,
    found: FoundFaces,
    faces: readonly Detection[],
    decode: DecodeOptions = {},
    meter?: LifetimeMeter,
  ): Promise<FacePatch[]> {
    // The patches' memory is taken before the frame exists (with room for the frame's size
    // differing by rounding from the one predicted), so that nothing allocated while it exists
    // sets off a garbage collection that would prolong its life.
    const buffers = faces.map((d) => new Uint8Array(patchCapacity(faceRegion(d, this.margin), 1.02)));
    const patches: FacePatch[] = new Array(faces.length);
    const frame = await decodeImage(bytes, decode);
    const sx = frame.width / found.width;
    const sy = frame.height / found.height;
    return lend(
      frame.data,
      () => {
        for (let i = 0; i < faces.length; i++) {
          const region = faceRegion(scaled(faces[i] as Detection, sx, sy), this.margin);
          patches[i] = cutPatch(frame, region, meter?.clock.monotonic(), buffers[i]);
        }
        return patches;
      },
      meter,
    );
  }

  /**
   * Live step 3: one face's crop from its patch (the patch is wiped as soon as the crop is cut),
   * described on its own; the crop is wiped when the describer returns (or throws).
   */
  async describePatch(patch: FacePatch): Promise<FaceDescription> {
    let crop: Float32Array;
    try {
      crop = alignedCrop(patch.pixels, patch.region, FACE_SIZE);
    } finally {
      wipe(patch.pixels.data);
    }
    const [description] = await lendAsync(crop, (c) => this.describer.describe(c));
    return description as FaceDescription;
  }

  /** Live step 2 (see LiveVision): cutFaces, then describePatch face by face. */
  async describeFaces(
    bytes: Uint8Array,
    found: FoundFaces,
    faces: readonly Detection[],
    decode: DecodeOptions,
    hooks: DescribeHooks,
  ): Promise<void> {
    const { clock } = hooks;
    const patches = await this.cutFaces(bytes, found, faces, decode, { clock, histogram: hooks.frame });
    const forget = (p: FacePatch) => {
      if (p.born < 0) return;
      wipe(p.pixels.data);
      hooks.crop.record(clock.monotonic() - p.born);
      p.born = -1;
    };
    try {
      hooks.cut?.();
      for (const [i, patch] of patches.entries()) {
        let d: FaceDescription;
        try {
          d = await this.describePatch(patch);
        } finally {
          forget(patch);
        }
        hooks.described(i, d);
      }
    } finally {
      for (const p of patches) forget(p);
    }
  }

  async release(): Promise<void> {
    await Promise.all([this.detector.release(), this.describer.release()]);
  }
}

/** A detection with x scaled by `sx` and y by `sy`. */
function scaled(d: Detection, sx: number, sy: number): Detection {
  if (sx === 1 && sy === 1) return d;
  return {
    box: { x: d.box.x * sx, y: d.box.y * sy, width: d.box.width * sx, height: d.box.height * sy },
    score: d.score,
    keypoints: d.keypoints.map(([x, y]) => [x * sx, y * sy]),
  };
}

/** The stored size of a non-JPEG image (PNG, WebP…), read from its header by sharp. */
async function metadataSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  try {
    const m = await sharp(bytes).metadata();
    if (m.width && m.height) return { width: m.width, height: m.height };
    throw new Error('no size in the header');
  } catch (e) {
    throw new VarvError('E_IMAGE', `cannot read the image's size: ${(e as Error).message}`, { cause: e });
  }
}
