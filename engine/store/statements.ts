// The SQL of the event store, shared by every adapter (PGlite and PostgreSQL run the same text).

/**
 * Inserts a batch in one statement. `k` claims the keys (sorted, so that concurrent writers lock in
 * the same order); only rows whose key it claimed go into the typed tables (and the outbox). The main query returns the keys that were not claimed, with the type and digest
 * of the event that holds them. It reads the snapshot from before the statement, so a
 * key a concurrent transaction claimed meanwhile comes back with no existing type: look it up again.
 * Parameters: EventColumns.params(), the last three (the outbox rows) empty for a plain insert.
 */
export const insertEventsSql = `
WITH x AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[])
    AS x(store, seq, type, t, digest)
),
k AS (
  INSERT INTO events (store, seq, type, t, digest)
  SELECT store, seq, type, t, digest FROM x ORDER BY store, seq
  ON CONFLICT (store, seq) DO NOTHING
  RETURNING store, seq
),
s AS (
  INSERT INTO sightings (store, seq, t, camera, camera_class, zone, group_id, interval, gender, age)
  SELECT r.store, r.seq, r.t, r.camera, r.camera_class, r.zone, r.group_id, r.interval, r.gender, r.age
  FROM unnest($6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::integer[],
              $13::text[], $14::text[], $15::text[])
    AS r(store, seq, t, camera, camera_class, zone, group_id, interval, gender, age)
  JOIN k ON k.store = r.store AND k.seq = r.seq
),
c AS (
  INSERT INTO counts (store, seq, t, camera, zone, direction, n)
  SELECT r.store, r.seq, r.t, r.camera, r.zone, r.direction, r.n
  FROM unnest($16::text[], $17::bigint[], $18::bigint[], $19::text[], $20::text[], $21::text[], $22::integer[])
    AS r(store, seq, t, camera, zone, direction, n)
  JOIN k ON k.store = r.store AND k.seq = r.seq
),
h AS (
  INSERT INTO health (store, seq, t, source, status, frames_in, frames_dropped, lifetime_count,
                      lifetime_p50, lifetime_p90, lifetime_p99, lifetime_max, message)
  SELECT r.store, r.seq, r.t, r.source, r.status, r.frames_in, r.frames_dropped, r.lifetime_count,
         r.lifetime_p50, r.lifetime_p90, r.lifetime_p99, r.lifetime_max, r.message
  FROM unnest($23::text[], $24::bigint[], $25::bigint[], $26::text[], $27::text[], $28::bigint[], $29::bigint[],
              $30::bigint[], $31::float8[], $32::float8[], $33::float8[], $34::float8[], $35::text[])
    AS r(store, seq, t, source, status, frames_in, frames_dropped, lifetime_count,
         lifetime_p50, lifetime_p90, lifetime_p99, lifetime_max, message)
  JOIN k ON k.store = r.store AND k.seq = r.seq
),
o AS (
  INSERT INTO outbox (store, seq, payload)
  SELECT p.store, p.seq, p.payload
  FROM unnest($36::text[], $37::bigint[], $38::text[]) AS p(store, seq, payload)
  JOIN k ON k.store = p.store AND k.seq = p.seq
)
SELECT x.store, x.seq, e.type AS existing_type, e.digest AS existing_digest
FROM x
LEFT JOIN k ON k.store = x.store AND k.seq = x.seq
LEFT JOIN events e ON e.store = x.store AND e.seq = x.seq
WHERE k.seq IS NULL`;

/** The holders of keys a concurrent writer claimed during an insert (seen now that it committed). */
export const existingKeysSql = `
SELECT e.store, e.seq, e.type AS existing_type, e.digest AS existing_digest
FROM unnest($1::text[], $2::bigint[]) AS x(store, seq)
JOIN events e ON e.store = x.store AND e.seq = x.seq`;

/** The wide row of one event (see rowToEvent): each typed table fills its columns, the rest are NULL. */
const sightingColumns = `'sighting' AS type, s.store, s.seq, s.t,
  s.camera AS s_camera, s.camera_class, s.zone AS s_zone, s.group_id, s.interval, s.gender, s.age,
  NULL::text AS c_camera, NULL::text AS c_zone, NULL::text AS direction, NULL::integer AS n,
  NULL::text AS source, NULL::text AS status, NULL::bigint AS frames_in, NULL::bigint AS frames_dropped,
  NULL::bigint AS lifetime_count, NULL::float8 AS lifetime_p50, NULL::float8 AS lifetime_p90,
  NULL::float8 AS lifetime_p99, NULL::float8 AS lifetime_max, NULL::text AS message`;
const countColumns = `'count', c.store, c.seq, c.t,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  c.camera, c.zone, c.direction, c.n,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL`;
const healthColumns = `'health', h.store, h.seq, h.t,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL,
  h.source, h.status, h.frames_in, h.frames_dropped, h.lifetime_count,
  h.lifetime_p50, h.lifetime_p90, h.lifetime_p99, h.lifetime_max, h.message`;

/**
 * $1 store, $2 from, $3 to, $4 types, $5/$6 after (t, seq), $7 limit. Each typed table is read by
 * its (store, t, seq) key and the three are merged in that order.
 */
export const eventsInRangeSql = `
SELECT * FROM (
  SELECT ${sightingColumns} FROM sightings s
  WHERE 'sighting' = ANY($4::text[]) AND s.store = $1 AND s.t >= $2 AND s.t < $3
    AND (s.t, s.seq) > ($5::bigint, $6::bigint)
  UNION ALL
  SELECT ${countColumns} FROM counts c
  WHERE 'count' = ANY($4::text[]) AND c.store = $1 AND c.t >= $2 AND c.t < $3
    AND (c.t, c.seq) > ($5::bigint, $6::bigint)
  UNION ALL
  SELECT ${healthColumns} FROM health h
  WHERE 'health' = ANY($4::text[]) AND h.store = $1 AND h.t >= $2 AND h.t < $3
    AND (h.t, h.seq) > ($5::bigint, $6::bigint)
) u
ORDER BY t, seq
LIMIT $7`;

