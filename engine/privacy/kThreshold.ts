/** The default k: an aggregate built from fewer distinct groups than this is suppressed. */
export const DEFAULT_K = 5;

/** One cell of an aggregate: its value and the distinct group IDs it was built from. */
export type Cell<T> = { value: T; groups: ReadonlySet<number> | number };

/** A released cell: the value, or null with `suppressed` when fewer than k groups made it. */
export type Released<T> = { value: T; suppressed: false } | { value: null; suppressed: true };

/** Applies the k-threshold to one cell. */
export function release<T>(cell: Cell<T>, k = DEFAULT_K): Released<T> {
  const distinct = typeof cell.groups === 'number' ? cell.groups : cell.groups.size;
  return distinct >= k ? { value: cell.value, suppressed: false } : { value: null, suppressed: true };
}

/** Applies the k-threshold to every cell of an aggregate, keeping its keys. */
export function releaseAll<K, T>(cells: ReadonlyMap<K, Cell<T>>, k = DEFAULT_K): Map<K, Released<T>> {
  return new Map([...cells].map(([key, cell]) => [key, release(cell, k)]));
}
