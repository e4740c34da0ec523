import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useRef } from 'react';
import * as THREE from 'three';
import type { SimulatedAgents } from '../api.ts';

const MAX = 4000;
const scratch = new THREE.Object3D();

/**
 * Synthetic shoppers (simulation mode only) as one instanced mesh, each figure moving smoothly
 * from its previous to its latest position over the feed's interval.
 */
export function Shoppers({ frame, intervalMs }: { frame: SimulatedAgents | null; intervalMs: number }) {
  const mesh = useRef<THREE.InstancedMesh>(null);
  const prev = useRef(new Map<number, [number, number]>());
  const next = useRef(new Map<number, [number, number]>());
  const since = useRef(performance.now());

  useLayoutEffect(() => {
    if (!frame) return;
    // Where each figure is drawn now becomes the start of its next move.
    const start = new Map<number, [number, number]>();
    const f = Math.min(1, (performance.now() - since.current) / intervalMs);
    for (const [id, to] of next.current) {
      const from = prev.current.get(id) ?? to;
      start.set(id, [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f]);
    }
    prev.current = start;
    const n = new Map<number, [number, number]>();
    for (let i = 0; i < frame.ids.length; i++)
      n.set(frame.ids[i] as number, [frame.xy[2 * i] as number, frame.xy[2 * i + 1] as number]);
    next.current = n;
    since.current = performance.now();
  }, [frame, intervalMs]);

  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    const f = Math.min(1, (performance.now() - since.current) / intervalMs);
    let i = 0;
    for (const [id, to] of next.current) {
      if (i >= MAX) break;
      const from = prev.current.get(id) ?? to;
      scratch.position.set(from[0] + (to[0] - from[0]) * f, 0.8, -(from[1] + (to[1] - from[1]) * f));
      scratch.updateMatrix();
      m.setMatrixAt(i++, scratch.matrix);
    }
    m.count = i;
    m.instanceMatrix.needsUpdate = true;
  });

  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, MAX]} frustumCulled={false}>
      {/* Low-poly on purpose: thousands of figures must stay cheap even on a software renderer. */}
      <cylinderGeometry args={[0.18, 0.22, 1.6, 6, 1]} />
      <meshLambertMaterial color="#37474f" />
    </instancedMesh>
  );
}
