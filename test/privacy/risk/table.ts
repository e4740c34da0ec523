import { SightingTableBuilder } from '../../../engine/privacy/risk/index.ts';
import { AGES, DAY0, GENDERS } from './fixtures.ts';

/** One hand-written sighting: [visit, day offset, interval, group, minute of the day, zone?, gender?, age?, store?]. */
export type Row = [number, number, number, number, number, string?, string?, string?, string?];

/** A table from hand-written rows, with visitOf beside it. */
export function handTable(rows: readonly Row[]) {
  const b = new SightingTableBuilder({ genders: GENDERS, ages: AGES });
  const visitOf: number[] = [];
  for (const [visit, day, interval, group, minute, zone, gender, age, store] of rows) {
    b.add(
      store ?? 's',
      zone ?? 'z',
      group,
      interval,
      DAY0 + day,
      0,
      (DAY0 + day) * 86_400_000 + minute * 60_000,
      gender ?? 'woman',
      age ?? '30-44',
    );
    visitOf.push(visit);
  }
  return { table: b.build(), visitOf: Int32Array.from(visitOf) };
}
