import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { type StaffEmitted, staffMachine } from '../../scenarios/shopper/index.ts';
import {
  runStoreDays,
  type StaffTruth,
  type TruthRecord,
  type VisitTruth,
} from '../../scenarios/sim/index.ts';

const policy = { openAt: 4, closeBelow: 1, closeAfterS: 600 };

function member() {
  const said: StaffEmitted[] = [];
  const actor = createActor(staffMachine, { input: { id: 'post-1', policy } });
  actor.on('*', (e) => said.push(e as StaffEmitted));
  return { actor: actor.start(), said };
}

describe('a member of staff', () => {
  it('walks to a closed till when the lines are long, and opens it on arrival', () => {
    const { actor, said } = member();
    actor.send({ type: 'QUEUES', t: 0, meanLine: 3.9, closed: ['till-4'] });
    expect(said).toEqual([]);
    actor.send({ type: 'QUEUES', t: 30_000, meanLine: 4.5, closed: ['till-4', 'till-5'] });
    expect(said).toEqual([{ type: 'walkToTill', staff: 'post-1', till: 'till-4' }]);
    actor.send({ type: 'AT_TILL' });
    expect(said.at(-1)).toEqual({ type: 'openTill', staff: 'post-1', till: 'till-4' });
    expect(actor.getSnapshot().value).toBe('atTill');
  });

  it('stays on the floor when there is no closed till to open, however long the lines', () => {
    const { actor, said } = member();
    actor.send({ type: 'QUEUES', t: 0, meanLine: 12, closed: [] });
    expect(said).toEqual([]);
    expect(actor.getSnapshot().value).toBe('onFloor');
  });

  it('closes the till only after the lines have stayed short for the whole wait', () => {
    const { actor, said } = member();
    actor.send({ type: 'QUEUES', t: 0, meanLine: 5, closed: ['till-4'] });
    actor.send({ type: 'AT_TILL' });
    actor.send({ type: 'QUEUES', t: 60_000, meanLine: 0.5, closed: [] });
    actor.send({ type: 'QUEUES', t: 300_000, meanLine: 0.5, closed: [] });
    // A long line in between restarts the wait.
    actor.send({ type: 'QUEUES', t: 400_000, meanLine: 2, closed: [] });
    actor.send({ type: 'QUEUES', t: 700_000, meanLine: 0.5, closed: [] });
    actor.send({ type: 'QUEUES', t: 1_200_000, meanLine: 0.5, closed: [] });
    expect(said.some((e) => e.type === 'closeTill')).toBe(false);
    actor.send({ type: 'QUEUES', t: 1_300_000, meanLine: 0.5, closed: [] });
    expect(said.at(-1)).toEqual({ type: 'closeTill', staff: 'post-1', till: 'till-4' });
    expect(actor.getSnapshot().value).toBe('onFloor');
  });
});

describe('staff in a store day', () => {
  it('open the closed till in a rush and close it when it is over; it serves only while open', () => {
    const smoke = loadScenarioFile('scenarios/runs/demo-grocery-smoke.json');
    const truth: TruthRecord[] = [];
    runStoreDays(
      {
        ...smoke,
        clock: { ...smoke.clock, start: '12:00', end: '12:40' } as typeof smoke.clock,
        // A rush for 20 minutes, then a trickle.
        arrivals: {
          perMinute: [
            ['12:00', 9],
            ['12:20', 0.5],
          ],
        },
        staffing: { openAt: 2, closeBelow: 1, closeAfterS: 300 },
      },
      { truth: (r) => truth.push(r) },
    );
    expect(truth.find((t) => t.type === 'day')).toMatchObject({ remaining: 0 });
    const staff = truth.filter((t): t is StaffTruth => t.type === 'staff');
    expect(staff.map((s) => [s.action, s.till])).toEqual([
      ['open', 'till-4'],
      ['close', 'till-4'],
    ]);
    const [opened, closed] = staff.map((s) => s.t) as [number, number];
    const atTill4 = truth.filter((t): t is VisitTruth => t.type === 'visit' && t.till === 'till-4');
    expect(atTill4.length).toBeGreaterThan(0);
    for (const v of atTill4) {
      expect(v.joinedLine as number).toBeGreaterThanOrEqual(opened);
      expect(v.joinedLine as number).toBeLessThan(closed);
    }
  });
});
