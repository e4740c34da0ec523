import type { PrivacySettings } from '../../../engine/layout/index.ts';
import { formatFigure as f, formatPercent as pc, formatWithInterval as wi } from './formatFigure.ts';
import type { FrontierPoint, FrontierRisk, PrivacyUtilityFrontier } from './privacyUtilityFrontier.ts';
import type { Rating, ReportFigure } from './reportFigure.ts';

/** One thing to change to lower a measured risk, with what it costs, derived from the figures. */
export type Recommendation = {
  id:
    | 'rotate-daily'
    | 'frontier-move'
    | 'singling-out'
    | 'fewer-groups'
    | 'coarser-release'
    | 'aggregate-attributes'
    | 'check-keys'
    | 'epsilon'
    | 'none';
  title: string;
  text: string;
  cost: string | null;
  /** The figures it addresses. */
  addresses: string[];
  /** The worst rating among those figures. */
  rating: Rating;
};

export type RecommendationInput = {
  figures: readonly ReportFigure[];
  /** The (first) store's privacy settings. */
  privacy: PrivacySettings;
  /** The quietest (store, day, part of the day) by mean people per group, from the occupancy measure. */
  quietestSlot: { label: string; meanK: number } | null;
  frontier: PrivacyUtilityFrontier | null;
};

const RANK: Readonly<Record<Rating, number>> = { green: 0, amber: 1, red: 2 };
const worst = (figs: readonly ReportFigure[]): Rating =>
  figs.reduce<Rating>((w, x) => (RANK[x.rating] > RANK[w] ? x.rating : w), 'green');
const flagged = (figs: readonly ReportFigure[]) => figs.filter((x) => x.rating !== 'green');
const wr = (r: FrontierRisk) => wi({ value: r.risk, low: r.lo, high: r.hi });
const says = (x: ReportFigure) =>
  `${x.name.replace(/ \(residual risk\)$/, '')} ${wi(x)} (default threshold ${f(x.threshold)})`;

/**
 * What to change to lower the risk, each derived from the measured figures (and the frontier, when
 * measured): only figures rated amber or red call for a change, and each recommendation quotes the
 * numbers it rests on and what the change costs the analytics.
 */
