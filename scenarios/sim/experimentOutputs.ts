import type { ExperimentResult } from './experiment.ts';

/** The files a run writes, as text: byte-identical for the same (scenario, seed). */
export type RunFiles = Record<string, string>;

const f3 = (x: number) => x.toFixed(3);

/**
 * trajectories.csv (`id,frame,x,y`, the layout pedestrian-dynamics tools read), truth.jsonl
 * (arrivals and line crossings, one JSON object a line) and measurements.json (flow through each
 * line per second; density and speed in each area per second).
 */
export function experimentFiles(r: ExperimentResult, lines: readonly string[]): RunFiles {
  const csv = ['id,frame,x,y', ...r.trajectories.map((p) => `${p.id},${p.frame},${f3(p.x)},${f3(p.y)}`)].join(
    '\n',
  );
  const truth = [
    ...[...r.arrivals].map(([agent, t]) =>
      JSON.stringify({
        type: 'arrived',
        agent,
        t: +f3(t),
        desiredSpeed: +f3(r.desiredSpeeds.get(agent) ?? 0),
      }),
    ),
    ...r.crossings.map((c) => JSON.stringify({ type: 'crossed', line: c.line, agent: c.agent, t: +f3(c.t) })),
  ].join('\n');
  const flows = lines.map((line) => {
    const perSecond = new Array(Math.ceil(r.seconds)).fill(0);
    for (const c of r.crossings)
      if (c.line === line) perSecond[Math.min(perSecond.length - 1, Math.floor(c.t))] += 1;
    return { line, perSecond };
  });
  const areas = r.areas.map((a) => ({
    ...a,
    density: +f3(a.density),
    speed: a.speed === null ? null : +f3(a.speed),
  }));
  return {
    'trajectories.csv': `${csv}\n`,
    'truth.jsonl': truth ? `${truth}\n` : '',
    'measurements.json': `${JSON.stringify({ flows, areas })}\n`,
  };
}
