import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LifetimeHistogram, wipe } from '../../engine/privacy/index.ts';
import { decodeImage, Vision } from '../../engine/vision/index.ts';
import { openHumanWasm } from './humanPeer.ts';
import { type BenchLine, median } from './measure.ts';

// The live vision pipeline on the sample photographs of @vladmandic/face-api (6 photographs,
// 22 faces), one frame at a time, as the live engine runs it: a detection frame decoded small
// (256 px, shrink on load) and searched (BlazeFace), the full frame decoded (1280) only to cut a
// patch around each face and wiped, then each face on its own: patch → crop (wiped) → FaceRes
// (embedding, gender, age band) → crop wiped. Against @vladmandic/human doing the same with the
// same models on tfjs-backend-wasm, from decoded frames. Both single-threaded.
// Also how long pixels live, per buffer, against the single-stage pipeline this replaced (one
// decode at 1280, detection on it, all crops cut, frame wiped, crops described in one batch).

const RUNS = 5;
/** Passes over the photographs per run. */
const PASSES = 2;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const clock = { now: () => Date.now(), monotonic: now };

/** The q-quantile of samples (nearest rank). */
function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

const round = (x: number) => Number(x.toPrecision(3));

export async function visionBench(): Promise<BenchLine[]> {
  const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
  const images = [1, 2, 3, 4, 5, 6].map((i) => readFileSync(join(demo, `sample${i}.jpg`)));
  const vision = await Vision.open();
  const human = await openHumanWasm();

  // Lifetimes (ms): the live path's buffers, and the single-stage pipeline's.
  const live = { detection: [] as number[], frame: [] as number[], crop: [] as number[] };
  const single = { frame: [] as number[], crop: [] as number[] };
  /** A histogram that keeps every sample too (for exact quantiles). */
  const keeping = (into: number[]) => {
    const h = new LifetimeHistogram();
    const record = h.record.bind(h);
    h.record = (ms: number) => {
      into.push(ms);
      record(ms);
    };
    return { clock, histogram: h };
  };
  const detectionMeter = keeping(live.detection);
  const frameMeter = keeping(live.frame);

  /** Ours, the live path: one pass over the photographs; faces described. */
  const ours = async (record: boolean) => {
    let faces = 0;
    for (const bytes of images) {
      const found = await vision.findFaces(bytes, {}, record ? detectionMeter : undefined);
      const patches = await vision.cutFaces(
        bytes,
        found,
        found.detections,
        {},
        record ? frameMeter : { clock, histogram: new LifetimeHistogram() },
      );
      for (const patch of patches) {
        await vision.describePatch(patch);
        if (record) live.crop.push(now() - patch.born);
        faces++;
      }
    }
    return faces;
  };
  /** The single-stage pipeline this replaced, for its lifetimes. */
  const singleStage = async () => {
    for (const bytes of images) {
      const frame = await decodeImage(bytes);
      const decoded = now();
      const detections = await vision.detector.detect(frame);
      const cutFrom = now();
      const crops = vision.crops(frame, detections);
      wipe(frame.data);
      single.frame.push(now() - decoded);
      await vision.describer.describe(crops);
      wipe(crops);
      // Cut one after another, described in one batch, wiped together: from the first cut, per face.
      for (let i = 0; i < detections.length; i++) single.crop.push(now() - cutFrom);
    }
  };
  const peer = async () => {
    let faces = 0;
    for (const bytes of images) {
      const frame = await decodeImage(bytes);
      faces += await human.faces(frame);
      wipe(frame.data);
    }
    return faces;
  };

  // Warm-up (first runs of each session compile and allocate), then interleaved runs.
  const warm = [await ours(false), await peer()];
  await singleStage();
  single.frame.length = 0;
  single.crop.length = 0;
  const a: number[] = [];
  const b: number[] = [];
  let facesOurs = 0;
  let facesPeer = 0;
  for (let r = 0; r < RUNS; r++) {
    let t = now();
    let n = 0;
    for (let p = 0; p < PASSES; p++) n += await ours(true);
    a.push((n * 1000) / (now() - t));
    facesOurs = n / PASSES;
    t = now();
    n = 0;
    for (let p = 0; p < PASSES; p++) n += await peer();
    b.push((n * 1000) / (now() - t));
    facesPeer = n / PASSES;
    await singleStage();
  }
  await vision.release();
  const value = median(a);
  const peerValue = median(b);
  const where = `${images.length} photographs of @vladmandic/face-api's demo folder (1920 px), ${RUNS} runs × ${PASSES} passes; every face of every photograph is cut and described (in the engine only faces of new tracks are, and frames without one are never decoded at full size)`;
  const before = 'single-stage pipeline (before)';
  /** A lifetime figure (lower is better): ratio = before / now. */
  const lifetime = (
    figure: string,
    xs: number[],
    q: number,
    peerXs: number[] | null,
    note: string,
  ): BenchLine => {
    const v = quantile(xs, q);
    const p = peerXs ? quantile(peerXs, q) : null;
    return {
      bench: 'vision',
      figure,
      value: round(v),
      peer: peerXs ? before : null,
      peerValue: p === null ? null : round(p),
      ratio: p === null ? null : round(p / v),
      runs: RUNS,
      note: `${note}; ${where}`,
    };
  };
  const frameNote = `the full-size decoded frame (1280 px) from decodeImage returning to its wipe after the patches around the faces are copied out (${live.frame.length} frames); before: from decoded to wiped after detection (sharp letterbox + BlazeFace) and cutting every crop; ratio = before / now; goal p99 ≤ 2 ms. Not counted: the decodes themselves, during which libvips holds pixels in buffers it frees without zeroing`;
  const detectionNote = `the detection frame (≤ 256 px, decoded with shrink-on-load, and the detector's 256 × 256 input made of it) from decoded to wiped when BlazeFace is done (${live.detection.length} frames); the single-stage pipeline has no such buffer (its full frame lived through detection, see frame_pixels_lifetime)`;
  const cropNote = `each face's pixels: its patch from being cut to the wipe of its crop after its own FaceRes run (${live.crop.length} faces; a frame's later faces wait for the earlier ones); before: from the first crop being cut to the wipe of the batch after one FaceRes run per frame (3–5 faces); ratio = before / now; goal ≤ 10 ms`;
  return [
    {
      bench: 'vision',
      figure: 'faces_per_s',
      value: round(value),
      peer: human.name,
      peerValue: round(peerValue),
      ratio: round(value / peerValue),
      runs: RUNS,
      note: `live path: detection-frame decode + detect + full decode + patches + per face crop and describe (embedding, gender, age), one thread each (onnxruntime-node intra-op 1); Human: decoded frame (1280) + detect + describe; faces per pass: ours ${facesOurs}, Human ${facesPeer} (warm-up: ${warm.join(', ')}); ${where}; goal ratio ≥ 3`,
    },
    lifetime('frame_pixels_lifetime_p50_ms', live.frame, 0.5, single.frame, frameNote),
    lifetime('frame_pixels_lifetime_p99_ms', live.frame, 0.99, single.frame, frameNote),
    lifetime('detection_frame_lifetime_p50_ms', live.detection, 0.5, null, detectionNote),
    lifetime('detection_frame_lifetime_p99_ms', live.detection, 0.99, null, detectionNote),
    lifetime('crop_lifetime_p50_ms', live.crop, 0.5, single.crop, cropNote),
    lifetime('crop_lifetime_p99_ms', live.crop, 0.99, single.crop, cropNote),
  ];
}
