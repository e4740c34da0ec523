import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertGraph } from '../../models/convert/convertGraph.ts';
import { thrown } from '../thrown.ts';
import { a, GraphFixture, window2d } from './graphFixture.ts';
import { type Feeds, maxAbsDiff, runOnnx, runTfjs } from './tfjsReference.ts';

const meta = { opset: 13, producerName: 'test', producerVersion: '0', docString: '', metadata: {} };

/** Converts the fixture, runs it in tfjs and onnxruntime on random inputs, returns the max |difference| per output. */
async function parity(
  fx: GraphFixture,
  inputs: Record<string, number[]>,
  outputs: string[],
): Promise<number[]> {
  const feeds: Feeds = Object.fromEntries(Object.entries(inputs).map(([k, shape]) => [k, fx.data(shape)]));
  const names = outputs.map((_, i) => `out${i}`);
  const converted = convertGraph(fx.model(), {
    name: 'fixture',
    inputs: Object.fromEntries(Object.keys(inputs).map((k) => [k, k])),
    outputs: Object.fromEntries(outputs.map((o, i) => [o, names[i] as string])),
    meta,
  });
  const expected = await runTfjs(fx.json(), fx.weightData(), feeds, outputs);
  const actual = await runOnnx(converted.bytes, feeds, names);
  return expected.map((e, i) => maxAbsDiff(e, actual[i] as Float32Array));
}

const close = (diffs: number[]) => expect(Math.max(...diffs)).toBeLessThan(1e-4);

