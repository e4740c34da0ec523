import { formatFigure as f, formatPercent as pc, formatWithInterval as wi } from './formatFigure.ts';

/** What else an explanation draws on, beyond the figure itself. */
export type ExplainContext = {
  seeds: number;
  /** Pooled control success rate per attack figure id (what random groups allow). */
  control: Record<string, number>;
  occupancy: { shareBelowK: number; recordsAtRisk: number; population: 'given' | 'release' } | null;
  bucketMinutes: number;
  epsilon: { budget: number | null; bound: number } | null;
};

const SCOPE: Readonly<Record<string, string>> = {
  interval: 'on which other day, and in which part of that day, you came again',
  intervals: 'in which other part of the same day you came',
  days: 'on which other day you came (not the part of the day)',
  epochs: 'when you came after the store’s key rotated',
  stores: 'when you visited another store of the same chain',
};

const SECRET: Readonly<Record<string, string>> = {
  gender: 'your gender',
  age: 'your age band',
  frequency: 'how often you come (once, 2–3 times, 4 or more)',
};

/** A figure in plain words, with its numbers: what an attacker can do, and how sure the number is. */
export function explainFigure(
  fig: { id: string; value: number; low: number; high: number; n: number | null },
  ctx: ExplainContext,
): string {
  const [head, a, b] = fig.id.split('.');
  const v = wi(fig);
  const over = `${fig.n !== null ? `${fig.n.toLocaleString('en')} attacks` : 'all attacks'} over ${ctx.seeds} seed(s)`;
  const control = ctx.control[fig.id];
  const ctl =
    control !== undefined
      ? ` (on a release with random group IDs the same attack succeeds ${pc(control)} of the time; residual risk takes that away)`
      : '';
  switch (head) {
    case 'singlingOut':
      return `A query over what is released (group, gender, age band, hour, zone) that looks like one regular visitor really is one person with a residual risk of ${v}, from ${over}${ctl}. 0 means the groups add nothing to singling someone out; 1 means every such query finds one person.`;
    case 'inference':
      return `From one of your visits and the other visits that share its group, an attacker guesses ${SECRET[a as string]} with a residual risk of ${v} beyond what they would guess from the release as a whole (${over})${ctl}.`;
    case 'linkability':
      return `An attacker who saw one of your visits and knows ${SCOPE[a as string]} picks your visit among all visits of that time with a residual risk of ${v} (${over})${ctl}. ${fig.value >= 0.5 ? 'More often than not, your visits can be linked this way.' : fig.value >= 0.2 ? 'A noticeable share of visits can be linked this way.' : 'Visits can rarely be linked this way.'}`;
    case 'unlinkability':
      return `How much the group IDs of two visits ${SCOPE[a as string]?.replace(/you came/, 'they were made') ?? ''} tell whether they are one person (Gomez-Barrero et al.'s D↔sys: 0 tells nothing, 1 tells for certain) ${b === 'one' ? 'when half of all pairs are one person (ω = 1, the worst case)' : 'at the realistic share of pairs that are one person'}: ${v}.`;
    case 'posterior':
      return `Two visits in the ${a} on different days that share their group, gender and age band are one person ${pc(fig.value)} of the time (${wi(fig)}): ${fig.value > 0.5 ? 'a shared group is more often than not the same person' : 'a shared group is mostly a different person'}.`;
    case 'occupancy': {
      const o = ctx.occupancy;
      if (a === 'kMedian')
        return `Each (day, part of the day, group) of released sightings is a class; half of them hold at least ${f(fig.value)} different ${fig.value === 1 ? 'person' : 'people'}${o ? `, while ${pc(o.shareBelowK)} hold fewer than 5` : ''}. The k-threshold suppresses aggregates over fewer than k groups; the classes themselves are what an attacker with the raw sightings sees.`;
      if (a === 'prosecutor')
        return `An attacker who knows you are in the release and knows your class re-identifies you with probability 1/k. The worst class ${fig.value >= 1 ? 'holds a single person (k = 1)' : `has k = ${f(1 / fig.value)}`}${o ? `; ${pc(o.recordsAtRisk)} of people-in-classes sit in classes riskier than ARX's 0.2` : ''}.`;
      if (a === 'journalist')
        return `An attacker who does not know whether you are in the release re-identifies you with probability 1/F, F the people in the ${o?.population === 'given' ? 'population (simulated)' : 'release'} who share your class; the worst class gives ${f(fig.value)}.`;
      return `The share of everyone in the release an attacker re-identifies on average (the marketer model): ${v}.`;
    }
    case 'unicity':
      return `An attacker who knows ${(a as string).slice(1)} moment(s) of your visit (zone and ${ctx.bucketMinutes}-minute slot, e.g. seen at the bakery around 17:05) finds yours the only released visit matching them ${pc(fig.value)} of the time (${wi(fig)}); its groups then lead to further visits.`;
    case 'chaining':
      return a === 'share'
        ? `Joining visits on different days that share a group key and attributes into chains assembles ${pc(fig.value)} (${wi(fig)}) of a regular visitor's other visits, starting from their first.`
        : `${pc(fig.value)} (${wi(fig)}) of visitors with two or more visits end up with a clean profile: a chain holding at least two of their visits and nobody else's.`;
    case 'epsilon': {
      const e = ctx.epsilon;
      return `The noisy cross-store releases spent ε = ${f(fig.value)}${e?.budget != null ? ` of a budget of ${f(e.budget)}` : ''}: whatever one person does changes the chance of any outcome of all those releases together by at most a factor e^ε = ${f(e?.bound ?? Math.exp(fig.value))}.`;
    }
    default:
      return `${fig.id}: ${v}`;
  }
}
