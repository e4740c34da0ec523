import type { ThreeEvent } from '@react-three/fiber';
import { memo, useMemo } from 'react';
import type { StoreLayout } from '../api.ts';
import { categoryColour } from '../scene/colours.ts';
import { prismGeometry } from './prismGeometry.ts';

type Obstacle = StoreLayout['obstacles'][number];

/** Obstacles the planner may move: not the building's walls and pillars. */
export const movable = (o: Obstacle) => o.kind !== 'wall' && o.kind !== 'pillar';

type Props = {
  obstacle: Obstacle;
  bad: boolean;
  selected: boolean;
  onPointerDown(id: string, e: ThreeEvent<PointerEvent>): void;
  onHover(id: string, over: boolean): void;
};

/**
 * One obstacle of the edited layout: its polygon raised to its height, red when the check names
 * it, lit when selected. Pointer events go to the edit scene (dragging, selecting) with its id.
 * Redrawn only when its shape, colour or state changes.
 */
export const EditableObstacle = memo(function EditableObstacle({
  obstacle,
  bad,
  selected,
  onPointerDown,
  onHover,
}: Props) {
  const height = Math.min(obstacle.height, 2.2);
  const key = obstacle.polygon.flat().join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the polygon's coordinates are the key
  const geometry = useMemo(() => prismGeometry(obstacle.polygon, height), [key, height]);
  const colour = bad
    ? '#d32f2f'
    : obstacle.kind === 'wall'
      ? '#8a8a8a'
      : categoryColour(obstacle.category ?? obstacle.kind);
  return (
    <mesh
      geometry={geometry}
      onPointerDown={(e) => onPointerDown(obstacle.id, e)}
      onPointerOver={(e) => {
        e.stopPropagation();
        onHover(obstacle.id, true);
      }}
      onPointerOut={() => onHover(obstacle.id, false)}
      userData={{ obstacle: obstacle.id }}
    >
      <meshStandardMaterial
        color={colour}
        emissive={selected ? '#ffd54f' : '#000000'}
        emissiveIntensity={selected ? 0.45 : 0}
      />
    </mesh>
  );
}, same);

/** Equal props: the same handlers, state and shape (a patched layout is a new object each time). */
function same(a: Props, b: Props): boolean {
  return (
    a.bad === b.bad &&
    a.selected === b.selected &&
    a.onPointerDown === b.onPointerDown &&
    a.onHover === b.onHover &&
    a.obstacle.id === b.obstacle.id &&
    a.obstacle.kind === b.obstacle.kind &&
    a.obstacle.category === b.obstacle.category &&
    a.obstacle.height === b.obstacle.height &&
    a.obstacle.polygon.flat().join(',') === b.obstacle.polygon.flat().join(',')
  );
}
