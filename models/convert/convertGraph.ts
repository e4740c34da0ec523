import { VarvError } from '../../engine/errors.ts';
import { Conversion, type Value } from './conversion.ts';
import type { Dim, ModelMeta } from './onnxGraph.ts';
import { convertConv } from './ops/conv.ts';
import { convertBinary, convertUnary, isBinary } from './ops/elementwise.ts';
import { convertPool } from './ops/pool.ts';
import { convertMatMul, convertMean, convertPad, convertReshape, convertSoftmax } from './ops/tensor.ts';
import { attr, inputNode, type TfGraphModel, type TfNode } from './tfGraph.ts';

/** What to convert: TF placeholder → ONNX input name, TF node → ONNX output name. */
export type GraphSpec = {
  name: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  meta: ModelMeta;
};

export type TensorSignature = { name: string; shape: Dim[] };

export type ConvertedGraph = {
  bytes: Uint8Array;
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  /** How many nodes of each TF op were converted. */
  ops: Record<string, number>;
};

type Handler = (c: Conversion, node: TfNode) => Value;

const HANDLERS: Record<string, Handler> = {
  Conv2D: convertConv,
  _FusedConv2D: convertConv,
  DepthwiseConv2dNative: convertConv,
  FusedDepthwiseConv2dNative: convertConv,
  MaxPool: convertPool,
  AvgPool: convertPool,
  Relu: convertUnary,
  Relu6: convertUnary,
  Sigmoid: convertUnary,
  Tanh: convertUnary,
  Elu: convertUnary,
  LeakyRelu: convertUnary,
  Reshape: convertReshape,
  Pad: convertPad,
  PadV2: convertPad,
  Mean: convertMean,
  MatMul: convertMatMul,
  _FusedMatMul: convertMatMul,
  Softmax: convertSoftmax,
};

/** The TF ops this converter understands (besides Placeholder, Const and Identity). */
export const SUPPORTED_OPS = [
  ...Object.keys(HANDLERS),
  'Add',
  'AddV2',
  'BiasAdd',
  'Sub',
  'Mul',
  'RealDiv',
  'Minimum',
  'Maximum',
];

const dims = (shape: number[]): Dim[] => shape.map((d) => (d < 0 ? 'batch' : d));

/** The nodes the outputs depend on, each after its inputs. */
function topologicalOrder(nodes: Map<string, TfNode>, outputs: string[]): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string) => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'open') throw new VarvError('E_MODEL_SOURCE', `the graph has a cycle through "${name}"`);
    const node = nodes.get(name);
    if (!node) throw new VarvError('E_MODEL_SOURCE', `the graph has no node "${name}"`);
    state.set(name, 'open');
    for (const ref of node.input ?? []) {
      const dep = inputNode(ref);
      if (dep !== undefined) visit(dep);
    }
    state.set(name, 'done');
    order.push(node);
  };
  for (const o of outputs) visit(o);
  return order;
}

/**
 * Converts a TF.js graph model to an ONNX model (opset `spec.meta.opset`, float32). The graph's
 * inputs and outputs keep TensorFlow's NHWC layout; inside, convolutions run NCHW.
 */
export function convertGraph(model: TfGraphModel, spec: GraphSpec): ConvertedGraph {
  const nodes = new Map(model.json.modelTopology.node.map((n) => [n.name, n]));
  const constants = new Map([...model.weights].filter(([name]) => nodes.get(name)?.op === 'Const'));
  const c = new Conversion(constants);
  for (const name of [...Object.values(spec.inputs), ...Object.values(spec.outputs)]) c.g.reserve(name);
  const ops: Record<string, number> = {};
  const inputs: TensorSignature[] = [];
  for (const node of topologicalOrder(nodes, Object.keys(spec.outputs))) {
    ops[node.op] = (ops[node.op] ?? 0) + 1;
    if (node.op === 'Const') {
      if (!constants.has(node.name))
        throw new VarvError('E_MODEL_SOURCE', `constant "${node.name}" has no entry in the weights manifest`);
    } else if (node.op === 'Placeholder') {
      const name = spec.inputs[node.name];
      const shape = attr.shape(node, 'shape');
      if (!name || !shape)
        throw new VarvError('E_MODEL_SOURCE', `placeholder "${node.name}" is not mapped or has no shape`);
      inputs.push({ name, shape: dims(shape) });
      c.set(node.name, { onnx: name, shape, nchw: false });
    } else if (node.op === 'Identity' || node.op === 'StopGradient') {
      const k = c.constant(node, 0);
      if (k) c.setConstant(node.name, k);
      else c.set(node.name, c.value(node, 0));
    } else if (isBinary(node.op)) {
      c.set(node.name, convertBinary(c, node));
    } else {
      const handler = HANDLERS[node.op];
      if (!handler)
        throw new VarvError('E_MODEL_OP', `TF op ${node.op} (node "${node.name}") is not supported`);
      c.set(node.name, handler(c, node));
    }
  }
  const outputs = Object.entries(spec.outputs).map(([tfName, name]) => {
    const v = c.get(tfName);
    if (!v) throw new VarvError('E_MODEL_SOURCE', `output "${tfName}" is a constant or was not computed`);
    c.g.nodeTo('Identity', [c.asTf(v)], name);
    return { name, shape: dims(v.shape) };
  });
  return { bytes: c.g.encode(spec.name, inputs, outputs, spec.meta), inputs, outputs, ops };
}
