import ort from 'onnxruntime-node';
import { wipe } from '../privacy/index.ts';
import { blazeFaceAnchors } from './anchors.ts';
import { type Detection, decodeBlazeFace } from './decodeBlazeFace.ts';
import { detectorInput } from './detectorInput.ts';
import type { Frame } from './frame.ts';
import { nms } from './nms.ts';
import { DEFAULT_THREADS, openSession, outputData, type VisionThreads } from './onnxSession.ts';

export type DetectorOptions = {
  /** Lowest score kept (0…1). Default 0.4. */
  minScore?: number;
  /** Boxes overlapping a better one by more than this IoU are dropped. Default 0.3. */
  maxIou?: number;
  /** At most this many faces per frame. Default 50. */
  maxFaces?: number;
  threads?: VisionThreads;
};

const INPUT = 256;

/** Finds faces in frames with BlazeFace (back-camera variant) through onnxruntime-node. */
export class FaceDetector {
  /** Side of the square the detector looks at (frames are letterboxed into it). */
  readonly inputSize = INPUT;
  private readonly anchors = blazeFaceAnchors(INPUT);
  private readonly minScore: number;
  private readonly maxIou: number;
  private readonly maxFaces: number;

  private constructor(
    private readonly session: ort.InferenceSession,
    options: DetectorOptions,
  ) {
    this.minScore = options.minScore ?? 0.4;
    this.maxIou = options.maxIou ?? 0.3;
    this.maxFaces = options.maxFaces ?? 50;
  }

  /** Opens the converted BlazeFace model at `path` (see models/ensureModels). */
  static async open(path: string, options: DetectorOptions = {}): Promise<FaceDetector> {
    return new FaceDetector(await openSession(path, options.threads ?? DEFAULT_THREADS), options);
  }

  /**
   * The faces in a frame, best first, after non-maximum suppression. The frame is not changed.
   * `into` (from `inputBuffer()`) takes the detector's input when the frame already fits it.
   */
  async detect(frame: Frame, into?: Float32Array): Promise<Detection[]> {
    const { input, scale } = await detectorInput(frame, INPUT, into);
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = await this.session.run({ image: new ort.Tensor('float32', input, [1, INPUT, INPUT, 3]) });
    } finally {
      wipe(input);
    }
    const grids = [
      { logits: outputData(result, 'logits_16'), regressors: outputData(result, 'regressors_16') },
      { logits: outputData(result, 'logits_8'), regressors: outputData(result, 'regressors_8') },
    ];
    return nms(decodeBlazeFace(grids, this.anchors, scale, this.minScore), this.maxIou, this.maxFaces);
  }

  /** A buffer for the detector's input (to allocate before the frame it will hold is decoded). */
  inputBuffer(): Float32Array {
    return new Float32Array(INPUT * INPUT * 3);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
