// recast-navigation's declaration files re-export with extensionless paths, which NodeNext
// resolution does not follow; these augmentations type the few members the benchmark uses.
export {};

type Vector3 = { x: number; y: number; z: number };

declare module '@recast-navigation/core' {
  export function init(): Promise<void>;
  export class NavMesh {}
  export class NavMeshQuery {
    constructor(navMesh: NavMesh);
    findClosestPoint(position: Vector3): { success: boolean; point: Vector3 };
  }
  export class CrowdAgent {
    position(): Vector3;
    requestMoveTarget(position: Vector3): boolean;
  }
  export class Crowd {
    constructor(navMesh: NavMesh, params: { maxAgents: number; maxAgentRadius: number });
    addAgent(
      position: Vector3,
      params: Partial<{
        radius: number;
        height: number;
        maxAcceleration: number;
        maxSpeed: number;
        collisionQueryRange: number;
        pathOptimizationRange: number;
      }>,
    ): CrowdAgent;
    update(dt: number): void;
    destroy(): void;
  }
}

declare module '@recast-navigation/generators' {
  import type { NavMesh } from '@recast-navigation/core';
  export function generateSoloNavMesh(
    positions: ArrayLike<number>,
    indices: ArrayLike<number>,
    config?: Record<string, number | boolean>,
  ): { success: true; navMesh: NavMesh } | { success: false; error: string };
}
