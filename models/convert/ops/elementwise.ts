import { VarvError } from '../../../engine/errors.ts';
import { broadcast, type Conversion, type Value } from '../conversion.ts';
import type { TfNode } from '../tfGraph.ts';
import { activate } from './activation.ts';

const BINARY: Record<string, string> = {
  Add: 'Add',
  AddV2: 'Add',
  BiasAdd: 'Add',
  Sub: 'Sub',
  Mul: 'Mul',
  RealDiv: 'Div',
  Minimum: 'Min',
  Maximum: 'Max',
};

export const isBinary = (op: string) => op in BINARY;

/**
 * Element-wise binary ops with TF broadcasting. A constant operand is laid out to match the
 * other operand's layout; two computed operands of rank 4 meet in NCHW when either is NCHW.
 */
export function convertBinary(c: Conversion, node: TfNode): Value {
  const op = BINARY[node.op];
  if (!op) throw new VarvError('E_MODEL_OP', `${node.op} is not an element-wise op`);
  const consts = [c.constant(node, 0), c.constant(node, 1)];
  if (consts[0] && consts[1])
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}" has only constants`);
  const k = consts[0] ? 0 : consts[1] ? 1 : -1;
  if (k >= 0) {
    const v = c.value(node, 1 - k);
    const t = consts[k] as NonNullable<(typeof consts)[number]>;
    const cst = c.constantFor(v, t, `${node.name}/${k === 0 ? 'a' : 'b'}`);
    const inputs = k === 0 ? [cst, v.onnx] : [v.onnx, cst];
    return { onnx: c.g.node(op, inputs, node.name), shape: broadcast(v.shape, t.shape), nchw: v.nchw };
  }
  const a = c.value(node, 0);
  const b = c.value(node, 1);
  const shape = broadcast(a.shape, b.shape);
  const nchw = a.shape.length === 4 && b.shape.length === 4 && (a.nchw || b.nchw);
  const inputs = nchw ? [c.asNchw(a), c.asNchw(b)] : [c.asTf(a), c.asTf(b)];
  return { onnx: c.g.node(op, inputs, node.name), shape, nchw };
}

/** Element-wise unary ops: the layout passes through. */
export function convertUnary(c: Conversion, node: TfNode): Value {
  return activate(c, node.op, c.value(node, 0), node);
}
