/**
 * Area under the ROC curve for telling genuine pairs (one person) from impostor pairs (two
 * people) by a similarity score: the probability that a random genuine pair scores higher than a
 * random impostor pair, ties counting one half (the Mann–Whitney U statistic over n·m).
 */
export function rocAuc(genuine: readonly number[], impostor: readonly number[]): number {
  if (genuine.length === 0 || impostor.length === 0) return Number.NaN;
  const all = [...genuine.map((s) => ({ s, g: true })), ...impostor.map((s) => ({ s, g: false }))].sort(
    (a, b) => a.s - b.s,
  );
  // Sum of the (tie-averaged) ranks of the genuine scores.
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { s: number }).s === (all[i] as { s: number }).s) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as { g: boolean }).g) rankSum += rank;
    i = j;
  }
  const n = genuine.length;
  return (rankSum - (n * (n + 1)) / 2) / (n * impostor.length);
}
