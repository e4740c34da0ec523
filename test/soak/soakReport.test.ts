import { describe, expect, it } from 'vitest';
import { soakReport } from './soakReport.ts';

// `npm run soak` adds its stages' parts up into one line; the stages themselves are the fault and
// fuzz tests at full length (test/faults, test/fuzz), run by `npm run soak`, not here.

describe('soakReport', () => {
  it('sums the counts, keeps each stage, and is ok only when nothing was lost, duplicated or broken', () => {
    const r = soakReport(
      [
        {
          name: 'nats',
          seconds: 120,
          ok: true,
          part: { faultsInjected: 1, faultsSurvived: 1, eventsAccepted: 9, eventsLost: 0 },
        },
        { name: 'fuzz', seconds: 3, ok: true, part: { badInputsTried: 500, badInputsFailed: 0 } },
        { name: 'cameras', seconds: 0, ok: true, skipped: 'no camera engine' },
      ],
      123,
    );
    expect(r).toMatchObject({
      loadHeld: null,
      faultsInjected: 1,
      faultsSurvived: 1,
      badInputsTried: 500,
      eventsAccepted: 9,
      eventsLost: 0,
      eventsDuplicated: 0,
      ok: true,
      seconds: 123,
    });
    expect(r.stages.map((s) => s.name)).toEqual(['nats', 'fuzz', 'cameras']);
  });

  it('fails on a lost or duplicated event, a fault not survived, a broken input, a failed stage or a load that did not hold', () => {
    const bad = [
      { eventsLost: 1 },
      { eventsDuplicated: 1 },
      { faultsInjected: 1, faultsSurvived: 0 },
      { badInputsFailed: 1 },
      { loadHeld: false },
    ];
    for (const part of bad)
      expect(soakReport([{ name: 's', seconds: 1, ok: true, part }], 1).ok, JSON.stringify(part)).toBe(false);
    expect(soakReport([{ name: 's', seconds: 1, ok: false, error: 'boom' }], 1).ok).toBe(false);
    expect(soakReport([{ name: 'a', seconds: 1, ok: true, part: { loadHeld: true } }], 1).loadHeld).toBe(
      true,
    );
  });
});
