import { VarvError } from '../errors.ts';
import { type EmbeddingPair, type Rng, seededRng, wipe } from '../privacy/index.ts';
import { augmentedCrop, drawAugmentation } from './augment.ts';
import { decodeImage } from './decodeImage.ts';
import { FACE_SIZE } from './faceDescriber.ts';
import { faceRegion } from './faceRegion.ts';
import type { Vision } from './vision.ts';

/** One embedding of one augmentation of a face: `face` numbers the faces found, image by image. */
export type FaceSample = { face: number; image: number; embedding: Float32Array };

export type FaceSamplesOptions = {
  /** Augmentations embedded per face (each a fresh draw). Default 8. */
  perFace?: number;
  seed?: number | string;
  /** Crop side as a multiple of the detected box (as Vision's default). Default 1.2. */
  margin?: number;
};

/**
 * The real embedder's view of the faces in some photographs: each image is decoded, its faces
 * detected, and each face cut `perFace` times under a random augmentation (drawAugmentation) and
 * embedded. Reproducible from the seed: the augmentations are drawn face by face in image order.
 */
export async function faceSamples(
  vision: Vision,
  images: readonly Uint8Array[],
  options: FaceSamplesOptions = {},
): Promise<{ faces: number; samples: FaceSample[] }> {
  const perFace = options.perFace ?? 8;
  const margin = options.margin ?? 1.2;
  if (!Number.isInteger(perFace) || perFace < 2)
    throw new VarvError('E_USAGE', `augmentations per face must be a whole number ≥ 2, got ${perFace}`);
  const rng = seededRng(`face-samples|${options.seed ?? 1}`);
  const samples: FaceSample[] = [];
  let faces = 0;
  const length = FACE_SIZE * FACE_SIZE * 3;
  for (const [image, bytes] of images.entries()) {
    const frame = await decodeImage(bytes);
    try {
      for (const d of await vision.detector.detect(frame)) {
        const region = faceRegion(d, margin);
        const batch = new Float32Array(perFace * length);
        for (let k = 0; k < perFace; k++) {
          const crop = await augmentedCrop(frame, region, drawAugmentation(rng));
          batch.set(crop, k * length);
          wipe(crop);
        }
        try {
          for (const x of await vision.describer.describe(batch))
            samples.push({ face: faces, image, embedding: x.embedding });
        } finally {
          wipe(batch);
        }
        faces++;
      }
    } finally {
      wipe(frame.data);
    }
  }
  return { faces, samples };
}

export type SamplePairs = { genuine: EmbeddingPair[]; impostor: EmbeddingPair[] };

/**
 * Genuine pairs (two augmentations of one face: every such pair) and impostor pairs (two different
 * faces) among the samples of the faces that `keep` accepts. Impostor pairs are all cross-face
 * pairs, or a reproducible random `maxImpostor` of them (drawn with `rng`), in a random order.
 */
export function samplePairs(
  samples: readonly FaceSample[],
  options: { keep?: (face: number) => boolean; maxImpostor?: number; rng?: Rng } = {},
): SamplePairs {
  const kept = options.keep ? samples.filter((s) => options.keep?.(s.face)) : samples;
  const genuine: EmbeddingPair[] = [];
  const impostor: EmbeddingPair[] = [];
  for (let a = 0; a < kept.length; a++)
    for (let b = a + 1; b < kept.length; b++) {
      const [p, q] = [kept[a] as FaceSample, kept[b] as FaceSample];
      (p.face === q.face ? genuine : impostor).push([p.embedding, q.embedding]);
    }
  const rng = options.rng ?? seededRng('sample-pairs');
  // Fisher–Yates, then the first maxImpostor.
  for (let i = impostor.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [impostor[i], impostor[j]] = [impostor[j] as EmbeddingPair, impostor[i] as EmbeddingPair];
  }
  return { genuine, impostor: impostor.slice(0, options.maxImpostor ?? impostor.length) };
}
