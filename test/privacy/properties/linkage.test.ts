import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  inference,
  inferenceSecrets,
  linkability,
  linkScores,
  profileChaining,
  sameGroupPosterior,
  singlingOut,
  unlinkability,
} from '../../../engine/privacy/risk/index.ts';
import {
  attacksPerRun,
  configUnderTest,
  describeConfig,
  type LabUnderTest,
  labUnderTest,
} from './labUnderTest.ts';

// Linkage properties of one configuration's release (see labUnderTest.ts for which). Each states in
// plain words what an attacker cannot do, and the threshold it checks against the upper end of the
// figure's 95% interval. fast-check draws the attacker's random choices (which visits are targets,
// which queries are tried): the property must hold for any of them.

const config = configUnderTest();
const t = config.thresholds;
const attacks = attacksPerRun(config);
const seeds = fc.integer({ min: 0, max: 0x7fff_ffff });
// Seeded from the configuration: a run reproduces, like every result of the lab.
const runs = { numRuns: 3, seed: config.seed };

describe(`linkage properties of ${describeConfig(config)}`, () => {
  let lab: LabUnderTest;
  beforeAll(() => {
    lab = labUnderTest(config);
  }, 300_000);

  it(`an attacker who saw one of your visits and knows on which other day and in which part of the day you came picks your visit with a residual risk of at most ${t.linkAcrossDays}`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const r = linkability(lab.records, lab.identities, {
          scope: 'interval',
          seed,
          targets: attacks,
          people: lab.people,
        });
        // No two visits of one person in one part of the day on two days: nothing to link.
        if (r.mated === 0) return;
        expect(r.hi).toBeLessThanOrEqual(t.linkAcrossDays);
      }),
      runs,
    );
  });

  it(`your groups in one part of the day say nothing about your groups in another: D↔sys across intervals at most ${t.separationIntervals}`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const s = linkScores(lab.records, lab.people, 'intervals', { seed, nonMated: 10_000 });
        if (s.mated.length === 0) return;
        expect(unlinkability(s.mated, s.nonMated, { seed }).atOne.hi).toBeLessThanOrEqual(
          t.separationIntervals,
        );
      }),
      runs,
    );
  });

  it(`a query over released attributes (group, gender, age band, hour, zone) that seems to single out a regular visitor does so with a residual risk of at most ${t.singlingOut}`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const r = singlingOut(lab.records, lab.identities, { seed, attacks, people: lab.people });
        // No query looked like one person on several days (e.g. keys rotate daily): nobody singled out.
        if (r.attacks === 0) return;
        expect(r.hi).toBeLessThanOrEqual(t.singlingOut);
      }),
      runs,
    );
  });

  it(`from one of your visits and the visits that share its group, an attacker infers your gender, age band or how often you come with a residual risk of at most ${t.inference}`, () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom(...inferenceSecrets), (seed, secret) => {
        const r = inference(lab.records, lab.identities, { secret, seed, attacks, people: lab.people });
        expect(r.hi).toBeLessThanOrEqual(t.inference);
      }),
      runs,
    );
  });

  it(`two visits on different days that share a group, a gender and an age band are the same person at most ${t.posterior} of the time, in every part of the day`, () => {
    const post = sameGroupPosterior(lab.records, lab.people);
    for (const { interval, posterior } of post.byInterval) {
      if (posterior.n === 0) continue;
      expect(posterior.hi, interval).toBeLessThanOrEqual(t.posterior);
    }
  });

  it(`an attacker who chains group IDs across days assembles at most ${t.profileShare} of a regular visitor's other visits`, () => {
    const c = profileChaining(lab.records, lab.people, { seed: config.seed });
    expect(c.share.hi).toBeLessThanOrEqual(t.profileShare);
  });
});
