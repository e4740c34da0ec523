import { Html, Line } from '@react-three/drei';
import { type ThreeEvent, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { StoreLayout } from '../api.ts';
import { at } from '../scene/StoreScene.tsx';
import { EditableObstacle, movable } from './EditableObstacle.tsx';
import { prismGeometry } from './prismGeometry.ts';
import type { Editor } from './useEditor.ts';

type P = readonly [number, number];
const centroid = (poly: readonly P[]): P => [
  poly.reduce((s, p) => s + p[0], 0) / poly.length,
  poly.reduce((s, p) => s + p[1], 0) / poly.length,
];
/** Moves snap to 5 cm. */
const snap = (x: number) => Math.round(x / 0.05) * 0.05;

/** A flat polygon a little above the floor, to click (a zone, for the loop). */
function ZoneTarget({
  poly,
  colour,
  opacity,
  onClick,
}: {
  poly: readonly P[];
  colour: string;
  opacity: number;
  onClick(e: ThreeEvent<MouseEvent>): void;
}) {
  const geometry = useMemo(() => prismGeometry(poly, 0), [poly]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a three.js mesh, not a DOM element
    <mesh geometry={geometry} position={[0, 0.06, 0]} onClick={onClick}>
      <meshBasicMaterial color={colour} transparent opacity={opacity} side={THREE.DoubleSide} />
    </mesh>
  );
}

/**
 * The edit mode's part of the 3D scene, over the store drawn without its obstacles: the obstacles
 * of the edited layout (drag one over the floor to move it, click to select it; the orbit
 * controls are off while the pointer is on a movable one), click targets on the tills (open or
 * close) and, while the loop is redrawn, on the zones (in order). `window.varvEdit` projects floor
 * points and obstacle centres to the page (for automation: the end-to-end test drags with the
 * real mouse).
 */
export function EditScene({ editor }: { editor: Editor }) {
  const store = editor.shown as StoreLayout;
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const controls = useThree((s) => s.controls) as unknown as { enabled: boolean } | null;
  const dragging = useRef(false);
  const latest = useRef(store);
  latest.current = store;
  const { moveTo, select, setDragging } = editor;

  useEffect(() => {
    const project = (x: number, y: number, h = 0): [number, number] => {
      const v = new THREE.Vector3(x, h, -y).project(camera);
      const r = gl.domElement.getBoundingClientRect();
      return [r.left + ((v.x + 1) / 2) * r.width, r.top + ((1 - v.y) / 2) * r.height];
    };
    const hook = {
      project,
      /**
       * The page position of an obstacle's centre on its top face, moved by (dx, dy) metres over
       * the floor (where a drag from its centre should end); null when there is no such obstacle.
       */
      at(id: string, dx = 0, dy = 0): [number, number] | null {
        const o = latest.current.obstacles.find((x) => x.id === id);
        if (!o) return null;
        const [x, y] = centroid(o.polygon);
        return project(x + dx, y + dy, Math.min(o.height, 2.2));
      },
    };
    (window as unknown as { varvEdit?: typeof hook }).varvEdit = hook;
    return () => {
      delete (window as unknown as { varvEdit?: typeof hook }).varvEdit;
    };
  }, [camera, gl]);

  // Let the orbit controls go again when leaving edit mode mid-gesture.
  useEffect(
    () => () => {
      if (controls) controls.enabled = true;
    },
    [controls],
  );

  // Stable handlers (they read the editor at the time of the event), so that an obstacle is
  // redrawn only when it changes, not at every tick of the feed or step of a drag.
  const current = useRef(editor);
  current.current = editor;
  const onPointerDown = useCallback(
    (id: string, e: ThreeEvent<PointerEvent>) => {
      const ed = current.current;
      const o = latest.current.obstacles.find((x) => x.id === id);
      if (ed.tool !== 'move' || !o || !movable(o)) return;
      e.stopPropagation();
      select(id);
      const plane = new THREE.Plane(new THREE.Vector3(0, 1, 0), -e.point.y);
      const from = e.point.clone();
      const m = ed.edits.moves[id];
      const [dx0, dy0] = [m?.dx ?? 0, m?.dy ?? 0];
      const ray = new THREE.Raycaster();
      const ndc = new THREE.Vector2();
      const hit = new THREE.Vector3();
      dragging.current = true;
      setDragging(true);
      if (controls) controls.enabled = false;
      const move = (ev: PointerEvent) => {
        const r = gl.domElement.getBoundingClientRect();
        ndc.set(((ev.clientX - r.left) / r.width) * 2 - 1, -((ev.clientY - r.top) / r.height) * 2 + 1);
        ray.setFromCamera(ndc, camera);
        if (!ray.ray.intersectPlane(plane, hit)) return;
        // Scene (x, up, −y) → floor (x, y).
        moveTo(id, snap(dx0 + hit.x - from.x), snap(dy0 - (hit.z - from.z)));
      };
      const up = () => {
        dragging.current = false;
        setDragging(false);
        if (controls) controls.enabled = true;
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [camera, gl, controls, moveTo, select, setDragging],
  );
  const onHover = useCallback(
    (id: string, over: boolean) => {
      const o = latest.current.obstacles.find((x) => x.id === id);
      if (current.current.tool === 'move' && o && movable(o) && !dragging.current && controls)
        controls.enabled = !over;
    },
    [controls],
  );

  const draft = editor.loopDraft;
  const zoneCentre = new Map(store.zones.map((z) => [z.id, centroid(z.polygon)]));
  return (
    <group>
      {store.obstacles.map((o) => (
        <EditableObstacle
          key={o.id}
          obstacle={o}
          bad={editor.check.bad.has(o.id)}
          selected={editor.selected === o.id}
          onPointerDown={onPointerDown}
          onHover={onHover}
        />
      ))}
      {draft === null &&
        store.tills.map((t) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: a three.js mesh, not a DOM element
          <mesh
            key={t.id}
            position={at(t.position, 0.6)}
            onClick={(e) => {
              e.stopPropagation();
              editor.toggleTill(t.id);
            }}
            userData={{ till: t.id }}
          >
            <boxGeometry args={[1.1, 1.2, 1.1]} />
            <meshBasicMaterial
              color={editor.check.bad.has(t.id) ? '#d32f2f' : t.open ? '#43a047' : '#757575'}
              transparent
              opacity={0.35}
            />
          </mesh>
        ))}
      {draft !== null &&
        store.zones.map((z) => (
          <ZoneTarget
            key={z.id}
            poly={z.polygon}
            colour={draft.includes(z.id) ? '#ef6c00' : '#90caf9'}
            opacity={draft.includes(z.id) ? 0.45 : 0.25}
            onClick={(e) => {
              e.stopPropagation();
              editor.addLoopZone(z.id);
            }}
          />
        ))}
      {draft !== null &&
        [...new Set(draft)].map((z) => (
          <Html key={z} position={at(zoneCentre.get(z) ?? [0, 0], 0.5)} center className="label">
            {draft.flatMap((x, i) => (x === z ? [i + 1] : [])).join(', ')}. {z}
          </Html>
        ))}
      {draft !== null && draft.length > 1 && (
        <Line
          points={draft.map((z) => at(zoneCentre.get(z) ?? [0, 0], 0.12))}
          color="#ef6c00"
          lineWidth={3}
        />
      )}
    </group>
  );
}
