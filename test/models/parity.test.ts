import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp, { type Region } from 'sharp';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../engine/privacy/random.ts';
import { readTfGraphModel } from '../../models/convert/tfGraph.ts';
import { ensureModels, MODEL_SPECS, sourcePackage } from '../../models/index.ts';
import { type Feeds, maxAbsDiff, runOnnx, runTfjs } from './tfjsReference.ts';

// The converted models against the original graph models in TensorFlow.js, on random inputs and
// on real photographs (the sample images of @vladmandic/face-api, MIT).

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');

/** An image resized to size × size (squashed), as RGB floats mapped by `f`, NHWC. */
async function image(file: string, size: number, f: (v: number) => number, crop?: Region) {
  let img = sharp(join(demo, file));
  if (crop) img = img.extract(crop);
  const raw = await img.resize(size, size, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return Float32Array.from(raw, f);
}

function random(n: number, lo: number, hi: number, seed: number) {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rng());
}

async function compare(name: string, feeds: Feeds) {
  const spec = MODEL_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`no spec ${name}`);
  const source = readTfGraphModel(join(sourcePackage(spec.source.package).dir, spec.source.file));
  const weightData = new Uint8Array(Buffer.concat(source.files.slice(1).map((f) => readFileSync(f))));
  const tfOutputs = Object.keys(spec.outputs);
  const onnxOutputs = Object.values(spec.outputs).map((o) => o.name);
  const tfFeeds = Object.fromEntries(
    Object.entries(spec.inputs).map(([tfName, i]) => [tfName, feeds[i.name] as Feeds[string]]),
  );
  const expected = await runTfjs(source.json, weightData, tfFeeds, tfOutputs);
  const actual = await runOnnx(ensureModels()[name] as string, feeds, onnxOutputs);
  return Object.fromEntries(
    onnxOutputs.map((o, i) => [o, maxAbsDiff(expected[i] as Float32Array, actual[i] as Float32Array)]),
  );
}

describe('converted models match TensorFlow.js (max |difference| ≤ 1e-3 on every output)', () => {
  it('blazeface on random input and on two photographs', async () => {
    const toUnit = (v: number) => v / 127.5 - 1;
    const inputs = [
      random(256 * 256 * 3, -1, 1, 1),
      await image('sample1.jpg', 256, toUnit),
      await image('sample5.jpg', 256, toUnit),
    ];
    for (const data of inputs) {
      const diffs = await compare('blazeface', { image: { data, shape: [1, 256, 256, 3] } });
      console.info('parity blazeface', JSON.stringify(diffs));
      for (const d of Object.values(diffs)) expect(d).toBeLessThanOrEqual(1e-3);
    }
  });

  it('faceres on a batch of a random input and two face crops', async () => {
    const n = 224 * 224 * 3;
    const batch = new Float32Array(3 * n);
    batch.set(random(n, 0, 255, 2), 0);
    batch.set(await image('sample2.jpg', 224, (v) => v, { left: 860, top: 290, width: 240, height: 240 }), n);
    batch.set(
      await image('sample6.jpg', 224, (v) => v, { left: 610, top: 350, width: 260, height: 260 }),
      2 * n,
    );
    const diffs = await compare('faceres', { face: { data: batch, shape: [3, 224, 224, 3] } });
    console.info('parity faceres', JSON.stringify(diffs));
    for (const d of Object.values(diffs)) expect(d).toBeLessThanOrEqual(1e-3);
  });
});
