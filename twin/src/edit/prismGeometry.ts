import * as THREE from 'three';

/**
 * A floor polygon (x, y) as scene geometry (x, up, −y): raised to `height`, or flat when 0.
 */
export function prismGeometry(
  poly: readonly (readonly [number, number])[],
  height: number,
): THREE.BufferGeometry {
  const s = new THREE.Shape();
  for (const [i, [x, y]] of poly.entries()) {
    if (i === 0) s.moveTo(x, y);
    else s.lineTo(x, y);
  }
  s.closePath();
  const g =
    height > 0
      ? new THREE.ExtrudeGeometry(s, { depth: height, bevelEnabled: false })
      : new THREE.ShapeGeometry(s);
  g.rotateX(-Math.PI / 2); // shape (x, y, extrusion) → scene (x, up, −y)
  return g;
}
