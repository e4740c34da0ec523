import { VarvError } from '../../../engine/errors.ts';
import type { Conversion, Value } from '../conversion.ts';
import { attr, type TfNode } from '../tfGraph.ts';
import { windowOf } from './conv.ts';

/**
 * MaxPool and AvgPool → ONNX MaxPool / AveragePool on NCHW. TF's SAME pooling ignores the
 * padded cells (max over real cells; mean over real cells), as ONNX does with explicit pads and
 * count_include_pad = 0.
 */
export function convertPool(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  const ksize = attr.ints(node, 'ksize');
  if (ksize[0] !== 1 || ksize[3] !== 1)
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}": pooling across batch or channels`);
  const kernel: [number, number] = [ksize[1] as number, ksize[2] as number];
  const win = windowOf(node, x.shape, kernel);
  const { dilations: _, ...attrs } = win.attrs;
  const op = node.op === 'MaxPool' ? 'MaxPool' : 'AveragePool';
  return {
    onnx: c.g.node(op, [c.asNchw(x)], node.name, { kernel_shape: kernel, ...attrs }),
    shape: [x.shape[0] as number, win.out[0] as number, win.out[1] as number, x.shape[3] as number],
    nchw: true,
  };
}
