import { seededRng } from '../random.ts';
import { TOP_GROUPS, type VisitRecords } from './visitRecords.ts';
import { visitSlots } from './visitSlots.ts';

/**
 * The control release: the same visit records with their group IDs (the top groups with their
 * shares, and the bridge group) dealt out again at random among the visits of the same slot
 * (store, day, interval). Everything else — times, zones, attributes, how many visits share a
 * group — is unchanged. The same attack run on it (the attacker cannot tell) measures what the
 * attack achieves when the group IDs carry no identity; the difference from the real release is
 * what the group IDs add.
 */
export function shuffledControl(v: VisitRecords, seed: number): VisitRecords {
  const rng = seededRng(`control|${seed}`);
  const slots = visitSlots(v);
  const groups = new Int32Array(v.groups.length);
  const shares = new Float32Array(v.shares.length);
  const bridgeGroup = new Int32Array(v.length);
  const bridgeInterval = new Int8Array(v.length);
  const bridgeDay = new Int32Array(v.length);
  const bridgeEpoch = new Int32Array(v.length);
  for (let k = 0; k < slots.count; k++) {
    const members = Array.from(slots.records.subarray(slots.start[k], slots.start[k + 1]));
    const donors = members.slice();
    for (let i = donors.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const tmp = donors[i] as number;
      donors[i] = donors[j] as number;
      donors[j] = tmp;
    }
    members.forEach((r, i) => {
      const d = donors[i] as number;
      groups.set(v.groups.subarray(d * TOP_GROUPS, (d + 1) * TOP_GROUPS), r * TOP_GROUPS);
      shares.set(v.shares.subarray(d * TOP_GROUPS, (d + 1) * TOP_GROUPS), r * TOP_GROUPS);
      bridgeGroup[r] = v.bridgeGroup[d] as number;
      bridgeInterval[r] = v.bridgeInterval[d] as number;
      bridgeDay[r] = v.bridgeDay[d] as number;
      bridgeEpoch[r] = v.bridgeEpoch[d] as number;
    });
  }
  return { ...v, groups, shares, bridgeGroup, bridgeInterval, bridgeDay, bridgeEpoch };
}