export function recommendations(input: RecommendationInput): Recommendation[] {
  const { figures, privacy, frontier } = input;
  const by = (pred: (id: string) => boolean) => figures.filter((x) => pred(x.id));
  const out: Recommendation[] = [];
  const current = frontier?.points.find((p) => p.current) ?? null;
  const rotated = frontier?.points.find((p) => p.role === 'rotation') ?? null;

  // Linking across days: only key rotation separates days.
  const crossDay = flagged(
    by((id) =>
      ['linkability.interval', 'linkability.days', 'chaining.share', 'chaining.profiled'].includes(id),
    ),
  );
  if (crossDay.length && privacy.rotation !== 'daily') {
    const evidence =
      current && rotated && current.risk.linkDays && rotated.risk.linkDays
        ? ` On the frontier's simulated days, daily rotation took the linkability of a visit to the same person's on another day from ${wr(current.risk.linkDays)} to ${wr(rotated.risk.linkDays)}.`
        : '';
    const rf = current?.utility.returnFrequency;
    const rfRot = rotated?.utility.returnFrequency;
    out.push({
      id: 'rotate-daily',
      title: `Rotate the group keys daily (now: ${privacy.rotation})`,
      text: `The same key across days lets visits on different days be linked: ${crossDay.map(says).join('; ')}. With a new key each day, a group on one day says nothing about the groups of another.${evidence}`,
      cost: `The return-frequency KPI links visits across days under one key, so daily rotation loses it${rf && rfRot ? `: on the frontier's days its estimate went from ${f(rf.estimate)} to ${f(rfRot.estimate)} visits per visit against a truth of ${f(rf.truth)} (scored error ${f(rf.error)} → ${f(rfRot.error)})` : ''}. ${privacy.rotation === 'none' ? 'Weekly rotation keeps it within a week but leaves visits within the week linkable.' : ''}`.trim(),
      addresses: crossDay.map((x) => x.id),
      rating: worst(crossDay),
    });
  }

  // Moving along the frontier.
  const link = figures.find((x) => x.id === 'linkability.interval');
  if (frontier && current?.risk.linkInterval && link && link.rating !== 'green') {
    const cur = current.risk.linkInterval;
    const grid = frontier.points.filter((p) => p.role === 'grid' && p.risk.linkInterval);
    // The least linkable point; among the points the data cannot tell from it, the one whose
    // analytics suffer least; recommended only if clearly less linkable than now.
    const risk = (p: FrontierPoint) => p.risk.linkInterval as FrontierRisk;
    const err = (p: FrontierPoint) => p.utility.returnFrequency?.error ?? Number.POSITIVE_INFINITY;
    const lowest = [...grid].sort((a, b) => risk(a).risk - risk(b).risk)[0];
    const near = lowest ? grid.filter((p) => risk(p).lo <= risk(lowest).hi) : [];
    const pick = [...near].sort((a, b) => err(a) - err(b) || risk(a).risk - risk(b).risk)[0];
    const best = pick && risk(pick).hi < cur.lo ? pick : undefined;
    const trend = frontierTrend(grid);
    const text = best
      ? `Of the groups × consistency grid, ${best.groups} groups at consistency ${best.consistency} lowers the cross-day linkability within a part of the day from ${f(cur.risk)} to ${wr(best.risk.linkInterval as FrontierRisk)} on the frontier's days${(best.risk.linkInterval?.risk ?? 1) > link.threshold ? `, still above the default threshold ${f(link.threshold)}` : ''}${best.pareto ? ' (on the Pareto front)' : ''}. ${trend}`
      : `No point of the groups × consistency grid lowers the cross-day linkability within a part of the day clearly below the current ${f(cur.risk)}; key rotation is what separates days. ${trend}`;
    const cost = best
      ? `Return-frequency error ${f(current.utility.returnFrequency?.error)} → ${f(best.utility.returnFrequency?.error)} per visit (its 95% interval ${f(current.utility.returnFrequencyCiWidth)} → ${f(best.utility.returnFrequencyCiWidth)} wide), median visit duration error ${pc(current.utility.medianVisit?.error ?? Number.NaN)} → ${pc(best.utility.medianVisit?.error ?? Number.NaN)}, flow matrix TV ${f(current.utility.flow?.error)} → ${f(best.utility.flow?.error)}.`
      : null;
    out.push({
      id: 'frontier-move',
      title: best
        ? `Move to ${best.groups} groups, consistency ${best.consistency}`
        : 'The grid offers no clearly lower linkability',
      text,
      cost,
      addresses: [link.id],
      rating: link.rating,
    });
  }

  const single = flagged(by((id) => id === 'singlingOut'));
  if (single.length) {
    const s = single[0] as ReportFigure;
    const lowerSo = frontier?.points
      .filter((p) => p.role === 'grid' && p.risk.singlingOut && p.risk.singlingOut.hi < s.threshold)
      .sort((a, b) => (a.utility.returnFrequency?.error ?? 1) - (b.utility.returnFrequency?.error ?? 1))[0];
    out.push({
      id: 'singling-out',
      title: 'Make fewer queries look like one person',
      text: `${says(s)}. A query over group, gender, age band, hour and zone isolates one regular visitor; more people per group (fewer groups) and attributes released only in aggregates take the terms it needs.${lowerSo ? ` On the frontier's days ${lowerSo.groups} groups at consistency ${lowerSo.consistency} kept singling out at ${wr(lowerSo.risk.singlingOut as FrontierRisk)}.` : ''}`,
      cost: 'Fewer groups mean more collisions: visit durations and return frequency are estimated with wider intervals.',
      addresses: [s.id],
      rating: s.rating,
    });
  }

  const occ = flagged(
    by(
      (id) =>
        id === 'occupancy.prosecutor' ||
        id === 'occupancy.kMedian' ||
        id === 'occupancy.journalist' ||
        id.startsWith('posterior.'),
    ),
  );
  if (occ.length) {
    const kMed = figures.find((x) => x.id === 'occupancy.kMedian');
    const q = input.quietestSlot;
    const target = q && q.meanK > 0 ? powerOfTwoAtMost((privacy.groups * q.meanK) / 5) : null;
    out.push({
      id: 'fewer-groups',
      title:
        target && target < privacy.groups
          ? `Put more people in each group: about ${target} groups instead of ${privacy.groups}`
          : 'Put more people in each group',
      text: `${occ.map(says).join('; ')}.${kMed ? ` Half the (day, part of the day, group) classes hold at least ${f(kMed.value)} ${kMed.value === 1 ? 'person' : 'people'}, but k follows the people per group.` : ''}${q ? ` In the quietest part of the day (${q.label}) ${privacy.groups} groups hold ${f(q.meanK)} people each on average${target && target < privacy.groups ? `; ${target} groups would hold about ${f((q.meanK * privacy.groups) / target)}` : ''}.` : ''} The k-threshold keeps aggregates over fewer than k groups out of reports; raw sightings should reach nobody who could attack them.`,
      cost: 'More collisions per group: return frequency and visit duration are estimated less precisely (see the frontier).',
      addresses: occ.map((x) => x.id),
      rating: worst(occ),
    });
  }

  const uni = flagged(by((id) => id.startsWith('unicity.')));
  if (uni.length) {
    const firstP = uni.reduce((a, b) => (a.id < b.id ? a : b));
    out.push({
      id: 'coarser-release',
      title: 'Release coarser times or zones',
      text: `From ${firstP.id.slice('unicity.p'.length)} known moment(s) of a visit on, the released trace singles it out more often than ${f(firstP.threshold)} (${uni.map((x) => `${x.id.slice('unicity.p'.length)} points: ${wi(x)}`).join('; ')}). Times rounded to a coarser slot, or zones merged, make more visits share those moments.`,
      cost: 'Dwell, interest and queue-by-time KPIs lose resolution.',
      addresses: uni.map((x) => x.id),
      rating: worst(uni),
    });
  }

  const inf = flagged(by((id) => id.startsWith('inference.')));
  if (inf.length)
    out.push({
      id: 'aggregate-attributes',
      title: 'Release gender and age band only in aggregates',
      text: `${inf.map(says).join('; ')}. Attributes on each sighting let the visits that share a group vote on a person's attributes; released only per zone and interval under the k-threshold they cannot.`,
      cost: 'Demographics per zone and interval remain; per-visit attributes do not.',
      addresses: inf.map((x) => x.id),
      rating: worst(inf),
    });

  const keys = flagged(by((id) => /^unlinkability\.(intervals|epochs|stores)\./.test(id)));
  if (keys.length)
    out.push({
      id: 'check-keys',
      title: 'Check the key derivation',
      text: `${keys.map(says).join('; ')}. Groups under different keys (another part of the day, another epoch, another store) should be unrelated; a D↔sys above ${f(keys[0]?.threshold)} says they are not. Check that the keyed hash takes the interval, the epoch and the store's own key.`,
      cost: null,
      addresses: keys.map((x) => x.id),
      rating: worst(keys),
    });

  const eps = flagged(by((id) => id === 'epsilon.spent'));
  if (eps.length)
    out.push({
      id: 'epsilon',
      title: 'Spend less ε on noisy releases',
      text: `${eps.map(says).join('; ')}. Fewer noisy releases per period, or a smaller ε each, keep the total within the budget.`,
      cost: 'Smaller ε means noisier cross-store counts.',
      addresses: eps.map((x) => x.id),
      rating: worst(eps),
    });

  if (!out.length && figures.every((x) => x.rating === 'green'))
    out.push({
      id: 'none',
      title: 'No change needed',
      text: `Every figure is within its default threshold (${figures.length} figures, the whole 95% interval of each).`,
      cost: null,
      addresses: [],
      rating: 'green',
    });
  return out;
}

