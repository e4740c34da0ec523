import { VarvError } from '../../../engine/errors.ts';
import { type Conversion, NCHW_POSITION, type Value } from '../conversion.ts';
import { attr, type TfNode } from '../tfGraph.ts';
import { sizeOf } from '../weights.ts';
import { activate } from './activation.ts';

const ints = (c: Conversion, node: TfNode, i: number): number[] => {
  const t = c.requireConstant(node, i);
  if (t.dtype !== 'int32')
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}": input ${i} is not int32`);
  return Array.from(t.data);
};

/** Reshape (on the TF layout, since reshaping depends on the order of elements). */
export function convertReshape(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  const target = ints(c, node, 1);
  if (target.includes(0))
    throw new VarvError('E_MODEL_OP', `Reshape node "${node.name}": zero-sized dimension`);
  const known = x.shape.includes(-1) ? undefined : sizeOf(x.shape);
  const free = target.indexOf(-1);
  const shape = [...target];
  if (free >= 0 && known !== undefined) shape[free] = known / -sizeOf(target);
  if (known !== undefined && !shape.includes(-1) && sizeOf(shape) !== known)
    throw new VarvError(
      'E_MODEL_SHAPE',
      `Reshape node "${node.name}": [${x.shape}] cannot become [${target}]`,
    );
  const to = c.g.int64(`${node.name}/shape`, [target.length], target);
  return { onnx: c.g.node('Reshape', [c.asTf(x), to], node.name), shape, nchw: false };
}

/** Pad and PadV2 (constant padding), with the paddings moved to NCHW when the input is. */
export function convertPad(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  const pads = ints(c, node, 1);
  const rank = x.shape.length;
  if (pads.length !== 2 * rank)
    throw new VarvError('E_MODEL_OP', `Pad node "${node.name}": ${pads.length} paddings`);
  const before = Array.from({ length: rank }, (_, k) => pads[2 * k] as number);
  const after = Array.from({ length: rank }, (_, k) => pads[2 * k + 1] as number);
  const shape = x.shape.map((d, k) => (d === -1 ? -1 : d + (before[k] as number) + (after[k] as number)));
  const order = x.nchw ? [0, 3, 1, 2] : before.map((_, k) => k);
  const onnxPads = [...order.map((k) => before[k] as number), ...order.map((k) => after[k] as number)];
  const inputs = [x.onnx, c.g.int64(`${node.name}/pads`, [onnxPads.length], onnxPads)];
  if (node.op === 'PadV2') {
    const value = c.requireConstant(node, 2);
    inputs.push(c.g.float(`${node.name}/value`, [], [value.data[0] as number]));
  }
  return { onnx: c.g.node('Pad', inputs, node.name, { mode: 'constant' }), shape, nchw: x.nchw };
}

/** Mean over constant axes → ReduceMean; on an NCHW input the axes are mapped when that keeps the order. */
export function convertMean(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  const rank = x.shape.length;
  const axes = [...new Set(ints(c, node, 1).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  const keep = attr.bool(node, 'keep_dims');
  const shape = keep
    ? x.shape.map((d, k) => (axes.includes(k) ? 1 : d))
    : x.shape.filter((_, k) => !axes.includes(k));
  // Without keep_dims the result is in TF order only if the kept axes come out of NCHW in TF order.
  const kept = [0, 1, 2, 3].filter((k) => !axes.includes(k));
  const inOrder = kept.every(
    (k, j) => j === 0 || (NCHW_POSITION[k] as number) > (NCHW_POSITION[kept[j - 1] as number] as number),
  );
  const mapped = x.nchw && (keep || inOrder);
  const onnxAxes = mapped ? axes.map((a) => NCHW_POSITION[a] as number) : axes;
  const input = mapped ? x.onnx : c.asTf(x);
  return {
    onnx: c.g.node('ReduceMean', [input], node.name, { axes: onnxAxes, keepdims: keep ? 1 : 0 }),
    shape,
    nchw: mapped && keep,
  };
}

/** MatMul and _FusedMatMul (BiasAdd and an activation) → Gemm on 2-D operands. */
export function convertMatMul(c: Conversion, node: TfNode): Value {
  const a = c.value(node, 0);
  if (a.shape.length !== 2)
    throw new VarvError('E_MODEL_SHAPE', `${node.op} node "${node.name}": rank ${a.shape.length}`);
  const transA = attr.bool(node, 'transpose_a');
  const transB = attr.bool(node, 'transpose_b');
  const bConst = c.constant(node, 1);
  const b = bConst
    ? c.g.float(`${node.name}/weights`, bConst.shape, bConst.data as Float32Array)
    : c.asTf(c.value(node, 1));
  const bShape = bConst ? bConst.shape : c.value(node, 1).shape;
  const n = (transB ? bShape[0] : bShape[1]) as number;
  const inputs = [a.onnx, b];
  const fused = attr.strings(node, 'fused_ops');
  if (fused[0] === 'BiasAdd') {
    const bias = c.requireConstant(node, 2);
    inputs.push(c.g.float(`${node.name}/bias`, [n], bias.data as Float32Array));
  } else if (fused.length > 0) {
    throw new VarvError(
      'E_MODEL_OP',
      `${node.op} node "${node.name}": fused ops ${fused.join('+')} are not supported`,
    );
  }
  const activation = fused.slice(1);
  if (activation.length > 1)
    throw new VarvError(
      'E_MODEL_OP',
      `${node.op} node "${node.name}": fused ops ${fused.join('+')} are not supported`,
    );
  const out: Value = {
    onnx: c.g.node('Gemm', inputs, activation.length ? `${node.name}/gemm` : node.name, {
      transA: transA ? 1 : 0,
      transB: transB ? 1 : 0,
    }),
    shape: [(transA ? a.shape[1] : a.shape[0]) as number, n],
    nchw: false,
  };
  return activation[0] === undefined ? out : activate(c, activation[0], out, node, 3);
}

/** Softmax over the last axis (of the TF layout). */
export function convertSoftmax(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  return { onnx: c.g.node('Softmax', [c.asTf(x)], node.name, { axis: -1 }), shape: x.shape, nchw: false };
}
