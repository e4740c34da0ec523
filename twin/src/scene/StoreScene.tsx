import { Html, Line } from '@react-three/drei';
import { useMemo } from 'react';
import * as THREE from 'three';
import type { LiveTick, StoreLayout } from '../api.ts';
import { categoryColour, heat } from './colours.ts';

type P = readonly [number, number];

/** Store floor (x, y) → scene (x, up, −y): y up in the scene, handedness kept. */
export const at = (p: P, h = 0): [number, number, number] => [p[0], h, -p[1]];

function shapeOf(poly: readonly P[]): THREE.Shape {
  const s = new THREE.Shape();
  for (const [i, p] of poly.entries()) {
    if (i === 0) s.moveTo(p[0], p[1]);
    else s.lineTo(p[0], p[1]);
  }
  s.closePath();
  return s;
}

const centroid = (poly: readonly P[]): P => [
  poly.reduce((s, p) => s + p[0], 0) / poly.length,
  poly.reduce((s, p) => s + p[1], 0) / poly.length,
];

/** A polygon raised to `height` (an obstacle), or a flat one lifted by `lift` (a zone, a footprint). */
function Prism({
  poly,
  height,
  colour,
  opacity = 1,
  lift = 0,
}: {
  poly: readonly P[];
  height: number;
  colour: string;
  opacity?: number;
  lift?: number;
}) {
  const geometry = useMemo(() => {
    const shape = shapeOf(poly);
    const g =
      height > 0
        ? new THREE.ExtrudeGeometry(shape, { depth: height, bevelEnabled: false })
        : new THREE.ShapeGeometry(shape);
    // Shape space (x, y, extrusion z) → scene (x, z, −y).
    g.rotateX(-Math.PI / 2);
    return g;
  }, [poly, height]);
  return (
    <mesh geometry={geometry} position={[0, lift, 0]}>
      <meshStandardMaterial
        color={colour}
        transparent={opacity < 1}
        opacity={opacity}
        side={THREE.DoubleSide}
      />
    </mesh>
  );
}

export type Overlays = { heat: boolean; flows: boolean; interest: boolean; cameras: boolean; loop: boolean };

/** The store built from its layout, with the live aggregates drawn over it. */
export function StoreScene({
  store,
  tick,
  overlays,
}: {
  store: StoreLayout;
  tick: LiveTick | null;
  overlays: Overlays;
}) {
  const zoneCentre = useMemo(() => new Map(store.zones.map((z) => [z.id, centroid(z.polygon)])), [store]);
  const maxZone = Math.max(1, ...Object.values(tick?.zones ?? {}).map((n) => n ?? 0));
  const maxInterest = Math.max(1, ...Object.values(tick?.interest ?? {}).map((n) => n ?? 0));
  const maxFlow = Math.max(1, ...(tick?.flows ?? []).map((f) => f.n));
  return (
    <group>
      <Prism poly={store.outline} height={0} colour="#e9e6df" lift={-0.01} />
      {store.outline.map((p, i) => {
        const q = store.outline[(i + 1) % store.outline.length] as P;
        return (
          <Line key={`wall-${p[0]},${p[1]}`} points={[at(p, 0.02), at(q, 0.02)]} color="#555" lineWidth={2} />
        );
      })}
      {store.obstacles.map((o) => (
        <Prism
          key={o.id}
          poly={o.polygon}
          height={Math.min(o.height, 2.2)}
          colour={o.kind === 'wall' ? '#8a8a8a' : categoryColour(o.category ?? o.kind)}
        />
      ))}
      {store.zones.map((z) => (
        <Prism
          key={z.id}
          poly={z.polygon}
          height={0}
          lift={0.01}
          colour={overlays.heat ? heat((tick?.zones[z.id] ?? 0) / maxZone) : '#cfd8dc'}
          opacity={overlays.heat ? 0.55 : 0.2}
        />
      ))}
      {overlays.interest &&
        store.objects.map((o) => (
          <Prism
            key={o.id}
            poly={o.polygon}
            height={0}
            lift={0.03}
            colour={heat((tick?.interest[o.id] ?? 0) / maxInterest)}
            opacity={0.6}
          />
        ))}
      {store.tills.map((t) => {
        const line = tick?.tills[t.id]?.line ?? 0;
        const wait = tick?.tills[t.id]?.waitS;
        return (
          <group key={t.id}>
            <mesh position={at(t.position, 0.5)}>
              <boxGeometry args={[0.8, 1, 0.8]} />
              <meshStandardMaterial
                color={t.open ? (t.kind === 'self' ? '#4f7cac' : '#2e5b88') : '#9e9e9e'}
              />
            </mesh>
            <Line
              points={t.queue.map((p) => at(p, 0.04))}
              color="#2e5b88"
              lineWidth={1.5}
              dashed
              dashSize={0.2}
              gapSize={0.15}
            />
            {line > 0 && (
              <mesh position={at(t.position, 1 + line * 0.15)}>
                <boxGeometry args={[0.3, line * 0.3, 0.3]} />
                <meshStandardMaterial color={heat(Math.min(1, line / 8))} />
              </mesh>
            )}
            {wait != null && (
              <Html position={at(t.position, 1.4 + line * 0.3)} center className="label">
                {t.id}: {Math.round(wait / 60)} min
              </Html>
            )}
          </group>
        );
      })}
      {store.entrances.map((e) => (
        <Line
          key={e.id}
          points={[at(e.segment[0], 0.05), at(e.segment[1], 0.05)]}
          color="#2e7d32"
          lineWidth={5}
        />
      ))}
      {overlays.cameras &&
        store.cameras.map((c) => (
          <mesh key={c.id} position={at(c.position, c.height)}>
            <coneGeometry args={[0.25, 0.5, 12]} />
            <meshStandardMaterial color="#6a1b9a" />
          </mesh>
        ))}
      {overlays.loop && store.loop.length > 1 && (
        <Line
          points={store.loop.map((z) => at(zoneCentre.get(z) ?? [0, 0], 0.08))}
          color="#ef6c00"
          lineWidth={2}
          dashed
          dashSize={0.6}
          gapSize={0.3}
        />
      )}
      {overlays.flows &&
        (tick?.flows ?? []).map((f) => {
          const a = zoneCentre.get(f.from);
          const b = zoneCentre.get(f.to);
          if (!a || !b) return null;
          // Offset sideways so that the two directions between a pair of zones do not overlap.
          const dx = b[0] - a[0];
          const dy = b[1] - a[1];
          const len = Math.hypot(dx, dy) || 1;
          const o: P = [(-dy / len) * 0.4, (dx / len) * 0.4];
          return (
            <Line
              key={`${f.from}-${f.to}`}
              points={[at([a[0] + o[0], a[1] + o[1]], 0.3), at([b[0] + o[0], b[1] + o[1]], 0.3)]}
              color="#00838f"
              lineWidth={1 + (6 * f.n) / maxFlow}
            />
          );
        })}
    </group>
  );
}
