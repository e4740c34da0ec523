import { TOP_GROUPS, type VisitRecords } from './visitRecords.ts';

/**
 * How much two visits agree on group IDs: the overlap of their group histograms (the sum over
 * shared group numbers of the smaller share), 0 (no group in common) to 1 (the same groups in the
 * same shares). Group numbers are compared as numbers, whatever interval, epoch or store they were
 * hashed in: where the hash keys differ, an agreement is a coincidence, and an unlinkability
 * measure on this score shows whether the keys really separate.
 */
export function groupScore(v: VisitRecords, a: number, b: number): number {
  let s = 0;
  const ga = a * TOP_GROUPS;
  const gb = b * TOP_GROUPS;
  for (let i = 0; i < TOP_GROUPS; i++) {
    const g = v.groups[ga + i] as number;
    if (g < 0) break;
    for (let j = 0; j < TOP_GROUPS; j++) {
      const h = v.groups[gb + j] as number;
      if (h < 0) break;
      if (h === g) {
        s += Math.min(v.shares[ga + i] as number, v.shares[gb + j] as number);
        break;
      }
    }
  }
  return s;
}

/** How many released attributes (gender, age band) two visits agree on: 0, 1 or 2. */
export function attributeAgreement(v: VisitRecords, a: number, b: number): number {
  const g = v.gender[a] as number;
  const y = v.age[a] as number;
  return (g >= 0 && g === v.gender[b] ? 1 : 0) + (y >= 0 && y === v.age[b] ? 1 : 0);
}