describe('TF graph → ONNX, op by op, against TensorFlow.js', () => {
  it('Conv2D matches for any kernel, stride, dilation and SAME/VALID padding (asymmetric pads included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          size: fc.integer({ min: 5, max: 9 }),
          kernel: fc.integer({ min: 1, max: 3 }),
          stride: fc.integer({ min: 1, max: 2 }),
          dilation: fc.integer({ min: 1, max: 2 }),
          padding: fc.constantFrom('SAME', 'VALID'),
          cin: fc.integer({ min: 1, max: 3 }),
          cout: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer(),
        }),
        async (p) => {
          // TF rejects strides > 1 together with dilations > 1.
          const dilation = p.stride > 1 ? 1 : p.dilation;
          const fx = new GraphFixture(p.seed);
          fx.placeholder('x', [1, p.size, p.size + 1, p.cin]);
          fx.floats('w', [p.kernel, p.kernel, p.cin, p.cout]);
          fx.op(
            'y',
            'Conv2D',
            ['x', 'w'],
            window2d({ strides: p.stride, dilations: dilation, padding: p.padding }),
          );
          close(await parity(fx, { x: [1, p.size, p.size + 1, p.cin] }, ['y']));
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  });

  it('depthwise convolutions with a channel multiplier, strided SAME, plain and fused', async () => {
    const fx = new GraphFixture(2);
    fx.placeholder('x', [1, 9, 8, 3]);
    fx.floats('dw', [3, 3, 3, 2]);
    fx.op('d', 'DepthwiseConv2dNative', ['x', 'dw'], window2d({ strides: 2 }));
    fx.floats('dw2', [3, 3, 6, 1]);
    fx.floats('b2', [6]);
    fx.op('e', 'FusedDepthwiseConv2dNative', ['d', 'dw2', 'b2'], {
      ...window2d({ dilations: 2 }),
      fused_ops: a.strs(['BiasAdd', 'Relu']),
      num_args: a.i(1),
    });
    close(await parity(fx, { x: [1, 9, 8, 3] }, ['d', 'e']));
  });

  it('_FusedConv2D with BiasAdd and Relu, Relu6, PReLU or LeakyReLU, and EXPLICIT padding', async () => {
    const fx = new GraphFixture(3);
    fx.placeholder('x', [1, 7, 7, 2]);
    const fused = (name: string, input: string, ops: string[], extra: string[] = [], attrs = {}) => {
      fx.floats(`${name}/w`, [3, 3, 2, 2]);
      fx.floats(`${name}/b`, [2]);
      return fx.op(name, '_FusedConv2D', [input, `${name}/w`, `${name}/b`, ...extra], {
        ...window2d({}),
        fused_ops: a.strs(ops),
        num_args: a.i(1 + extra.length),
        ...attrs,
      });
    };
    fused('relu', 'x', ['BiasAdd', 'Relu']);
    fx.floats(
      'x3',
      [1, 7, 7, 2],
      Array.from({ length: 98 }, (_, i) => (i % 7) - 3),
    );
    fx.op('big', 'Mul', ['x', 'x3']);
    fused('relu6', 'big', ['BiasAdd', 'Relu6']);
    fx.floats('alpha', [2]);
    fused('prelu', 'x', ['BiasAdd', 'Prelu'], ['alpha']);
    fused('leaky', 'x', ['BiasAdd', 'LeakyRelu'], [], { leakyrelu_alpha: a.f(0.1) });
    fx.floats('we', [2, 2, 2, 3]);
    fx.op('explicit', 'Conv2D', ['x', 'we'], {
      ...window2d({ padding: 'EXPLICIT', explicit: [0, 0, 1, 2, 0, 1, 0, 0], strides: 2 }),
    });
    close(await parity(fx, { x: [1, 7, 7, 2] }, ['relu', 'relu6', 'prelu', 'leaky', 'explicit']));
  });

  it('MaxPool and AvgPool with SAME padding ignore the padded cells', async () => {
    const fx = new GraphFixture(4);
    fx.placeholder('x', [1, 7, 6, 2]);
    const pool = { ...window2d({ strides: 2 }), ksize: a.ints([1, 3, 3, 1]) };
    fx.op('max', 'MaxPool', ['x'], pool);
    fx.op('avg', 'AvgPool', ['x'], pool);
    fx.op('valid', 'AvgPool', ['x'], { ...pool, padding: a.s('VALID') });
    close(await parity(fx, { x: [1, 7, 6, 2] }, ['max', 'avg', 'valid']));
  });

  it('element-wise ops broadcast constants and mix NCHW and NHWC operands', async () => {
    const fx = new GraphFixture(5);
    fx.placeholder('x', [1, 5, 5, 3]);
    fx.floats('w', [1, 1, 3, 3]);
    fx.op('conv', 'Conv2D', ['x', 'w'], window2d({}));
    fx.floats('scale', [3]);
    fx.op('mul', 'Mul', ['conv', 'scale']);
    fx.floats('shift', [1, 1, 1, 3]);
    fx.op('sub', 'Sub', ['shift', 'mul']); // constant on the left
    fx.floats('six', [], [0.25]);
    fx.op('min', 'Minimum', ['sub', 'six']);
    fx.floats('zero', [], [-0.25]);
    fx.op('max', 'Maximum', ['min', 'zero']);
    fx.op('add', 'AddV2', ['max', 'x']); // NCHW + NHWC
    fx.floats('row', [5, 1, 1]);
    fx.op('addrow', 'Add', ['add', 'row']); // broadcast over height
    fx.op('sig', 'Sigmoid', ['addrow']);
    close(await parity(fx, { x: [1, 5, 5, 3] }, ['sig', 'add']));
  });

  it('Pad and PadV2 pad channels and space; Reshape and Mean see TF order', async () => {
    const fx = new GraphFixture(6);
    fx.placeholder('x', [1, 4, 6, 2]);
    fx.floats('w', [1, 1, 2, 2]);
    fx.op('conv', 'Conv2D', ['x', 'w'], window2d({}));
    fx.ints('pads', [4, 2], [0, 0, 1, 0, 0, 2, 0, 3]);
    fx.op('pad', 'Pad', ['conv', 'pads']);
    fx.floats('value', [], [0.5]);
    fx.op('padv2', 'PadV2', ['conv', 'pads', 'value']);
    fx.ints('shape', [3], [1, -1, 5]);
    fx.op('reshape', 'Reshape', ['pad', 'shape']);
    fx.ints('hw', [2], [1, 2]);
    fx.op('gap', 'Mean', ['padv2', 'hw'], { keep_dims: a.b(false) });
    fx.ints('c', [1], [-1]);
    fx.op('cmean', 'Mean', ['padv2', 'c'], { keep_dims: a.b(true) });
    fx.ints('h', [1], [1]);
    fx.op('hmean', 'Mean', ['padv2', 'h'], { keep_dims: a.b(false) });
    close(await parity(fx, { x: [1, 4, 6, 2] }, ['reshape', 'gap', 'cmean', 'hmean', 'padv2']));
  });

  it('MatMul and _FusedMatMul (transposes, BiasAdd, Relu), then Softmax', async () => {
    const fx = new GraphFixture(7);
    fx.placeholder('x', [2, 6]);
    fx.floats('k', [4, 6]);
    fx.floats('bias', [4]);
    fx.op('fc', '_FusedMatMul', ['x', 'k', 'bias'], {
      transpose_a: a.b(false),
      transpose_b: a.b(true),
      fused_ops: a.strs(['BiasAdd', 'Relu']),
      num_args: a.i(1),
    });
    fx.floats('k2', [4, 3]);
    fx.op('mm', 'MatMul', ['fc', 'k2'], { transpose_a: a.b(false), transpose_b: a.b(false) });
    fx.op('soft', 'Softmax', ['mm']);
    close(await parity(fx, { x: [2, 6] }, ['fc', 'soft']));
  });

  it('an op it does not know is an E_MODEL_OP error naming the op and the node', () => {
    const fx = new GraphFixture();
    fx.placeholder('x', [1, 4]);
    fx.op('weird/node', 'Cumsum', ['x']);
    const e = thrown(() =>
      convertGraph(fx.model(), { name: 'f', inputs: { x: 'x' }, outputs: { 'weird/node': 'y' }, meta }),
    );
    expect(e.code).toBe('E_MODEL_OP');
    expect(e.message).toContain('Cumsum');
    expect(e.message).toContain('weird/node');
  });
});
