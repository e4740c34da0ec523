import { VarvError } from '../errors.ts';
import { decodeEvent, type EventType, parseEvent, type VarvEvent } from '../events/index.ts';
import { EventColumns, eventDigest, rowToEvent } from './eventRows.ts';
import {
  type Conflict,
  DEFAULT_RETENTION_DAYS,
  type EventCounts,
  type EventQuery,
  type EventStore,
  type HourlySightings,
  type InsertResult,
  type Outbox,
  type RetentionResult,
} from './eventStore.ts';
import { migrate } from './migrations.ts';
import type { Row, Sql, SqlQuery } from './sql.ts';
import * as q from './statements.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Rows per insert statement: large enough to amortise a round trip, small enough for PGlite's memory. */
const CHUNK = 5000;
const ALL_TYPES: readonly EventType[] = ['sighting', 'count', 'health'];
/** Larger than any epoch-ms time an event can carry. */
const NO_END = Number.MAX_SAFE_INTEGER;

/** An event of a batch, with its fingerprint and its place in the batch (conflicts come back in that order). */
type Offer = { event: VarvEvent; digest: string; index: number };
/** All offers of one key in a batch: the first goes to the database, the rest are judged against the holder. */
type KeyOffers = { first: Offer; rest: Offer[] };
/** Who holds a key after the insert: the batch's first offer, or an event stored before. */
type Holder = { type: EventType; digest: string };

/** The event store over any `Sql` connection: every adapter runs this same code and SQL. */
export class SqlEventStore implements EventStore {
  readonly outbox: Outbox;

  private constructor(
    private readonly sql: Sql,
    readonly schemaVersion: number,
  ) {
    this.outbox = {
      append: (events) => this.write(events, true),
      pending: (limit) => this.pending(limit),
      markSent: (store, seqs) => this.markSent(store, seqs),
      size: async () => Number((await this.sql.query(q.outboxSizeSql))[0]?.n ?? 0),
    };
  }

  /** Migrates the database to the current schema, then opens the store on it. */
  static async open(sql: Sql): Promise<SqlEventStore> {
    const { version } = await migrate(sql);
    return new SqlEventStore(sql, version);
  }

  get engine() {
    return this.sql.engine;
  }
  get location() {
    return this.sql.location;
  }

  insert(events: readonly VarvEvent[]): Promise<InsertResult> {
    return this.write(events, false);
  }

  private async write(events: readonly VarvEvent[], toOutbox: boolean): Promise<InsertResult> {
    const byKey = new Map<string, KeyOffers>();
    events.forEach((event, index) => {
      checkStorable(event, index);
      const offer = { event, digest: eventDigest(event), index };
      const key = keyOf(event.store, event.seq);
      const offers = byKey.get(key);
      if (offers) offers.rest.push(offer);
      else byKey.set(key, { first: offer, rest: [] });
    });
    const firsts = [...byKey.values()]
      .map((o) => o.first)
      .sort((a, b) =>
        a.event.store < b.event.store ? -1 : a.event.store > b.event.store ? 1 : a.event.seq - b.event.seq,
      );
    // Keys that were already held, with their holders; every other first offer was inserted.
    const held = new Map<string, Holder>();
    if (firsts.length > 0)
      await this.sql.transaction(async (tx) => {
        for (let at = 0; at < firsts.length; at += CHUNK)
          for (const [key, holder] of await insertChunk(tx, firsts.slice(at, at + CHUNK), toOutbox))
            held.set(key, holder);
      });
    const result: InsertResult = { inserted: 0, duplicates: 0, conflicts: [] };
    const conflicts: { index: number; conflict: Conflict }[] = [];
    for (const [key, { first, rest }] of byKey) {
      const holder = held.get(key) ?? { type: first.event.type, digest: first.digest };
      if (!held.has(key)) result.inserted++;
      for (const offer of held.has(key) ? [first, ...rest] : rest) {
        if (offer.digest === holder.digest) result.duplicates++;
        else conflicts.push({ index: offer.index, conflict: conflict(offer.event, holder.type) });
      }
    }
    result.conflicts = conflicts.sort((a, b) => a.index - b.index).map((c) => c.conflict);
    return result;
  }

  private async pending(limit: number): Promise<VarvEvent[]> {
    if (!(Number.isInteger(limit) && limit > 0))
      throw new RangeError(`limit must be a positive integer (got ${limit})`);
    return (await this.sql.query(q.pendingSql, [limit])).map((r) => {
      const d = decodeEvent(r.payload as string);
      if (!d.ok)
        throw new VarvError('E_DB_CORRUPT', `an outbox row is not a valid event: ${d.issues[0]?.message}`);
      return d.value;
    });
  }

  private async markSent(store: string, seqs: readonly number[]): Promise<number> {
    if (seqs.length === 0) return 0;
    const rows = await this.sql.query(q.markSentSql, [store, seqs]);
    return rows.length;
  }

  async get(store: string, seq: number): Promise<VarvEvent | undefined> {
    const rows = await this.sql.query(q.eventByKeySql, [store, seq]);
    return rows[0] ? rowToEvent(rows[0]) : undefined;
  }

