import type { ReportSection } from './reportFigure.ts';

const SCOPE_SHORT: Readonly<Record<string, string>> = {
  interval: 'same part of the day, another day',
  intervals: 'another part of the day',
  days: 'another day, any part of it',
  epochs: 'across key epochs',
  stores: 'across stores',
};

/** A figure's name, unit and report section, from its id. */
export function figureName(
  id: string,
  ctx: { omega?: Record<string, number | null> } = {},
): { name: string; unit: string; section: ReportSection } {
  const [head, a, b] = id.split('.');
  switch (head) {
    case 'singlingOut':
      return { name: 'Singling out (residual risk)', unit: '', section: 'attacks' };
    case 'inference':
      return {
        name: `Inference of ${a === 'age' ? 'age band' : a === 'frequency' ? 'visit frequency' : a} (residual risk)`,
        unit: '',
        section: 'attacks',
      };
    case 'linkability':
      return {
        name: `Linkability: ${SCOPE_SHORT[a as string]} (residual risk)`,
        unit: '',
        section: 'linkability',
      };
    case 'unlinkability': {
      const omega = ctx.omega?.[a as string];
      const prior =
        b === 'one'
          ? 'ω = 1'
          : `realistic prior${omega ? ` (ω = ${omega.toPrecision(2)}, 1 in ${Math.round(1 / omega).toLocaleString('en')} pairs mated)` : ''}`;
      return { name: `D↔sys: ${SCOPE_SHORT[a as string]}, ${prior}`, unit: '', section: 'unlinkability' };
    }
    case 'posterior':
      return { name: `P(same person | same group, attributes), ${a}`, unit: '', section: 'posterior' };
    case 'occupancy':
      return a === 'kMedian'
        ? { name: 'Group occupancy k (median over classes)', unit: 'people', section: 'occupancy' }
        : {
            name: `${(a as string)[0]?.toUpperCase()}${(a as string).slice(1)} risk${a === 'marketer' ? ' (average)' : ' (highest)'}`,
            unit: '',
            section: 'occupancy',
          };
    case 'unicity':
      return {
        name: `Trajectory unicity, ${(a as string).slice(1)} known point(s)`,
        unit: '',
        section: 'unicity',
      };
    case 'chaining':
      return a === 'share'
        ? {
            name: "Profile chaining: share of a visitor's other visits assembled",
            unit: '',
            section: 'chaining',
          }
        : { name: 'Profile chaining: visitors with a clean profile', unit: '', section: 'chaining' };
    case 'epsilon':
      return { name: 'ε spent on noisy releases', unit: 'ε', section: 'epsilon' };
    default:
      return { name: id, unit: '', section: 'attacks' };
  }
}
