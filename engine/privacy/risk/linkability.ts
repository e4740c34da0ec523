import { seededRng } from '../random.ts';
import { wilson } from '../wilson.ts';
import { attributeAgreement, groupScore } from './groupScore.ts';
import { type Identities, type PersonIndex, personIndex } from './identities.ts';
import { inScope, type LinkScope } from './linkScope.ts';
import { pairHash } from './pairHash.ts';
import { type AttackRisk, residualRisk } from './riskFigure.ts';
import { shuffledControl } from './shuffledControl.ts';
import { TOP_GROUPS, type VisitRecords } from './visitRecords.ts';
import { type VisitSlots, visitSlots } from './visitSlots.ts';

/**
 * A linkage target: the attacker holds record `from` (they saw that visit) and knows the slot
 * (store, day, interval) of `to`, another visit of the same person in the scope; they must pick
 * which visit of that slot it was.
 */
export type LinkTargets = { from: Int32Array; to: Int32Array; mated: number };

/**
 * Draws up to `max` targets: pairs of records of one person with the second in `scope` of the first,
 * uniformly from all such pairs (`mated` says how many there were).
 */
export function linkTargets(
  v: VisitRecords,
  people: PersonIndex,
  scope: LinkScope,
  max: number,
  seed: number,
): LinkTargets {
  const from: number[] = [];
  const to: number[] = [];
  for (let p = 0; p < people.persons; p++) {
    const a0 = people.start[p] as number;
    const a1 = people.start[p + 1] as number;
    for (let i = a0; i < a1; i++)
      for (let j = a0; j < a1; j++) {
        const a = people.records[i] as number;
        const b = people.records[j] as number;
        if (inScope(v, a, b, scope)) {
          from.push(a);
          to.push(b);
        }
      }
  }
  const mated = from.length;
  const rng = seededRng(`targets|${scope}|${seed}`);
  const take = Math.min(max, mated);
  // Partial Fisher–Yates: the first `take` of a random permutation.
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng() * (mated - i));
    [from[i], from[j]] = [from[j] as number, from[i] as number];
    [to[i], to[j]] = [to[j] as number, to[i] as number];
  }
  return { from: Int32Array.from(from.slice(0, take)), to: Int32Array.from(to.slice(0, take)), mated };
}

/** Whether candidate c beats the current best for target a: group score, then attributes, then hash. */
export function betterCandidate(v: VisitRecords, a: number, c: number, best: number, seed: number): boolean {
  if (best < 0) return true;
  const sc = groupScore(v, a, c);
  const sb = groupScore(v, a, best);
  if (sc !== sb) return sc > sb;
  const ac = attributeAgreement(v, a, c);
  const ab = attributeAgreement(v, a, best);
  if (ac !== ab) return ac > ab;
  const hc = pairHash(seed, a, c);
  const hb = pairHash(seed, a, best);
  return hc !== hb ? hc < hb : c < best;
}

/** The (slot, group) index of a release: which records of each slot have each group among their top groups. */
type SlotGroupIndex = { span: number; lists: Map<number, number[]> };
const indexes = new WeakMap<VisitRecords, { slots: VisitSlots; index: SlotGroupIndex }>();

function slotGroupIndex(v: VisitRecords, slots: VisitSlots): SlotGroupIndex {
  const cached = indexes.get(v);
  if (cached && cached.slots === slots) return cached.index;
  const lists = new Map<number, number[]>();
  let span = 1;
  for (let i = 0; i < v.groups.length; i++) span = Math.max(span, (v.groups[i] as number) + 1);
  for (let r = 0; r < v.length; r++) {
    for (let j = 0; j < TOP_GROUPS; j++) {
      const g = v.groups[r * TOP_GROUPS + j] as number;
      if (g < 0) break;
      const key = (slots.of[r] as number) * span + g;
      const list = lists.get(key);
      if (list) list.push(r);
      else lists.set(key, [r]);
    }
  }
  const index = { span, lists };
  indexes.set(v, { slots, index });
  return index;
}

