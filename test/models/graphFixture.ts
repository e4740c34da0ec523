import { type Rng, seededRng } from '../../engine/privacy/random.ts';
import type { TfAttr, TfGraphModel, TfGraphModelJson, TfNode } from '../../models/convert/tfGraph.ts';
import { decodeWeights, type WeightSpec } from '../../models/convert/weights.ts';

/** Attribute values written the way tfjs-converter writes them to model.json. */
export const a = {
  s: (v: string): TfAttr => ({ s: Buffer.from(v).toString('base64') }),
  ints: (v: number[]): TfAttr => ({ list: { i: v.map(String) } }),
  strs: (v: string[]): TfAttr => ({ list: { s: v.map((x) => Buffer.from(x).toString('base64')) } }),
  b: (v: boolean): TfAttr => ({ b: v }),
  f: (v: number): TfAttr => ({ f: v }),
  i: (v: number): TfAttr => ({ i: String(v) }),
  float: { type: 'DT_FLOAT' } as TfAttr,
};

/** Builds small TF.js graph models in memory, for checking ops one by one. */
export class GraphFixture {
  private readonly nodes: TfNode[] = [];
  private readonly specs: WeightSpec[] = [];
  private readonly chunks: Buffer[] = [];
  readonly rng: Rng;

  constructor(seed = 1) {
    this.rng = seededRng(seed);
  }

  placeholder(name: string, shape: number[]): string {
    this.nodes.push({
      name,
      op: 'Placeholder',
      attr: { dtype: a.float, shape: { shape: { dim: shape.map((d) => ({ size: String(d) })) } } },
    });
    return name;
  }

  /** A float constant; random in [-1, 1) unless data is given. */
  floats(name: string, shape: number[], data?: number[]): string {
    const n = shape.reduce((x, y) => x * y, 1);
    const values = Float32Array.from(data ?? Array.from({ length: n }, () => this.rng() * 2 - 1));
    this.nodes.push({ name, op: 'Const', attr: { dtype: a.float } });
    this.specs.push({ name, shape, dtype: 'float32' });
    this.chunks.push(Buffer.from(values.buffer));
    return name;
  }

  ints(name: string, shape: number[], data: number[]): string {
    this.nodes.push({ name, op: 'Const', attr: { dtype: { type: 'DT_INT32' } } });
    this.specs.push({ name, shape, dtype: 'int32' });
    this.chunks.push(Buffer.from(Int32Array.from(data).buffer));
    return name;
  }

  op(name: string, op: string, input: string[], attr: Record<string, TfAttr> = {}): string {
    this.nodes.push({ name, op, input, attr: { T: a.float, ...attr } });
    return name;
  }

  json(): TfGraphModelJson {
    return {
      format: 'graph-model',
      modelTopology: { node: this.nodes, versions: {}, library: {} },
      weightsManifest: [{ paths: ['weights.bin'], weights: this.specs }],
    };
  }

  weightData(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  model(): TfGraphModel {
    const bytes = Buffer.concat(this.chunks);
    return {
      json: this.json(),
      weights: decodeWeights([{ weights: this.specs, bytes }], 'fixture'),
      files: [],
    };
  }

  /** Random input data for a shape, in [-1, 1). */
  data(shape: number[]): { data: Float32Array; shape: number[] } {
    const n = shape.reduce((x, y) => x * y, 1);
    return { data: Float32Array.from({ length: n }, () => this.rng() * 2 - 1), shape };
  }
}

/** Attributes of a 2-D window op in NHWC. */
export const window2d = (o: {
  strides?: number;
  dilations?: number;
  padding?: string;
  explicit?: number[];
}) => ({
  strides: a.ints([1, o.strides ?? 1, o.strides ?? 1, 1]),
  dilations: a.ints([1, o.dilations ?? 1, o.dilations ?? 1, 1]),
  padding: a.s(o.padding ?? 'SAME'),
  data_format: a.s('NHWC'),
  ...(o.explicit ? { explicit_paddings: a.ints(o.explicit) } : {}),
});
