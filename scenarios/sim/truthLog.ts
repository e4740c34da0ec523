import type { Person } from './population.ts';

/** One visit as it really happened (the truth log; the analytics never read it). Times: epoch ms. */
export type VisitTruth = {
  type: 'visit';
  day: number;
  visit: number;
  person: number;
  gender: Person['gender'];
  age: Person['age'];
  follower: boolean;
  /** Items on the list, and items actually taken (a stop given up is not shopped). */
  items: number;
  bought: number;
  stops: number;
  skipped: number;
  speed: number;
  entered: number;
  left: number | null;
  till: string | null;
  joinedLine: number | null;
  serviceStart: number | null;
  paid: number | null;
  /** Zones in the order entered: [zone, enter, exit]. */
  zones: [string, number, number][];
  /** Where the shopper stood still on purpose: [pick point or display, start, end]. */
  dwells: [string, number, number][];
  /** Displays passed (their floor area entered), in order. */
  passed: string[];
  /** Share of the store's walkable 2 m tiles the shopper walked through. */
  coverage: number;
};

export type QueueTruth = { type: 'queue'; day: number; till: string; from: number; perSecond: number[] };
export type DayTruth = {
  type: 'day';
  day: number;
  date: string;
  opened: number;
  closed: number;
  arrivals: number;
  visits: number;
  /** When the last shopper went out (epoch ms), null if nobody came. */
  lastOut: number | null;
  /** Shoppers still inside when the day was cut off (a deadlock or jam; should be 0). */
  remaining: number;
  /** Times a walker gave up a stop because its way stayed blocked. */
  stuck: number;
};
/** A member of staff opened or closed a till. */
export type StaffTruth = {
  type: 'staff';
  day: number;
  t: number;
  staff: string;
  action: 'open' | 'close';
  till: string;
};
export type TruthRecord = VisitTruth | QueueTruth | DayTruth | StaffTruth;
