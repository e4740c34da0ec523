import type { Clock } from '../clock.ts';
import { VarvError } from '../errors.ts';
import type { LifetimeHistogram } from './lifetimeHistogram.ts';

/** Where buffer lifetimes go: a clock to time them and a histogram to keep them. */
export type LifetimeMeter = { clock: Clock; histogram: LifetimeHistogram };

/** Overwrites every byte of a pixel or embedding buffer with zeros. */
export function wipe(buffer: ArrayBufferView): void {
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).fill(0);
}

/**
 * Lends a pixel or embedding buffer to `use` and zeroes it afterwards, also when `use` throws.
 * The buffer itself is passed (no copy is made here); whatever `use` keeps of it reads zeros
 * afterwards. The lifetime from lending to wiping goes into the meter's histogram.
 */
export function lend<B extends ArrayBufferView, R>(buffer: B, use: (b: B) => R, meter?: LifetimeMeter): R {
  const start = meter?.clock.monotonic();
  try {
    const result = use(buffer);
    if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
      // Handle the stray promise, so its rejection cannot crash the process on top of this error.
      (result as unknown as Promise<unknown>).then(undefined, () => undefined);
      throw new VarvError(
        'E_ASYNC_LEND',
        'lend() was given an async function: the buffer would be wiped before it finished; use lendAsync()',
      );
    }
    return result;
  } finally {
    wipe(buffer);
    if (meter && start !== undefined) meter.histogram.record(meter.clock.monotonic() - start);
  }
}

/** `lend` for an asynchronous user (e.g. an inference call): wiped when its promise settles. */
export async function lendAsync<B extends ArrayBufferView, R>(
  buffer: B,
  use: (b: B) => Promise<R>,
  meter?: LifetimeMeter,
): Promise<R> {
  const start = meter?.clock.monotonic();
  try {
    return await use(buffer);
  } finally {
    wipe(buffer);
    if (meter && start !== undefined) meter.histogram.record(meter.clock.monotonic() - start);
  }
}