/**
 * The linkage attack, indexed: for each target, the candidates of the slot that share a group with
 * the target come from a (slot, group) index; only when none does is the whole slot compared, on
 * attributes and the tie-break alone (every candidate's group score is 0 then). Picks the best
 * candidate by group agreement, then agreement on released gender and age band, then a seeded hash
 * — exactly what comparing every visit of the slot would pick.
 */
export function linkPicks(
  v: VisitRecords,
  targets: LinkTargets,
  seed: number,
  slots = visitSlots(v),
): Int32Array {
  const picks = new Int32Array(targets.from.length);
  if (picks.length === 0) return picks;
  const { span, lists } = slotGroupIndex(v, slots);
  for (let t = 0; t < picks.length; t++) {
    const a = targets.from[t] as number;
    const slot = slots.of[targets.to[t] as number] as number;
    let best = -1;
    let bestScore = -1;
    let bestAttr = -1;
    let bestHash = 0;
    for (let j = 0; j < TOP_GROUPS; j++) {
      const g = v.groups[a * TOP_GROUPS + j] as number;
      if (g < 0) break;
      for (const c of lists.get(slot * span + g) ?? []) {
        if (c === a || c === best) continue;
        // The order of betterCandidate, with the best's score, attributes and hash kept.
        const score = groupScore(v, a, c);
        if (score < bestScore) continue;
        const attr = attributeAgreement(v, a, c);
        if (score === bestScore && attr < bestAttr) continue;
        const h = pairHash(seed, a, c);
        if (score > bestScore || attr > bestAttr || h < bestHash || (h === bestHash && c < best)) {
          best = c;
          bestScore = score;
          bestAttr = attr;
          bestHash = h;
        }
      }
    }
    if (best < 0) {
      for (let i = slots.start[slot] as number; i < (slots.start[slot + 1] as number); i++) {
        const c = slots.records[i] as number;
        if (c === a) continue;
        const attr = attributeAgreement(v, a, c);
        if (attr < bestAttr) continue;
        const h = pairHash(seed, a, c);
        if (attr > bestAttr || h < bestHash || (h === bestHash && c < best)) {
          best = c;
          bestAttr = attr;
          bestHash = h;
        }
      }
    }
    picks[t] = best;
  }
  return picks;
}

export type LinkabilityRisk = AttackRisk & { scope: LinkScope; mated: number };

/**
 * Linkability (Anonymeter's linkability attack, adapted): an attacker who saw one of your visits and
 * knows when (store, day, part of the day) you came another time picks your other visit among that
 * slot's visits. Success: the pick is yours. Control: the same attack on the release with group IDs
 * dealt out at random within each slot (group IDs that carry no identity). Baseline: a random
 * visit of the slot.
 */
export function linkability(
  v: VisitRecords,
  id: Identities,
  opts: { scope: LinkScope; seed: number; targets?: number; people?: PersonIndex; control?: VisitRecords },
): LinkabilityRisk {
  const people = opts.people ?? personIndex(v, id);
  const seed = opts.seed;
  const targets = linkTargets(v, people, opts.scope, opts.targets ?? 2000, seed);
  const slots = visitSlots(v);
  const control = opts.control ?? shuffledControl(v, seed);
  const score = (picks: Int32Array) => {
    let ok = 0;
    for (let t = 0; t < picks.length; t++) {
      const c = picks[t] as number;
      if (c >= 0 && people.of[c] === people.of[targets.from[t] as number]) ok++;
    }
    return wilson(ok, picks.length);
  };
  const baseline = new Int32Array(targets.from.length);
  for (let t = 0; t < baseline.length; t++) {
    const slot = slots.of[targets.to[t] as number] as number;
    const size = (slots.start[slot + 1] as number) - (slots.start[slot] as number);
    const h = pairHash(seed ^ 0x5bd1e995, targets.from[t] as number, targets.to[t] as number);
    baseline[t] = slots.records[(slots.start[slot] as number) + (h % size)] as number;
  }
  const risk = residualRisk(
    score(linkPicks(v, targets, seed, slots)),
    score(linkPicks(control, targets, seed, slots)),
    score(baseline),
    seed,
  );
  return { ...risk, scope: opts.scope, mated: targets.mated };
}
