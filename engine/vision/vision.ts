import { ensureModels } from '../../models/index.ts';
import { lendAsync } from '../privacy/index.ts';
import { alignedCrop } from './alignedCrop.ts';
import type { Detection } from './decodeBlazeFace.ts';
import { type DescriberOptions, FACE_SIZE, FaceDescriber, type FaceDescription } from './faceDescriber.ts';
import { type DetectorOptions, FaceDetector } from './faceDetector.ts';
import { faceRegion } from './faceRegion.ts';
import type { Frame } from './frame.ts';
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
 * them in one batch. The crops are wiped as soon as the describer is done with them.
 */
export class Vision {
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

  async release(): Promise<void> {
    await Promise.all([this.detector.release(), this.describer.release()]);
  }
}