/** How linkability moves over the grid: with consistency, and with the number of groups; and why, from the effective groups. */
function frontierTrend(grid: readonly FrontierPoint[]): string {
  const mean = (ps: readonly FrontierPoint[], of: (p: FrontierPoint) => number) =>
    ps.reduce((s, p) => s + of(p), 0) / ps.length;
  const link = (p: FrontierPoint) => p.risk.linkInterval?.risk ?? 0;
  const ends = (key: 'consistency' | 'groups') => {
    const values = [...new Set(grid.map((p) => p[key]))].sort((a, b) => a - b);
    if (values.length < 2) return null;
    const lo = values[0] as number;
    const hi = values[values.length - 1] as number;
    return { lo, hi, atLo: grid.filter((p) => p[key] === lo), atHi: grid.filter((p) => p[key] === hi) };
  };
  const along = (key: 'consistency' | 'groups', word: string) => {
    const e = ends(key);
    if (!e) return null;
    const a = mean(e.atLo, link);
    const b = mean(e.atHi, link);
    const dir = Math.abs(b - a) < 0.05 ? 'hardly changes' : b < a ? 'falls' : 'rises';
    return { dir, text: `${dir} as ${word} rises from ${e.lo} to ${e.hi} (mean ${f(a)} → ${f(b)})` };
  };
  const c = along('consistency', 'consistency');
  const g = along('groups', 'the number of groups');
  const parts = [c?.text, g?.text].filter(Boolean);
  if (!parts.length) return '';
  const e = ends('consistency');
  const eff = (ps: readonly FrontierPoint[]) => mean(ps, (p) => p.effectiveGroups);
  const why =
    c && e && c.dir === 'falls'
      ? ` At consistency ${e.hi} the calibrated codes collide: people are spread over about ${f(eff(e.atHi))} groups (against ${f(eff(e.atLo))} at ${e.lo}), so each group hides many visitors; at low consistency a visit's many sightings spread over several groups and form a fingerprint of their own.`
      : '';
  return `Over the grid, the linkability ${parts.join(', and ')}.${why}`;
}

function powerOfTwoAtMost(x: number): number {
  return x < 2 ? 2 : 2 ** Math.floor(Math.log2(x));
}
