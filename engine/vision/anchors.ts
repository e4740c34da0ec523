/**
 * BlazeFace's anchors (back-camera variant): the cell centres of a 16 × 16 grid (stride 16, two
 * anchors per cell) then an 8 × 8 grid (stride 32, six per cell), row by row, in pixels of the
 * 256 × 256 input. The model's outputs come in this order.
 */
export function blazeFaceAnchors(inputSize = 256): Float32Array {
  const grids = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const out: number[] = [];
  for (const { stride, perCell } of grids) {
    const cells = Math.ceil(inputSize / stride);
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let n = 0; n < perCell; n++) out.push(stride * (x + 0.5), stride * (y + 0.5));
  }
  return Float32Array.from(out);
}
