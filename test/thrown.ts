import { expect } from 'vitest';
import { VarvError } from '../engine/errors.ts';

/** The VarvError a call throws; the test fails when it returns or throws something else. */
export function thrown(f: () => unknown): VarvError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VarvError);
    return e as VarvError;
  }
  throw new Error('expected a VarvError, but nothing was thrown');
}
