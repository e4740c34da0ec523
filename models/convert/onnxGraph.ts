import onnxProto, { type onnx } from 'onnx-proto';

const { onnx: proto } = onnxProto;
const AttributeType = proto.AttributeProto.AttributeType;
const DataType = proto.TensorProto.DataType;

/** Attribute values the converter writes: numbers are ints unless wrapped with `floatAttr`. */
export type AttrValue = number | number[] | string | { float: number };
export const floatAttr = (float: number) => ({ float });

/** A dimension of a graph input or output: a size, or a name for a size chosen at run time. */
export type Dim = number | string;

export type ModelMeta = {
  producerName: string;
  producerVersion: string;
  docString: string;
  metadata: Record<string, string>;
  opset: number;
};

function attribute(name: string, v: AttrValue): onnx.IAttributeProto {
  if (typeof v === 'string') return { name, type: AttributeType.STRING, s: Buffer.from(v, 'utf8') };
  if (typeof v === 'number') return { name, type: AttributeType.INT, i: v };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
  return { name, type: AttributeType.FLOAT, f: v.float };
}

function valueInfo(name: string, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/**
 * Collects the nodes and initializers of an ONNX graph in the order they are added, with unique
 * value names, and encodes the model. The same additions give the same bytes.
 */
export class OnnxGraph {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly taken = new Set<string>();

  /** A value name not used before, derived from `base`. */
  unique(base: string): string {
    let name = base;
    for (let k = 1; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }

  /** Reserves a name that must stay exactly as given (graph inputs and outputs). */
  reserve(name: string): string {
    if (this.taken.has(name)) throw new Error(`ONNX value name ${name} is already used`);
    this.taken.add(name);
    return name;
  }

  /** Adds a float32 initializer (little-endian raw data) and returns its name. */
  float(base: string, dims: number[], data: Float32Array | number[]): string {
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    const raw = Buffer.alloc(values.length * 4);
    for (let i = 0; i < values.length; i++) raw.writeFloatLE(values[i] as number, 4 * i);
    const name = this.unique(base);
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: raw });
    return name;
  }

  /** Adds an int64 initializer (shapes, pads, axes) and returns its name. */
  int64(base: string, dims: number[], values: number[]): string {
    const raw = Buffer.alloc(values.length * 8);
    for (let i = 0; i < values.length; i++) raw.writeBigInt64LE(BigInt(values[i] as number), 8 * i);
    const name = this.unique(base);
    this.initializers.push({ name, dims, dataType: DataType.INT64, rawData: raw });
    return name;
  }

  /** Adds a node with one output, named after `base`, and returns the output's name. */
  node(op: string, inputs: string[], base: string, attrs: Record<string, AttrValue> = {}): string {
    const output = this.unique(base);
    this.nodes.push({
      opType: op,
      name: output,
      input: inputs,
      output: [output],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** Adds a node whose output has a fixed (reserved) name. */
  nodeTo(op: string, inputs: string[], output: string): void {
    this.nodes.push({ opType: op, name: output, input: inputs, output: [output], attribute: [] });
  }

  encode(
    name: string,
    inputs: { name: string; shape: Dim[] }[],
    outputs: { name: string; shape: Dim[] }[],
    meta: ModelMeta,
  ): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 7,
      opsetImport: [{ domain: '', version: meta.opset }],
      producerName: meta.producerName,
      producerVersion: meta.producerVersion,
      docString: meta.docString,
      graph: {
        name,
        node: this.nodes,
        initializer: this.initializers,
        input: inputs.map((i) => valueInfo(i.name, i.shape)),
        output: outputs.map((o) => valueInfo(o.name, o.shape)),
      },
      metadataProps: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
    };
    return proto.ModelProto.encode(model).finish();
  }
}
