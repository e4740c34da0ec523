import { DayIntervals } from './engine/privacy/intervals.ts';

const nextName = { morning: 'lunch', lunch: 'afternoon', afternoon: 'morning' } as const;
for (const zone of [
  'America/Santiago',
  'Australia/Lord_Howe',
  'America/Havana',
  'Asia/Beirut',
  'America/Sao_Paulo',
])
  for (const b of [
    ['06:00', '11:00', '14:00'],
    ['00:00', '00:30', '23:59'],
    ['00:15', '11:00', '14:00'],
  ] as const) {
    const d = new DayIntervals(zone, b as any);
    let errs = 0;
    let first = '';
    for (let t = Date.UTC(2015, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 60_000) {
      try {
        const p = d.at(t);
        const n = d.at(p.end);
        if (n.start !== p.end || nextName[p.interval] !== n.interval || !(p.start <= t && t < p.end)) {
          errs++;
          if (!first) first = new Date(t).toISOString() + JSON.stringify([p, n]);
        }
      } catch (e) {
        errs++;
        if (!first) first = new Date(t).toISOString() + String(e);
      }
    }
    console.log(zone, b.join(','), errs, first);
  }
