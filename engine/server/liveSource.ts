import type { StoreLayout } from '../layout/index.ts';
import type { RangeKpis } from './kpis.ts';
import type { LiveTick } from './liveState.ts';
import type { StoreReport } from './storeReport.ts';

/** Synthetic shoppers' positions: sent only in simulation mode, and labelled so. */
export type SimulatedAgents = {
  type: 'agents';
  simulated: true;
  store: string;
  t: number;
  /** Synthetic agents' ids (for smooth motion) and positions, x and y interleaved (m). */
  ids: number[];
  xy: number[];
};

/** Where the server's data comes from: a store's events (live, or a simulation replayed as if live). */
export interface LiveSource {
  readonly mode: 'live' | 'simulation';
  stores(): readonly StoreLayout[];
  /** The store clock now (epoch ms): every event up to this moment is in. */
  now(): number;
  /** The span of data held for a store (for the time scrubber). */
  range(store: string): Promise<{ from: number; to: number } | null>;
  /** The live aggregates at time t (now, or a past moment for replay). */
  tickAt(store: string, t: number): Promise<LiveTick>;
  kpis(store: string, from: number, to: number): Promise<RangeKpis>;
  /** Every KPI of the analytics over a range (the reports page). */
  report?(store: string, from: number, to: number): Promise<StoreReport>;
  /** Simulation mode only. */
  agents?(store: string): SimulatedAgents | null;
}
