import { readFileSync } from 'node:fs';
import type { StoreInput } from '../../engine/layout/index.ts';

/**
 * A small valid store (20 m × 10 m) that the rule tests break one way at a time:
 * a door at the front, two shelves, one till with its counter, two zones, a display,
 * a camera, a loop and a staff post.
 */
export function miniStore(): StoreInput & Record<string, unknown> {
  return {
    format: 'varv.store/1',
    id: 'mini',
    name: 'Mini store',
    outline: [
      [0, 0],
      [20, 0],
      [20, 10],
      [0, 10],
    ],
    obstacles: [
      { id: 'shelf-1', kind: 'shelf', polygon: rect(3, 4, 4, 9), height: 1.8, category: 'dry' },
      { id: 'shelf-2', kind: 'shelf', polygon: rect(7, 4, 8, 9), height: 1.8, category: 'dry' },
      { id: 'counter-1', kind: 'counter', polygon: rect(15.5, 1, 16.5, 3), height: 0.9 },
    ],
    entrances: [
      {
        id: 'door',
        segment: [
          [8, 0],
          [10, 0],
        ],
        direction: 'both',
      },
    ],
    tills: [
      {
        id: 'till-1',
        position: [15, 2],
        queue: [
          [15, 3],
          [15, 6],
        ],
        kind: 'staffed',
        serviceTime: { base_s: 35, perItem_s: 2.8 },
        open: true,
      },
    ],
    zones: [
      { id: 'front', class: 'entrance', polygon: rect(0, 0, 20, 3.5) },
      { id: 'back', class: 'department', polygon: rect(0, 3.5, 20, 10) },
    ],
    objects: [{ id: 'display', zone: 'back', polygon: rect(10, 5, 12, 7) }],
    cameras: [
      {
        id: 'cam-1',
        class: 'entrance',
        position: [9, 0.5],
        height: 2.8,
        yaw: 90,
        pitch: -25,
        hfov: 90,
        range: 8,
      },
    ],
    loop: ['front', 'back', 'front'],
    staffPosts: [{ id: 'post-1', position: [12, 8], serves: ['back'] }],
  };
}

export function rect(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

export const STORE_FILES = [
  'scenarios/stores/demo-grocery.json',
  'scenarios/stores/demo-fashion.json',
  'scenarios/stores/validation-corridor.json',
  'scenarios/stores/validation-corner.json',
  'scenarios/stores/validation-wide-corridor.json',
] as const;

/** A fresh copy of an example store file, as parsed JSON. */
export function exampleStore(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
