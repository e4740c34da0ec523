import type { EventType, VarvEvent } from '../events/index.ts';

/** A different event under a (store, seq) that is already taken: reported, never stored. */
export type Conflict = {
  store: string;
  seq: number;
  /** The event that was refused. */
  incoming: VarvEvent;
  /** The type of the event that holds the key (the first one to arrive keeps it). */
  existingType: EventType;
};

/** What an insert did with each event: stored it, recognised a re-send, or refused a conflict. */
export type InsertResult = { inserted: number; duplicates: number; conflicts: Conflict[] };

/** Events of one store, by time. `from` inclusive, `to` exclusive (epoch ms); `after` resumes a page. */
export type EventQuery = {
  from?: number;
  to?: number;
  types?: readonly EventType[];
  /** Only events after this (t, seq), for paging with `limit`. */
  after?: { t: number; seq: number };
  limit?: number;
};

/** Sightings per zone and hour: from raw rows while they are kept, from the rollup after retention. */
export type HourlySightings = { zone: string; hour: number; sightings: number; groups: number };

/** Raw events held for a store, by type (sightings past retention are no longer counted). */
export type EventCounts = Record<EventType, number>;

export type RetentionResult = {
  /** Raw sightings before this instant (epoch ms, on an hour boundary) were rolled up and deleted. */
  cutoff: number;
  deleted: number;
  /** (store, zone, hour) rows written to or merged into the hourly rollup. */
  hours: number;
};

/**
 * The store's outbox: events accepted locally and not yet acknowledged by the cloud. Lives in the
 * same database as the events, so that accepting an event and queueing it are one transaction.
 */
export type Outbox = {
  /** Stores the events and queues the new ones for sending, atomically; same result as `insert`. */
  append(events: readonly VarvEvent[]): Promise<InsertResult>;
  /** Up to `limit` queued events, ordered by (store, seq). */
  pending(limit: number): Promise<VarvEvent[]>;
  /** Removes these events of a store from the queue (after the cloud acknowledged them); how many were queued. */
  markSent(store: string, seqs: readonly number[]): Promise<number>;
  /** How many events are queued. */
  size(): Promise<number>;
};

/**
 * Where events are kept, in the store (with its outbox) and in the cloud. One interface, two
 * adapters with the same SQL and migrations: PGlite (embedded, a folder or memory) and a
 * PostgreSQL server. Writes are idempotent by (store, seq), the one key across all event types.
 */
export type EventStore = {
  readonly engine: 'pglite' | 'postgres';
  /** A folder, `memory://`, or the database URL without its password. */
  readonly location: string;
  /** The schema version after migrations ran at open. */
  readonly schemaVersion: number;
  /**
   * Stores events in one transaction. A re-sent event (same key, same content) is a no-op and
   * counted as a duplicate; a different event under a taken key is a conflict, returned and not
   * stored. Invalid events are refused as a whole (`E_EVENT_INVALID`) before anything is written.
   */
  insert(events: readonly VarvEvent[]): Promise<InsertResult>;
  readonly outbox: Outbox;
  /** One event by its key, if it is held (raw). */
  get(store: string, seq: number): Promise<VarvEvent | undefined>;
  /** Events of a store ordered by (t, seq). */
  events(store: string, query?: EventQuery): Promise<VarvEvent[]>;
  /** The highest seq seen from a store (also of events whose raw row is gone), or null. */
  highestSeq(store: string): Promise<number | null>;
  /**
   * The seqs of a store missing below its highest, as inclusive ranges: what has not arrived (yet).
   * Empty when every seq from 0 to the highest is held (as a key: retention does not make gaps).
   */
  gaps(store: string): Promise<{ from: number; to: number }[]>;
  /** The highest seq of every store seen, by store id. */
  highestSeqs(): Promise<Map<string, number>>;
  /** Raw events of a store per type, optionally within [from, to). */
  count(store: string, range?: { from?: number; to?: number }): Promise<EventCounts>;
  /** Sightings and distinct groups per zone and hour within [from, to). */
  hourlySightings(store: string, range?: { from?: number; to?: number }): Promise<HourlySightings[]>;
  /**
   * Rolls raw sightings older than `days` (before `now`, rounded down to the hour) up into the
   * hourly table and deletes them, in one statement. An hour with a sighting still in the outbox
   * stays whole until it is sent. Counts and health events are kept. The keys stay too, so a late
   * re-send of a deleted sighting is still a duplicate.
   */
  applyRetention(opts: { now: number; days?: number }): Promise<RetentionResult>;
  close(): Promise<void>;
};

/** Raw sightings are kept this many days unless configured otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
