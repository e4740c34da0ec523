import type { VisitRecords } from './visitRecords.ts';

/** Which pairs of visits a linkage question is about (the second visit relative to the first). */
export const linkScopes = ['interval', 'intervals', 'days', 'epochs', 'stores'] as const;
export type LinkScope = (typeof linkScopes)[number];

/** What each scope means, for reports. */
export const LINK_SCOPE_MEANING: Readonly<Record<LinkScope, string>> = {
  interval: 'the same part of the day (same interval and key epoch, same store) on another day',
  intervals: 'another part of the day (another interval, same store)',
  days: 'another day (any interval, same store)',
  epochs: 'another key epoch (after a key rotation, same store)',
  stores: 'another store',
};

/** Whether record b is in `scope` of record a. */
export function inScope(v: VisitRecords, a: number, b: number, scope: LinkScope): boolean {
  if (a === b) return false;
  const sameStore = v.store[a] === v.store[b];
  switch (scope) {
    case 'interval':
      return (
        sameStore && v.interval[a] === v.interval[b] && v.epoch[a] === v.epoch[b] && v.day[a] !== v.day[b]
      );
    case 'intervals':
      return sameStore && v.interval[a] !== v.interval[b];
    case 'days':
      return sameStore && v.day[a] !== v.day[b];
    case 'epochs':
      return sameStore && v.epoch[a] !== v.epoch[b];
    case 'stores':
      return !sameStore;
  }
}
