import { badInputStages } from './badInputStages.ts';
import { faultStages } from './faultStages.ts';
import { loadStages } from './loadStages.ts';
import { type SoakStage, type StageOutcome, soakReport } from './soakReport.ts';

// `npm run soak`: the long checks of issue 10, stage by stage, then ONE JSON line on stdout:
// {loadHeld, faultsInjected, faultsSurvived, badInputsTried, badInputsFailed, eventsAccepted,
// eventsLost, eventsDuplicated, ok, seconds, stages: [...]}. Progress goes to stderr. Exit code 1
// unless ok. `npm run soak -- --only nats-outage,bad-layouts` runs some; `--quick` shortens every
// stage (outages of 2 s, a twentieth of the fuzz runs) for a smoke run.
//
// To add a stage: write a SoakStage that returns its
// part ({ loadHeld, eventsLost, …, detail }) and put it in `stages` below; soakReport adds it up.

const stages: SoakStage[] = [...loadStages, ...faultStages, ...badInputStages];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : null;
const unknown = only ? [...only].filter((n) => !stages.some((s) => s.name === n)) : [];
if (unknown.length > 0) {
  process.stderr.write(
    `no soak stage ${unknown.join(', ')}; known: ${stages.map((s) => s.name).join(', ')}\n`,
  );
  process.exitCode = 2;
} else {
  const t0 = performance.now();
  const outcomes: StageOutcome[] = [];
  for (const stage of stages.filter((s) => !only || only.has(s.name))) {
    const s0 = performance.now();
    process.stderr.write(`soak: ${stage.name}…\n`);
    let outcome: StageOutcome;
    try {
      const part = await stage.run({ quick });
      outcome = { name: stage.name, seconds: 0, ok: true, part };
    } catch (e) {
      const skipped = (e as { skipped?: boolean }).skipped;
      outcome = skipped
        ? { name: stage.name, seconds: 0, ok: true, skipped: (e as Error).message }
        : { name: stage.name, seconds: 0, ok: false, error: (e as Error)?.stack ?? String(e) };
    }
    outcome.seconds = Math.round((performance.now() - s0) / 100) / 10;
    process.stderr.write(
      `soak: ${stage.name} ${outcome.skipped ? `skipped (${outcome.skipped})` : outcome.ok ? 'done' : `FAILED: ${outcome.error}`} in ${outcome.seconds} s\n`,
    );
    outcomes.push(outcome);
  }
  const report = soakReport(outcomes, Math.round((performance.now() - t0) / 100) / 10);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}