  async events(store: string, query: EventQuery = {}): Promise<VarvEvent[]> {
    const rows = await this.sql.query(q.eventsInRangeSql, [
      store,
      query.from ?? 0,
      query.to ?? NO_END,
      query.types ?? ALL_TYPES,
      query.after?.t ?? -1,
      query.after?.seq ?? -1,
      query.limit ?? null,
    ]);
    return rows.map(rowToEvent);
  }

  async highestSeq(store: string): Promise<number | null> {
    const seq = (await this.sql.query(q.highestSeqSql, [store]))[0]?.seq;
    return seq == null ? null : Number(seq);
  }

  async gaps(store: string): Promise<{ from: number; to: number }[]> {
    const rows = await this.sql.query(q.gapsSql, [store]);
    return rows.map((r) => ({ from: Number(r.first), to: Number(r.last) }));
  }

  async highestSeqs(): Promise<Map<string, number>> {
    const rows = await this.sql.query(q.highestSeqsSql);
    return new Map(rows.map((r) => [r.store as string, Number(r.seq)]));
  }

  async count(store: string, range: { from?: number; to?: number } = {}): Promise<EventCounts> {
    const counts: EventCounts = { sighting: 0, count: 0, health: 0 };
    const rows = await this.sql.query(q.countSql, [store, range.from ?? 0, range.to ?? NO_END]);
    for (const r of rows) counts[r.type as EventType] = Number(r.n);
    return counts;
  }

  async hourlySightings(
    store: string,
    range: { from?: number; to?: number } = {},
  ): Promise<HourlySightings[]> {
    const from = Math.floor((range.from ?? 0) / HOUR_MS) * HOUR_MS;
    const to = range.to === undefined ? NO_END : Math.ceil(range.to / HOUR_MS) * HOUR_MS;
    const rows = await this.sql.query(q.hourlySightingsSql, [store, from, to]);
    return rows.map((r) => ({
      zone: r.zone as string,
      hour: Number(r.hour),
      sightings: Number(r.sightings),
      groups: Number(r.groups),
    }));
  }

  async applyRetention({
    now,
    days = DEFAULT_RETENTION_DAYS,
  }: {
    now: number;
    days?: number;
  }): Promise<RetentionResult> {
    if (!(days >= 0)) throw new VarvError('E_CONFIG', `retention must be 0 days or more (got ${days})`);
    const cutoff = Math.floor((now - days * DAY_MS) / HOUR_MS) * HOUR_MS;
    const row = (await this.sql.query(q.retentionSql, [cutoff]))[0];
    return { cutoff, deleted: Number(row?.deleted ?? 0), hours: Number(row?.hours ?? 0) };
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

/**
 * One insert statement for up to CHUNK events with distinct keys, sorted by key. Returns the keys
 * that were already held, with their holders; the others were inserted.
 */
async function insertChunk(tx: SqlQuery, chunk: Offer[], toOutbox: boolean): Promise<Map<string, Holder>> {
  const cols = new EventColumns();
  for (const { event, digest } of chunk) cols.add(event, digest, toOutbox);
  const held = new Map<string, Holder>();
  const unseen: { store: string; seq: number }[] = [];
  for (const r of await tx.query(q.insertEventsSql, cols.params())) {
    if (r.existing_type == null) unseen.push({ store: r.store as string, seq: Number(r.seq) });
    else held.set(keyOf(r.store as string, Number(r.seq)), holderOf(r));
  }
  if (unseen.length === 0) return held;
  // Claimed by a concurrent transaction after this statement's snapshot; it has committed by now.
  const rows = await tx.query(q.existingKeysSql, [unseen.map((u) => u.store), unseen.map((u) => u.seq)]);
  for (const r of rows) held.set(keyOf(r.store as string, Number(r.seq)), holderOf(r));
  if (rows.length !== unseen.length)
    throw new Error(`${unseen.length - rows.length} keys were neither inserted nor found; retry the insert`);
  return held;
}

function holderOf(r: Row): Holder {
  return { type: r.existing_type as EventType, digest: r.existing_digest as string };
}

function keyOf(store: string, seq: number): string {
  return `${store}\u0000${seq}`;
}

function conflict(incoming: VarvEvent, existingType: EventType): Conflict {
  return { store: incoming.store, seq: incoming.seq, incoming, existingType };
}

/** Refuses (before anything is written) an event that is not a valid wire event or cannot be stored. */
function checkStorable(event: VarvEvent, index: number): void {
  const checked = parseEvent(event);
  if (!checked.ok) {
    const first = checked.issues[0];
    throw new VarvError(
      'E_EVENT_INVALID',
      `event ${index} (${describe(event)}) is not a valid event: ${first?.path}: ${first?.message}`,
    );
  }
  if (event.type === 'health' && event.message?.includes('\u0000'))
    throw new VarvError(
      'E_EVENT_INVALID',
      `event ${index} (${describe(event)}): a message cannot hold a NUL character (PostgreSQL text cannot)`,
    );
}

function describe(event: unknown): string {
  const e = event as { type?: unknown; store?: unknown; seq?: unknown };
  return `${String(e?.type)} ${String(e?.store)}/${String(e?.seq)}`;
}
