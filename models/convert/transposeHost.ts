/** Transposes a row-major tensor held in memory: output axis k is input axis `perm[k]`. */
export function transposeHost(
  data: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): { data: Float32Array; shape: number[] } {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = new Array<number>(rank);
  for (let k = rank - 1, s = 1; k >= 0; k--) {
    inStrides[k] = s;
    s *= shape[k] as number;
  }
  const stride = perm.map((p) => inStrides[p] as number);
  const out = new Float32Array(data.length);
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = data[src] as number;
    // Advance the output index like an odometer, keeping the source offset in step.
    for (let k = rank - 1; k >= 0; k--) {
      const ik = (index[k] as number) + 1;
      if (ik < (outShape[k] as number)) {
        index[k] = ik;
        src += stride[k] as number;
        break;
      }
      index[k] = 0;
      src -= (ik - 1) * (stride[k] as number);
    }
  }
  return { data: out, shape: outShape };
}
