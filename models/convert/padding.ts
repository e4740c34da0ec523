import { VarvError } from '../../engine/errors.ts';

/** One spatial axis of a convolution or pooling window. */
export type Window = { size: number; kernel: number; stride: number; dilation: number };

/**
 * Output size and padding before/after of one spatial axis, the way TensorFlow computes them:
 * VALID pads nothing; SAME gives ceil(size / stride) outputs and puts the odd pixel of padding
 * after (bottom, right), which ONNX writes as explicit, possibly asymmetric `pads`.
 */
export function tfPadding(padding: string, w: Window): { out: number; before: number; after: number } {
  const span = (w.kernel - 1) * w.dilation + 1;
  if (padding === 'VALID') {
    const out = Math.floor((w.size - span) / w.stride) + 1;
    if (out < 1)
      throw new VarvError('E_MODEL_SHAPE', `a window of ${span} does not fit an input of ${w.size}`);
    return { out, before: 0, after: 0 };
  }
  if (padding === 'SAME') {
    const out = Math.ceil(w.size / w.stride);
    const total = Math.max((out - 1) * w.stride + span - w.size, 0);
    const before = Math.floor(total / 2);
    return { out, before, after: total - before };
  }
  throw new VarvError('E_MODEL_OP', `padding "${padding}" is not supported (SAME, VALID or EXPLICIT)`);
}

/** Output size of one axis with explicit padding. */
export function explicitOut(w: Window, before: number, after: number): number {
  return Math.floor((w.size + before + after - ((w.kernel - 1) * w.dilation + 1)) / w.stride) + 1;
}
