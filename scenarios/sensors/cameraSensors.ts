import type { Clock } from '../../engine/clock.ts';
import { ageBands, type SightingV1 } from '../../engine/events/index.ts';
import {
  type Camera,
  cameraFootprint,
  cameraZone,
  PreparedPolygon,
  type StoreLayout,
} from '../../engine/layout/index.ts';
import {
  type GroupAssigner,
  LifetimeHistogram,
  lend,
  type NoiseModel,
  observe,
  type Rng,
  SightingPolicy,
} from '../../engine/privacy/index.ts';
import type { Person } from '../sim/population.ts';

/** Where an agent is and which way it faces, as the sensors see it. */
export type SeenAgent = {
  id: number;
  x: number;
  y: number;
  ex: number;
  ey: number;
  person: Person;
  /** The agent's own stream for its observation noise (so others' draws do not shift it). */
  rng?: Rng;
};

export type SensorSettings = {
  /** The embedder's noise: each observation is the identity turned by this angle. */
  noise: NoiseModel;
  /** Seconds between repeated sightings of a face that stays in view. */
  repeatAfterS: number;
  /** A face is seen only if the person faces the camera within this angle (degrees). */
  facingDeg: number;
  /** P(the gender classifier is right); P(the age classifier names the right band, else a neighbour). */
  genderAccuracy: number;
  ageAccuracy: number;
};

export const DEFAULT_SENSORS: SensorSettings = {
  noise: { dim: 128, angle: { meanDeg: 10, sdDeg: 2.5 } },
  repeatAfterS: 10,
  facingDeg: 60,
  genderAccuracy: 0.95,
  ageAccuracy: 0.8,
};

type CameraView = { camera: Camera; zone: string; footprint: PreparedPolygon; visible: Set<number> };

/**
 * The simulated cameras: a camera sees an agent standing in its footprint (inside the walls) and
 * facing it; the observation is the person's identity plus the embedder's noise, and it goes
 * through the same privacy core as a live frame (sighting policy, group assignment, forgetting),
 * so only sighting events come out. Attributes pass a confusion model. Occlusion by shelves is not
 * modelled.
 */
export class CameraSensors {
  private readonly views: CameraView[];
  private readonly policy: SightingPolicy;
  private readonly outline: PreparedPolygon;
  readonly lifetimes = new LifetimeHistogram();
  private seq: number;

  constructor(
    private readonly store: StoreLayout,
    private readonly assigner: GroupAssigner,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly settings: SensorSettings = DEFAULT_SENSORS,
    firstSeq = 0,
  ) {
    this.views = store.cameras.map((camera) => ({
      camera,
      zone: cameraZone(store, camera) ?? camera.id,
      footprint: new PreparedPolygon(cameraFootprint(camera)),
      visible: new Set<number>(),
    }));
    this.policy = new SightingPolicy(settings.repeatAfterS * 1000);
    this.outline = new PreparedPolygon(store.outline);
    this.seq = firstSeq;
  }

  /**
   * The sightings the cameras produce at epoch-ms time `t` for the agents now on the floor. With
   * `by`, the id of the agent behind each returned sighting is pushed onto it (truth for scoring
   * attacks on the release; never part of an event).
   */
  observe(t: number, agents: readonly SeenAgent[], by?: number[]): SightingV1[] {
    const out: SightingV1[] = [];
    const cosFacing = Math.cos((this.settings.facingDeg * Math.PI) / 180);
    for (const view of this.views) {
      const { camera } = view;
      const now = new Set<number>();
      for (const a of agents) {
        if (!view.footprint.contains(a.x, a.y) || !this.outline.contains(a.x, a.y)) continue;
        const dx = camera.position[0] - a.x;
        const dy = camera.position[1] - a.y;
        const d = Math.hypot(dx, dy);
        if (d > 0 && (a.ex * dx + a.ey * dy) / d < cosFacing) continue;
        now.add(a.id);
        if (!this.policy.seen(camera.id, a.id, t)) continue;
        out.push(this.sighting(view, a.person, t, a.rng ?? this.rng));
        by?.push(a.id);
      }
      for (const id of view.visible) if (!now.has(id)) this.policy.lost(camera.id, id);
      view.visible = now;
    }
    return out;
  }

  private sighting(view: CameraView, person: Person, t: number, rng: Rng): SightingV1 {
    // The embedding exists only inside lend(): assigned, then zeroed.
    const embedding = observe(person.identity, this.settings.noise, rng);
    const { group, interval } = lend(embedding, (e) => this.assigner.assign(e, t), {
      clock: this.clock,
      histogram: this.lifetimes,
    });
    return {
      v: 1,
      type: 'sighting',
      store: this.store.id,
      camera: view.camera.id,
      cameraClass: view.camera.class,
      zone: view.zone,
      group,
      interval,
      t: Math.round(t),
      attrs: { gender: this.gender(person, rng), age: this.age(person, rng) },
      seq: this.seq++,
    };
  }

  private gender(p: Person, rng: Rng): Person['gender'] {
    if (rng() < this.settings.genderAccuracy) return p.gender;
    return p.gender === 'man' ? 'woman' : 'man';
  }

  private age(p: Person, rng: Rng): Person['age'] {
    if (rng() < this.settings.ageAccuracy) return p.age;
    const i = ageBands.indexOf(p.age);
    const neighbours = [ageBands[i - 1], ageBands[i + 1]].filter((b) => b !== undefined);
    return neighbours[Math.floor(rng() * neighbours.length)] as Person['age'];
  }

  /** Takes the next sequence number for another event of this store (a count). */
  claimSeq(): number {
    return this.seq++;
  }

  /** The next sequence number (for resuming). */
  get nextSeq(): number {
    return this.seq;
  }
}
