import { area, orient, type Point, PreparedPolygon, segmentsIntersect } from '../../engine/layout/index.ts';

export type MeasureSpec = {
  lines: readonly { id: string; segment: readonly [Point, Point] }[];
  areas: readonly { id: string; polygon: readonly Point[] }[];
};

/**
 * Flow through each line per second; mean density (P/m²) and speed (m/s) in each area for every
 * second in which anyone was sampled.
 */
export type Measured = {
  flows: { line: string; perSecond: number[] }[];
  areas: { area: string; second: number; density: number; speed: number | null }[];
};

/**
 * Measurements from positions sampled once a second (a store day's trajectories): a crossing is a
 * segment between an agent's consecutive samples that cuts the line; speed is the distance between
 * consecutive samples. Coarser than the experiments' per-step measurement, enough for hours of shop
 * floor.
 */
export class Measurements {
  private readonly last = new Map<number, { frame: number; x: number; y: number }>();
  private readonly flows: Map<string, number[]>;
  private readonly areas: { id: string; poly: PreparedPolygon; size: number }[];
  private readonly perArea = new Map<string, { people: number; speedSum: number; speeds: number }>();
  private readonly out: Measured['areas'] = [];
  private frame = -1;

  constructor(private readonly spec: MeasureSpec) {
    this.flows = new Map(spec.lines.map((l) => [l.id, []]));
    this.areas = spec.areas.map((a) => ({
      id: a.id,
      poly: new PreparedPolygon(a.polygon),
      size: area(a.polygon),
    }));
  }

  /** One agent's position at a whole second; call in frame order. */
  position(id: number, frame: number, x: number, y: number): void {
    if (frame !== this.frame) this.closeFrame(frame);
    const prev = this.last.get(id);
    const step = prev && prev.frame === frame - 1 ? Math.hypot(x - prev.x, y - prev.y) : null;
    if (prev && prev.frame === frame - 1) {
      for (const l of this.spec.lines) {
        // A crossing leaves one side for the other (or for the line itself): touching the line,
        // or standing on it, is not a crossing, and one crossing counts once.
        const before = Math.sign(orient(l.segment[0], l.segment[1], [prev.x, prev.y]));
        const after = Math.sign(orient(l.segment[0], l.segment[1], [x, y]));
        if (before === 0 || before === after) continue;
        if (!segmentsIntersect([prev.x, prev.y], [x, y], l.segment[0], l.segment[1])) continue;
        const f = this.flows.get(l.id) as number[];
        f[frame] = (f[frame] ?? 0) + 1;
      }
    }
    for (const a of this.areas) {
      if (!a.poly.contains(x, y)) continue;
      const m = this.perArea.get(a.id) ?? { people: 0, speedSum: 0, speeds: 0 };
      m.people++;
      if (step !== null) {
        m.speedSum += step;
        m.speeds++;
      }
      this.perArea.set(a.id, m);
    }
    this.last.set(id, { frame, x, y });
  }

  private closeFrame(next: number) {
    if (this.frame >= 0) {
      // Every area gets a row for every second anyone was sampled, empty areas with density 0.
      for (const a of this.areas) {
        const m = this.perArea.get(a.id);
        this.out.push({
          area: a.id,
          second: this.frame,
          density: m ? +(m.people / a.size).toFixed(3) : 0,
          speed: m?.speeds ? +(m.speedSum / m.speeds).toFixed(3) : null,
        });
      }
    }
    this.perArea.clear();
    this.frame = next;
  }

  /** Flows run to the last second sampled, for every line alike. */
  result(): Measured {
    const seconds = this.frame + 1;
    this.closeFrame(this.frame + 1);
    return {
      flows: [...this.flows].map(([line, f]) => ({
        line,
        perSecond: Array.from({ length: seconds }, (_, k) => f[k] ?? 0),
      })),
      areas: this.out,
    };
  }
}
