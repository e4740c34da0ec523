/**
 * What a notebook needs computed ahead of rendering, by Varv's own code: `notebooks/<name>.data.ts`
 * exports one as its default, and its result is written to `notebooks/data/<name>.json`, which the
 * notebook reads with `FileAttachment("data/<name>.json")`.
 */
export type DataLoader = {
  /**
   * Files and folders (relative to the repository root) the data depends on besides the loader
   * itself and Varv's code (engine/, scenarios/, models/, which always count): a change to any of
   * them makes the cached data stale.
   */
  inputs: readonly string[];
  /** Computes the data: anything JSON can hold. Keep it under a minute on two cores. */
  load(): Promise<unknown> | unknown;
};
