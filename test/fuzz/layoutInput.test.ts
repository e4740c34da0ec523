import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fileProperty, layoutProperties } from './layoutFuzz.ts';

// Issue 10, bad input: store layouts and scenarios, from random JSON and bytes to valid files
// mutated one way. See layoutFuzz.ts for the contract: issues with a path, a rule and a message,
// never a throw; a mutation whose place is known is reported there. `npm run soak` runs more.

const RUNS = Number(process.env.VARV_FUZZ_RUNS ?? 60);

describe('bad store layouts and scenarios', () => {
  for (const { name, property } of layoutProperties())
    it(name, () => {
      fc.assert(property, { numRuns: RUNS });
    }, 60_000);

  it('random bytes in a file are refused with a path, never a throw', () => {
    fc.assert(fileProperty(), { numRuns: RUNS });
  });
});