/** $1 store, $2 seq: the key gives the type and time, the typed table the fields (none past retention). */
export const eventByKeySql = `
SELECT ${sightingColumns} FROM events e JOIN sightings s ON s.store = e.store AND s.t = e.t AND s.seq = e.seq
WHERE e.store = $1 AND e.seq = $2 AND e.type = 'sighting'
UNION ALL
SELECT ${countColumns} FROM events e JOIN counts c ON c.store = e.store AND c.t = e.t AND c.seq = e.seq
WHERE e.store = $1 AND e.seq = $2 AND e.type = 'count'
UNION ALL
SELECT ${healthColumns} FROM events e JOIN health h ON h.store = e.store AND h.t = e.t AND h.seq = e.seq
WHERE e.store = $1 AND e.seq = $2 AND e.type = 'health'`;

/** $1 limit: the oldest queued events' wire form, by (store, seq). */
export const pendingSql = `
SELECT payload FROM outbox ORDER BY store, seq LIMIT $1`;

/** $1 store, $2 seqs. */
export const markSentSql = `
DELETE FROM outbox WHERE store = $1 AND seq = ANY($2::bigint[]) RETURNING 1`;

export const outboxSizeSql = `SELECT count(*) AS n FROM outbox`;

/** $1 store. */
export const highestSeqSql = `SELECT max(seq) AS seq FROM events WHERE store = $1`;

/** $1 store: missing seq ranges, from 0 to the highest (an index-only scan of the store's keys). */
export const gapsSql = `
SELECT 0 AS first, min(seq) - 1 AS last FROM events WHERE store = $1 HAVING min(seq) > 0
UNION ALL
SELECT seq + 1, next - 1 FROM (
  SELECT seq, lead(seq) OVER (ORDER BY seq) AS next FROM events WHERE store = $1
) x
WHERE next > seq + 1
ORDER BY first`;

/** The highest seq per store by a skip scan over the primary key (no full scan of events). */
export const highestSeqsSql = `
WITH RECURSIVE stores AS (
  SELECT min(store) AS store FROM events
  UNION ALL
  SELECT (SELECT min(store) FROM events WHERE store > stores.store) FROM stores WHERE stores.store IS NOT NULL
)
SELECT store, (SELECT max(seq) FROM events e WHERE e.store = stores.store) AS seq
FROM stores WHERE store IS NOT NULL`;

/** $1 store, $2 from, $3 to: raw events per type. */
export const countSql = `
SELECT 'sighting' AS type, count(*) AS n FROM sightings WHERE store = $1 AND t >= $2 AND t < $3
UNION ALL
SELECT 'count', count(*) FROM counts WHERE store = $1 AND t >= $2 AND t < $3
UNION ALL
SELECT 'health', count(*) FROM health WHERE store = $1 AND t >= $2 AND t < $3`;

const HOUR_MS = 3_600_000;

/**
 * $1 store, $2 from, $3 to (both on hour boundaries): the rollup and the raw rows (an hour may have
 * both after late arrivals).
 */
export const hourlySightingsSql = `
SELECT zone, hour, sum(sightings) AS sightings, max(groups) AS groups
FROM (
  SELECT zone, hour, sightings, groups FROM sightings_hourly
  WHERE store = $1 AND hour >= $2 AND hour < $3
  UNION ALL
  SELECT s.zone, s.t - s.t % ${HOUR_MS} AS hour, count(*) AS sightings, count(DISTINCT s.group_id) AS groups
  FROM sightings s
  WHERE s.store = $1 AND s.t >= $2 AND s.t < $3
  GROUP BY 1, 2
) u
GROUP BY zone, hour
ORDER BY hour, zone`;

/**
 * $1 cutoff (on an hour boundary). Deletes raw sightings before it and adds them to the hourly
 * rollup, in one statement, so that nothing is deleted that was not rolled up. An hour that still
 * has a sighting in the outbox is left whole until that one is sent, so an hour is rolled up at
 * once and its distinct count is exact. An hour rolled up before (a late arrival) adds its
 * sightings and keeps the larger distinct count: a lower bound, since distinct counts do not add.
 */
export const retentionSql = `
WITH blocked AS (
  SELECT DISTINCT e.store, e.t - e.t % ${HOUR_MS} AS hour
  FROM outbox o JOIN events e ON e.store = o.store AND e.seq = o.seq
  WHERE e.type = 'sighting' AND e.t < $1
),
gone AS (
  DELETE FROM sightings s
  WHERE s.t < $1
    AND NOT EXISTS (SELECT 1 FROM blocked b WHERE b.store = s.store AND b.hour = s.t - s.t % ${HOUR_MS})
  RETURNING s.store, s.zone, s.t - s.t % ${HOUR_MS} AS hour, s.group_id
),
rolled AS (
  INSERT INTO sightings_hourly (store, zone, hour, sightings, groups)
  SELECT store, zone, hour, count(*), count(DISTINCT group_id) FROM gone GROUP BY store, zone, hour
  ON CONFLICT (store, zone, hour) DO UPDATE
  SET sightings = sightings_hourly.sightings + excluded.sightings,
      groups = greatest(sightings_hourly.groups, excluded.groups)
  RETURNING 1
)
SELECT (SELECT count(*) FROM gone) AS deleted, (SELECT count(*) FROM rolled) AS hours`;
