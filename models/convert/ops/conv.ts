import { VarvError } from '../../../engine/errors.ts';
import type { Conversion, Value } from '../conversion.ts';
import { explicitOut, tfPadding, type Window } from '../padding.ts';
import { attr, type TfNode } from '../tfGraph.ts';
import { transposeHost } from '../transposeHost.ts';
import { activate } from './activation.ts';

/** Strides, dilations and padding of a 2-D window op in NHWC, per spatial axis. */
export function windowOf(node: TfNode, input: readonly number[], kernel: [number, number]) {
  const format = attr.string(node, 'data_format', 'NHWC');
  if (format !== 'NHWC')
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}": data_format ${format}`);
  const strides = attr.ints(node, 'strides', [1, 1, 1, 1]);
  const dilations = attr.ints(node, 'dilations', [1, 1, 1, 1]);
  if (strides[0] !== 1 || strides[3] !== 1 || dilations[0] !== 1 || dilations[3] !== 1)
    throw new VarvError(
      'E_MODEL_OP',
      `${node.op} node "${node.name}": strides or dilations across batch or channels`,
    );
  const padding = attr.string(node, 'padding');
  const explicit = padding === 'EXPLICIT' ? attr.ints(node, 'explicit_paddings') : undefined;
  const axes = [0, 1].map((k) => {
    const w: Window = {
      size: input[1 + k] as number,
      kernel: kernel[k] as number,
      stride: strides[1 + k] as number,
      dilation: dilations[1 + k] as number,
    };
    if (explicit) {
      const before = explicit[2 + 2 * k] as number;
      const after = explicit[3 + 2 * k] as number;
      return { ...w, out: explicitOut(w, before, after), before, after };
    }
    return { ...w, ...tfPadding(padding, w) };
  }) as [
    Window & { out: number; before: number; after: number },
    Window & { out: number; before: number; after: number },
  ];
  const [h, w] = axes;
  return {
    out: [h.out, w.out],
    attrs: {
      strides: [h.stride, w.stride],
      dilations: [h.dilation, w.dilation],
      pads: [h.before, w.before, h.after, w.after],
    },
  };
}

/**
 * Conv2D, DepthwiseConv2dNative and their fused forms (_FusedConv2D, FusedDepthwiseConv2dNative
 * with BiasAdd and an activation) → ONNX Conv on NCHW. Filters go from TF's HWIO to OIHW; a
 * depthwise filter HW·C·M becomes (C·M)·1·H·W with group = C.
 */
export function convertConv(c: Conversion, node: TfNode): Value {
  const x = c.value(node, 0);
  const filter = c.requireConstant(node, 1);
  if (filter.dtype !== 'float32' || filter.shape.length !== 4)
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}": filter must be a 4-D float constant`);
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const channels = x.shape[3] as number;
  const depthwise = node.op === 'DepthwiseConv2dNative' || node.op === 'FusedDepthwiseConv2dNative';
  let weights: { data: Float32Array; shape: number[] };
  let group: number;
  let outChannels: number;
  if (depthwise) {
    // [kh, kw, C, M] read as [kh, kw, C·M], moved to [C·M, kh, kw]: output channel c·M + m, as in TF.
    const moved = transposeHost(filter.data, [kh, kw, ci * co], [2, 0, 1]);
    weights = { data: moved.data, shape: [ci * co, 1, kh, kw] };
    group = ci;
    outChannels = ci * co;
  } else {
    weights = transposeHost(filter.data, [kh, kw, ci, co], [3, 2, 0, 1]);
    group = channels / ci;
    outChannels = co;
  }
  if (channels !== -1 && (depthwise ? channels !== ci : !Number.isInteger(group)))
    throw new VarvError(
      'E_MODEL_SHAPE',
      `${node.op} node "${node.name}": ${channels} channels in, filter wants ${ci}`,
    );
  const win = windowOf(node, x.shape, [kh, kw]);
  const inputs = [c.asNchw(x), c.g.float(`${node.name}/weights`, weights.shape, weights.data)];
  const fused = attr.strings(node, 'fused_ops');
  let activation = fused;
  if (fused[0] === 'BiasAdd') {
    const bias = c.requireConstant(node, 2);
    if (bias.dtype !== 'float32' || bias.data.length !== outChannels)
      throw new VarvError(
        'E_MODEL_OP',
        `${node.op} node "${node.name}": bias of ${bias.data.length}, not ${outChannels}`,
      );
    inputs.push(c.g.float(`${node.name}/bias`, [outChannels], bias.data));
    activation = fused.slice(1);
  } else if (fused.length > 0) {
    throw new VarvError(
      'E_MODEL_OP',
      `${node.op} node "${node.name}": fused ops ${fused.join('+')} are not supported`,
    );
  }
  if (activation.length > 1)
    throw new VarvError(
      'E_MODEL_OP',
      `${node.op} node "${node.name}": fused ops ${fused.join('+')} are not supported`,
    );
  const conv: Value = {
    onnx: c.g.node('Conv', inputs, activation.length ? `${node.name}/conv` : node.name, {
      kernel_shape: [kh, kw],
      group,
      ...win.attrs,
    }),
    shape: [x.shape[0] as number, win.out[0] as number, win.out[1] as number, outChannels],
    nchw: true,
  };
  return activation[0] === undefined ? conv : activate(c, activation[0], conv, node, 3);
}
