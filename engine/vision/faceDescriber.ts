import ort from 'onnxruntime-node';
import { VarvError } from '../errors.ts';
import { wipe } from '../privacy/index.ts';
import { type AgeBand, ageBandOf, type Gender, genderOf } from './attributes.ts';
import { l2normalize } from './l2normalize.ts';
import { DEFAULT_THREADS, openSession, outputData, type VisionThreads } from './onnxSession.ts';

export type DescriberOptions = {
  /** Gender below this confidence (|2·P(male) − 1|) is unknown. Default 0.5. */
  genderFloor?: number;
  /** An age band with less probability than this is unknown. Default 0.5. */
  ageFloor?: number;
  threads?: VisionThreads;
};

/** What the embedder makes of one face. */
export type FaceDescription = {
  /** Unit length (L2-normalised), 1024 dimensions. */
  embedding: Float32Array;
  gender: Gender | 'unknown';
  genderConfidence: number;
  age: AgeBand | 'unknown';
  ageConfidence: number;
  /** Expected age in years (for calibration and tests; events carry only the band). */
  ageYears: number;
};

/** Side of the square face crops the describer takes. */
export const FACE_SIZE = 224;
const FACE_LENGTH = FACE_SIZE * FACE_SIZE * 3;

/** Embeds faces and estimates gender and age with HSE FaceRes through onnxruntime-node. */
export class FaceDescriber {
  private readonly genderFloor: number;
  private readonly ageFloor: number;

  private constructor(
    private readonly session: ort.InferenceSession,
    options: DescriberOptions,
  ) {
    this.genderFloor = options.genderFloor ?? 0.5;
    this.ageFloor = options.ageFloor ?? 0.5;
  }

  /** Opens the converted FaceRes model at `path` (see models/ensureModels). */
  static async open(path: string, options: DescriberOptions = {}): Promise<FaceDescriber> {
    return new FaceDescriber(await openSession(path, options.threads ?? DEFAULT_THREADS), options);
  }

  /**
   * Describes a batch of face crops (n × 224 × 224 × 3 floats, RGB 0…255, as `alignedCrop`
   * makes them). The crops are the caller's to wipe; the model's output buffers are wiped here
   * once read.
   */
  async describe(crops: Float32Array): Promise<FaceDescription[]> {
    const n = crops.length / FACE_LENGTH;
    if (!Number.isInteger(n))
      throw new VarvError('E_VISION', `${crops.length} floats are not whole 224 × 224 RGB crops`);
    if (n === 0) return [];
    const result = await this.session.run({
      face: new ort.Tensor('float32', crops, [n, FACE_SIZE, FACE_SIZE, 3]),
    });
    const embeddings = outputData(result, 'embedding');
    const gender = outputData(result, 'gender');
    const age = outputData(result, 'age');
    const dim = embeddings.length / n;
    const out: FaceDescription[] = [];
    for (let i = 0; i < n; i++) {
      const g = genderOf(gender[i] as number, this.genderFloor);
      const a = ageBandOf(age.subarray(100 * i, 100 * i + 100), this.ageFloor);
      out.push({
        embedding: l2normalize(embeddings.slice(dim * i, dim * i + dim)),
        gender: g.gender,
        genderConfidence: g.confidence,
        age: a.age,
        ageConfidence: a.confidence,
        ageYears: a.years,
      });
    }
    for (const t of [embeddings, gender, age]) wipe(t);
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
