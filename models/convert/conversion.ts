import { VarvError } from '../../engine/errors.ts';
import { OnnxGraph } from './onnxGraph.ts';
import { inputNode, type TfNode } from './tfGraph.ts';
import { transposeHost } from './transposeHost.ts';
import type { HostTensor } from './weights.ts';

/**
 * A tensor of the ONNX graph under construction. `shape` is always in TensorFlow's order (NHWC
 * for images; -1 for a batch chosen at run time); `nchw` says that the ONNX tensor itself is laid
 * out NCHW, as ONNX's Conv and pooling want it. Transposes are added only where an op needs the
 * other layout, and each is made once per tensor.
 */
export type Value = { onnx: string; shape: number[]; nchw: boolean };

/** TF NHWC axis → position of that axis in an NCHW tensor. */
export const NCHW_POSITION = [0, 2, 3, 1] as const;
const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

export class Conversion {
  readonly g = new OnnxGraph();
  private readonly values = new Map<string, Value>();
  private readonly constants: Map<string, HostTensor>;
  private readonly nchwOf = new Map<string, string>();
  private readonly tfOf = new Map<string, string>();

  constructor(constants: Map<string, HostTensor>) {
    this.constants = constants;
  }

  private ref(node: TfNode, i: number): string {
    const ref = node.input?.filter((r) => !r.startsWith('^'))[i];
    const name = ref === undefined ? undefined : inputNode(ref);
    if (name === undefined)
      throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}" lacks input ${i}`);
    return name;
  }

  /** The constant at input `i`, or undefined when that input is computed. */
  constant(node: TfNode, i: number): HostTensor | undefined {
    return this.constants.get(this.ref(node, i));
  }

  /** The constant at input `i`; an error naming the node when it is computed. */
  requireConstant(node: TfNode, i: number): HostTensor {
    const t = this.constant(node, i);
    if (!t)
      throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}": input ${i} must be a constant`);
    return t;
  }

  /** The computed tensor at input `i`. */
  value(node: TfNode, i: number): Value {
    const name = this.ref(node, i);
    const v = this.values.get(name);
    if (!v)
      throw new VarvError(
        'E_MODEL_OP',
        `${node.op} node "${node.name}": input "${name}" is not computed yet`,
      );
    return v;
  }

  set(name: string, v: Value): void {
    this.values.set(name, v);
  }

  setConstant(name: string, t: HostTensor): void {
    this.constants.set(name, t);
  }

  get(name: string): Value | undefined {
    return this.values.get(name);
  }

  /** The ONNX name of `v` laid out NCHW (rank 4 only). */
  asNchw(v: Value): string {
    if (v.shape.length !== 4)
      throw new VarvError('E_MODEL_SHAPE', `${v.onnx} has rank ${v.shape.length}, not 4`);
    if (v.nchw) return v.onnx;
    let t = this.nchwOf.get(v.onnx);
    if (!t) {
      t = this.g.node('Transpose', [v.onnx], `${v.onnx}__nchw`, { perm: TO_NCHW });
      this.nchwOf.set(v.onnx, t);
    }
    return t;
  }

  /** The ONNX name of `v` in TensorFlow's layout. */
  asTf(v: Value): string {
    if (!v.nchw) return v.onnx;
    let t = this.tfOf.get(v.onnx);
    if (!t) {
      t = this.g.node('Transpose', [v.onnx], `${v.onnx}__nhwc`, { perm: TO_NHWC });
      this.tfOf.set(v.onnx, t);
    }
    return t;
  }

  /**
   * A float constant as an initializer that broadcasts against `v` as TensorFlow would broadcast
   * it against v's TF shape: all-ones shapes become scalars; against an NCHW tensor the constant
   * is padded to rank 4 and transposed the same way.
   */
  constantFor(v: Value, t: HostTensor, base: string): string {
    if (t.dtype !== 'float32')
      throw new VarvError('E_MODEL_OP', `constant ${base} is ${t.dtype}, not float32`);
    if (t.shape.every((d) => d === 1) && t.shape.length <= v.shape.length)
      return this.g.float(base, [], t.data);
    if (!v.nchw) return this.g.float(base, t.shape, t.data);
    if (t.shape.length > 4)
      throw new VarvError('E_MODEL_SHAPE', `constant ${base} has rank ${t.shape.length}`);
    const padded = [...new Array<number>(4 - t.shape.length).fill(1), ...t.shape];
    const moved = transposeHost(t.data, padded, TO_NCHW);
    return this.g.float(base, moved.shape, moved.data);
  }
}

/** NumPy/TensorFlow broadcasting of two shapes (-1: a size known only at run time). */
export function broadcast(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[a.length - rank + k] ?? 1;
    const y = b[b.length - rank + k] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1 || x === y) out.push(x);
    else if (x === -1 || y === -1) out.push(Math.max(x, y));
    else throw new VarvError('E_MODEL_SHAPE', `shapes [${a}] and [${b}] do not broadcast`);
  }
  return out;
}
