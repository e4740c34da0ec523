import { VarvError } from '../../../engine/errors.ts';
import type { Conversion, Value } from '../conversion.ts';
import { floatAttr } from '../onnxGraph.ts';
import { attr, type TfNode } from '../tfGraph.ts';

/**
 * Applies an activation by its TensorFlow name to `v` (a standalone op, or one fused into a
 * convolution or matmul). `alpha` is the node input holding PReLU slopes, when there is one.
 */
export function activate(c: Conversion, kind: string, v: Value, node: TfNode, alpha?: number): Value {
  const base = node.name;
  const same = (onnx: string): Value => ({ ...v, onnx });
  switch (kind) {
    case 'Relu':
      return same(c.g.node('Relu', [v.onnx], base));
    case 'Relu6':
      return same(
        c.g.node(
          'Clip',
          [v.onnx, c.g.float(`${base}/min`, [], [0]), c.g.float(`${base}/max`, [], [6])],
          base,
        ),
      );
    case 'Sigmoid':
      return same(c.g.node('Sigmoid', [v.onnx], base));
    case 'Tanh':
      return same(c.g.node('Tanh', [v.onnx], base));
    case 'Elu':
      return same(c.g.node('Elu', [v.onnx], base, { alpha: floatAttr(1) }));
    case 'LeakyRelu':
      return same(
        c.g.node('LeakyRelu', [v.onnx], base, {
          alpha: floatAttr(attr.float(node, 'leakyrelu_alpha', attr.float(node, 'alpha', 0.2))),
        }),
      );
    case 'Prelu': {
      if (alpha === undefined)
        throw new VarvError('E_MODEL_OP', `${node.op} node "${base}": PReLU without slopes`);
      const slopes = c.constantFor(v, c.requireConstant(node, alpha), `${base}/alpha`);
      return same(c.g.node('PRelu', [v.onnx, slopes], base));
    }
    default:
      throw new VarvError('E_MODEL_OP', `${node.op} node "${base}": activation ${kind} is not supported`);
  }
}
