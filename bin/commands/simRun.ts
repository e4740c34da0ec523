import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { experimentFiles, runExperiment } from '../../scenarios/sim/index.ts';
import type { CommandResult } from './output.ts';

/**
 * `varv sim run <scenario>`: runs a controlled experiment and writes its files. Store days (with
 * `arrivals`) need the shopper actors, which are not built yet: they are refused with E_UNSUPPORTED.
 */
export function simRunCommand(file: string, o: { seed?: number; out: string }): CommandResult {
  const sc = loadScenarioFile(file);
  if (!('seconds' in sc.clock) || !sc.spawn?.length) {
    throw new VarvError(
      'E_UNSUPPORTED',
      `${file} is a store day; this version of varv runs controlled experiments (spawn + clock.seconds) only`,
    );
  }
  const seed = o.seed ?? sc.seed;
  const r = runExperiment(sc, { seed });
  const files = experimentFiles(
    r,
    (sc.measure?.lines ?? []).map((l) => l.id),
  );
  mkdirSync(o.out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(o.out, name), text);
  const times = [...r.arrivals.values()];
  const lines = [
    `${file} (seed ${seed}): ${r.arrivals.size} of ${r.desiredSpeeds.size} agents arrived in ${r.seconds} s${times.length ? `, the first at ${Math.min(...times).toFixed(1)} s, the last at ${Math.max(...times).toFixed(1)} s` : ''}`,
    `closest any agent came to a wall: ${r.minWallClearance.toFixed(3)} m (centre to wall)`,
    `wrote ${Object.keys(files)
      .map((f) => join(o.out, f))
      .join(', ')}`,
  ];
  return {
    lines,
    summary: {
      command: 'sim run',
      ok: true,
      scenario: file,
      seed,
      arrived: r.arrivals.size,
      agents: r.desiredSpeeds.size,
      remaining: r.remaining,
      out: o.out,
      files: Object.keys(files),
    },
    code: 0,
  };
}
