import { DateTime } from 'luxon';
import { type Actor, createActor } from 'xstate';
import { type Clock, ManualClock } from '../../engine/clock.ts';
import { VarvError } from '../../engine/errors.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { minutesOfDay, type Point, type ResolvedScenario, type Till } from '../../engine/layout/index.ts';
import { DayIntervals, type Quantizer, type Rng } from '../../engine/privacy/index.ts';
import { CameraSensors, DEFAULT_SENSORS, type SeenAgent } from '../sensors/index.ts';
import { type ShopperEmitted, shopperMachine, type TillOption } from '../shopper/shopper.ts';
import { type StaffEmitted, staffMachine } from '../shopper/staff.ts';
import { type Customer, type TillEmitted, tillMachine } from '../shopper/till.ts';
import { drawBasket, orderStops, shoppingList } from '../shopper/tripPlan.ts';
import { arrivalTimes } from './arrivals.ts';
import { Crowd } from './crowd.ts';
import { DEFAULT_SPEED_MODEL, StepScratch, stepCrowd } from './locomotion.ts';
import { descend, type NavField } from './navigation.ts';
import { type Person, Population } from './population.ts';
import { queueSlots } from './queueLine.ts';
import { RandomTree } from './randomTree.ts';
import { Scheduler } from './scheduler.ts';
import { simulationAssigner } from './simulationAssigner.ts';
import { StoreWorld } from './storeWorld.ts';
import type { DayTruth, TruthRecord, VisitTruth } from './truthLog.ts';
import { drawWalkingSpeed, SHOPPING_PACE } from './walkingSpeed.ts';

/** Body radius (m) of a shopper (with a basket). */
const SHOPPER_RADIUS = 0.2;
/** Within this distance (m) of a target a walker has arrived. */
const ARRIVED_M = 0.25;
/** A walker this close (m) to its target that makes no progress for BLOCKED_S has arrived anyway. */
const CLOSE_M = 1.5;
const BLOCKED_S = 4;
/** A walker blocked this long (s) squeezes past: it claims only SQUEEZE of its width. */
const SQUEEZE_AFTER_S = 2;
const SQUEEZE = 0.4;
/** A walker blocked this long (s) asks its way through: others neither stop nor deflect it. */
const EXCUSE_ME_AFTER_S = 10;
/** A walker that makes no progress for this long gives up the stop it is walking to. */
const STUCK_S = 30;
/** Progress (m) that counts as getting closer. */
const PROGRESS_M = 0.2;
/** The cameras look every this many seconds. */
const SENSOR_EVERY_S = 0.5;
/** Staff hear about the lines this often (s), and walk to a till at this speed (m/s). */
const STAFF_EVERY_S = 30;
const STAFF_SPEED = 1.2;
/** After closing, the day ends when the last shopper has left or after this long (s). */
const AFTER_CLOSE_MAX_S = 3 * 3600;

/** Where a run's outputs go, as they happen (in time order). */
export type StoreDaySink = {
  event?(e: SightingV1 | CountV1): void;
  truth?(r: TruthRecord): void;
  /**
   * A position at 1 Hz; `frame` counts seconds from the first day's opening (days 86,400 apart);
   * `t` is the same moment on the store clock (epoch ms).
   */
  position?(id: number, frame: number, x: number, y: number, t: number): void;
  /** Progress in 0…1 and a label ("day 1/2 12:34"). */
  progress?(fraction: number, label: string): void;
  /**
   * Truth beside a sighting, right after its event: the visit (`VisitTruth.visit`) whose face it
   * was. For scoring linkage attacks on the release (scenarios/privacy); never part of an event.
   */
  sightedBy?(e: SightingV1, visit: number): void;
};

export type StoreDayOptions = {
  seed?: number;
  days?: number;
  /** The clock that times embedding lifetimes in the privacy core (wall clock in the CLI). */
  clock?: Clock;
  /** Genuine and impostor pairs for calibrating the group assigner. */
  calibrationPairs?: number;
  /**
   * The store's fixed parts (navigation fields, pick points), to share between runs of the same
   * layout: built from `sc.store` (an equal layout), it changes nothing but the time taken.
   */
  world?: StoreWorld;
  /**
   * The group assigner, as `simulationAssigner(sc, seed)` makes it (its calibration is most of a
   * short run's time), to share between runs of the same seed, store id and privacy settings.
   */
  assigner?: ReturnType<typeof simulationAssigner>;
};

export type StoreDaySummary = {
  days: number;
  visits: number;
  events: number;
  sightings: number;
  remaining: number;
  stuck: number;
  simulatedSeconds: number;
  quantizer: Quantizer;
  effectiveGroups: number;
};

type Phase = 'stop' | 'queueEnd' | 'slot' | 'till' | 'door';

type Walker = {
  id: number;
  person: Person;
  actor: Actor<typeof shopperMachine>;
  sensorRng: Rng;
  speed: number;
  phase: Phase;
  holding: boolean;
  field: NavField | null;
  best: number;
  bestAt: number;
  /** Counts goal changes, so a judgement made before one is not acted on after it. */
  goal: number;
  truth: VisitTruth;
  zone: string | null;
  zoneSince: number;
  objects: Set<string>;
  tiles: Set<number>;
  dwellStart: number;
  dwellAt: string;
  /** Directives the actor emitted during the last event, handled after it. */
  pending: ShopperEmitted[];
  /** The chosen till and the shopper's customer record there. */
  till: TillState | null;
  customer: Customer | null;
  door: string | null;
};

type TillState = {
  till: Till;
  actor: Actor<typeof tillMachine>;
  slots: Point[];
  /** Joined and waiting (the one being served is not in it). */
  line: Walker[];
  serving: Walker | null;
  /** Expected remaining work (s) for choosing: service of those in line plus the one being served. */
  busyUntil: number;
  perSecond: number[];
};

/**
 * Runs a store scenario (a `clock` with start and end, `arrivals` and `shoppers`) day by day:
 * shoppers arrive by a Poisson process, shop their list, queue at a till, pay and leave; cameras
 * see them and the privacy core turns what they see into sighting events; a truth log records what
 * really happened. Outputs go to `sink` as they happen. Same (scenario, seed) → the same outputs,
 * bit for bit.
 */
export function runStoreDays(
  sc: ResolvedScenario,
  sink: StoreDaySink = {},
  opts: StoreDayOptions = {},
): StoreDaySummary {
  if (!('start' in sc.clock) || !sc.arrivals || !sc.shoppers)
    throw new VarvError('E_UNSUPPORTED', 'a store day needs clock.start/end, arrivals and shoppers');
  const clockSpec = sc.clock;
  const shoppers = sc.shoppers;
  const seed = opts.seed ?? sc.seed;
  const days = opts.days ?? clockSpec.days;
  const tree = new RandomTree(seed);
  const store = sc.store;
  const world = opts.world ?? new StoreWorld(store);
  const { assigner, report } = opts.assigner ?? simulationAssigner(sc, seed, opts.calibrationPairs);
  const intervals = new DayIntervals(store.timezone, sc.privacy?.intervals);
  const sensors = new CameraSensors(store, assigner, opts.clock ?? new ManualClock(), tree.stream('sensors'));
  const population = new Population(
    tree.child('population'),
    shoppers.population,
    DEFAULT_SENSORS.noise.dim,
    shoppers.returning,
  );
  const dt = sc.dt;
  const openS = minutesOfDay(clockSpec.start) * 60;
  let closeS = minutesOfDay(clockSpec.end) * 60;
  if (closeS <= openS) closeS += 86_400;
  const crowd = new Crowd(256);
  const scratch = new StepScratch();
  const dir = new Float64Array(2);
  const summary = { visits: 0, events: 0, sightings: 0, remaining: 0, stuck: 0, simulatedSeconds: 0 };
  const emit = (e: SightingV1 | CountV1) => {
    summary.events++;
    if (e.type === 'sighting') summary.sightings++;
    sink.event?.(e);
  };
  let nextId = 0;
  const dayLength = closeS - openS;

  for (let day = 0; day < days; day++) {
    population.newDay();
    const dayTree = tree.child(`day/${day}`);
    const date = DateTime.fromISO(clockSpec.date, { zone: store.timezone }).plus({ days: day });
    const openEpoch = date
      .set({ hour: Math.floor(openS / 3600), minute: Math.floor(openS / 60) % 60 })
      .toMillis();
    /** Epoch ms of a time given in seconds after opening. */
    const epoch = (s: number) => openEpoch + Math.round(s * 1000);
    const arrivals = arrivalTimes(
      sc.arrivals.perMinute,
      clockSpec.start,
      clockSpec.end,
      dayTree.stream('arrivals'),
    ).map((t) => t - openS);
    const visitorRng = dayTree.stream('visitors');
    const scheduler = new Scheduler();
    const walkers: Walker[] = [];
    const byId = new Map<number, Walker>();
    const tills = new Map<string, TillState>();
    let stuck = 0;
    let visits = 0;
    let lastOut: number | null = null;
    const counts = new Map<string, { camera: string; zone: string; direction: 'in' | 'out'; n: number }>();

    const setGoal = (w: Walker, phase: Phase, field: NavField) => {
      w.goal++;
      w.phase = phase;
      w.field = field;
      w.holding = false;
      w.best = Number.POSITIVE_INFINITY;
      w.bestAt = scheduler.now / 1000;
      const i = crowd.indexOf(w.id);
      crowd.goal[i] = field;
      crowd.v0[i] = w.speed;
    };
    const hold = (w: Walker) => {
      w.holding = true;
      const i = crowd.indexOf(w.id);
      crowd.v0[i] = 0;
    };
    const release = (w: Walker) => {
      w.holding = false;
      w.bestAt = scheduler.now / 1000;
      crowd.v0[crowd.indexOf(w.id)] = w.speed;
    };
    const slotField = (ts: TillState, k: number) => {
      const slot = Math.min(k, ts.slots.length - 1);
      const p = ts.slots[slot] as Point;
      return world.nav.toward(`queue:${ts.till.id}:${slot}`, p, p, 0.3);
    };
    /** Everyone in a line walks up to their slot. */
    const reslot = (ts: TillState) => {
      ts.line.forEach((w, k) => {
        setGoal(w, 'slot', slotField(ts, k));
      });
    };
    const tillOptions = (w: Walker): TillOption[] => {
      const i = crowd.indexOf(w.id);
      const now = scheduler.now / 1000;
      const out: TillOption[] = [];
      for (const ts of tills.values()) {
        const snap = ts.actor.getSnapshot();
        if (snap.value === 'closed' || snap.context.closing) continue;
        const mean = (items: number) =>
          'exponential_s' in ts.till.serviceTime
            ? ts.till.serviceTime.exponential_s
            : ts.till.serviceTime.base_s + ts.till.serviceTime.perItem_s * items;
        const waitS =
          Math.max(0, ts.busyUntil - now) +
          ts.line.reduce((s, q) => s + mean(q.truth.bought), 0) +
          // Those walking to this line count too: a shopper sees them coming.
          walkers
            .filter((o) => o.phase === 'queueEnd' && o.till === ts)
            .reduce((s, q) => s + mean(q.actor.getSnapshot().context.bought), 0);
        const walk = world.nav.toward(
          `queue:${ts.till.id}:end`,
          ts.slots[0] as Point,
          ts.slots[0] as Point,
          0.3,
        );
        const d = descend(walk, crowd.x[i] as number, crowd.y[i] as number, dir);
        out.push({
          id: ts.till.id,
          kind: ts.till.kind,
          waitS,
          walkS: Number.isFinite(d) ? d / w.speed : 1e6,
        });
      }
      return out;
    };

    const handle = (w: Walker, d: ShopperEmitted) => {
      const now = scheduler.now;
      switch (d.type) {
        case 'walkTo':
          setGoal(w, 'stop', world.pointField(d.stop.point));
          return;
        case 'dwell':
          hold(w);
          w.dwellStart = now;
          w.dwellAt = d.at;
          scheduler.at(now + d.ms, () => {
            w.truth.dwells.push([w.dwellAt, epochOfMs(w.dwellStart), epochOfMs(scheduler.now)]);
            release(w);
            send(w, { type: 'DWELL_DONE' });
          });
          return;
        case 'checkout':
          send(w, { type: 'TILLS', options: tillOptions(w) });
          return;
        case 'queue': {
          const ts = tills.get(d.till) as TillState;
          w.till = ts;
          w.truth.till = d.till;
          setGoal(w, 'queueEnd', slotField(ts, ts.line.length));
          return;
        }
        case 'toTill': {
          const ts = w.till as TillState;
          const p = ts.till.position;
          setGoal(w, 'till', world.nav.toward(`till:${ts.till.id}`, p, p, 0.5));
          return;
        }
        case 'leave': {
          const i = crowd.indexOf(w.id);
          let best = world.doorsOut[0] as (typeof world.doorsOut)[number];
          let bestD = Number.POSITIVE_INFINITY;
          for (const door of world.doorsOut) {
            const dd = descend(door.field, crowd.x[i] as number, crowd.y[i] as number, dir);
            if (dd < bestD) {
              bestD = dd;
              best = door;
            }
          }
          w.door = best.id;
          setGoal(w, 'door', best.field);
          return;
        }
      }
    };
    const send = (w: Walker, e: Parameters<Walker['actor']['send']>[0]) => {
      w.actor.send(e);
      while (w.pending.length) handle(w, w.pending.shift() as ShopperEmitted);
    };
    const epochOfMs = (ms: number) => epoch(ms / 1000);

    for (const till of store.tills) {
      const actor = createActor(tillMachine, {
        input: {
          id: till.id,
          open: till.open,
          serviceTime: till.serviceTime,
          rng: dayTree.stream(`till/${till.id}`),
        },
      });
      const ts: TillState = {
        till,
        actor,
        slots: queueSlots(till.queue, (x, y) => world.nav.walkable(x, y)),
        line: [],
        serving: null,
        busyUntil: 0,
        perSecond: new Array(Math.ceil(dayLength)).fill(0),
      };
      actor.on('started', (e: Extract<TillEmitted, { type: 'started' }>) => {
        const w = byId.get(e.customer.id) as Walker;
        ts.line = ts.line.filter((q) => q !== w);
        ts.serving = w;
        ts.busyUntil = scheduler.now / 1000 + e.serviceMs / 1000;
        w.truth.serviceStart = epochOfMs(scheduler.now);
        scheduler.at(scheduler.now + e.serviceMs, () => actor.send({ type: 'DONE' }));
        send(w, { type: 'CALLED' });
        reslot(ts);
      });
      actor.on('served', (e: Extract<TillEmitted, { type: 'served' }>) => {
        const w = byId.get(e.customer.id) as Walker;
        ts.serving = null;
        w.truth.paid = epochOfMs(scheduler.now);
        send(w, { type: 'SERVED' });
      });
      tills.set(till.id, ts);
      actor.start();
    }

    // Staff: one actor per staff post, told about the lines every STAFF_EVERY_S.
    const claimed = new Set<string>();
    const staff = sc.staffing
      ? store.staffPosts.map((post) => {
          const actor = createActor(staffMachine, {
            input: { id: post.id, policy: sc.staffing as NonNullable<ResolvedScenario['staffing']> },
          });
          actor.on('*', (e) => {
            const d = e as StaffEmitted;
            const ts = tills.get(d.till) as TillState;
            const now = scheduler.now;
            if (d.type === 'walkToTill') {
              claimed.add(d.till);
              const field = world.nav.toward(`till:${d.till}`, ts.till.position, ts.till.position, 0.5);
              const metres = descend(field, post.position[0], post.position[1], dir);
              const walkMs = Math.round(((Number.isFinite(metres) ? metres : 20) / STAFF_SPEED) * 1000);
              scheduler.at(now + walkMs, () => actor.send({ type: 'AT_TILL' }));
              return;
            }
            if (d.type === 'openTill') ts.actor.send({ type: 'OPEN' });
            else {
              ts.actor.send({ type: 'CLOSE' });
              claimed.delete(d.till);
            }
            sink.truth?.({
              type: 'staff',
              day,
              t: epochOfMs(now),
              staff: d.staff,
              action: d.type === 'openTill' ? 'open' : 'close',
              till: d.till,
            });
          });
          return actor.start();
        })
      : [];
    const tellStaff = () => {
      const staffed = [...tills.values()].filter((ts) => ts.till.kind === 'staffed');
      const open = staffed.filter((ts) => ts.actor.getSnapshot().value !== 'closed');
      const meanLine = open.length ? open.reduce((s, ts) => s + ts.line.length, 0) / open.length : 0;
      for (const member of staff) {
        const closed = staffed
          .filter((ts) => ts.actor.getSnapshot().value === 'closed' && !claimed.has(ts.till.id))
          .map((ts) => ts.till.id);
        member.send({ type: 'QUEUES', t: scheduler.now, meanLine, closed });
      }
    };

    const arrive = (w: Walker) => {
      const t = scheduler.now;
      switch (w.phase) {
        case 'stop':
          hold(w);
          send(w, { type: 'ARRIVED' });
          return;
        case 'queueEnd': {
          const ts = w.till as TillState;
          const snap = ts.actor.getSnapshot();
          if (snap.value === 'closed' || snap.context.closing) {
            send(w, { type: 'TILL_CLOSED' });
            return;
          }
          ts.line.push(w);
          w.truth.bought = w.actor.getSnapshot().context.bought;
          w.customer = { id: w.id, items: w.truth.bought, joinedAt: t };
          w.truth.joinedLine = epochOfMs(t);
          setGoal(w, 'slot', slotField(ts, ts.line.length - 1));
          send(w, { type: 'IN_LINE' });
          ts.actor.send({ type: 'JOIN', customer: w.customer });
          return;
        }
        case 'slot':
        case 'till':
          hold(w);
          return;
        case 'door': {
          const i = crowd.indexOf(w.id);
          w.truth.left = epochOfMs(t);
          if (w.zone) w.truth.zones.push([w.zone, w.zoneSince, epochOfMs(t)]);
          w.truth.coverage = +(w.tiles.size / world.tiles.walkable).toFixed(4);
          send(w, { type: 'OUT' });
          crowd.removeAt(i);
          walkers.splice(walkers.indexOf(w), 1);
          byId.delete(w.id);
          lastOut = w.truth.left;
          countDoor(w.door as string, 'out');
          sink.truth?.(w.truth);
          return;
        }
      }
    };
    const countDoor = (door: string, direction: 'in' | 'out') => {
      const c = world.counters.get(door);
      if (!c) return;
      const key = `${c.camera}|${direction}`;
      const k = counts.get(key);
      if (k) k.n++;
      else counts.set(key, { ...c, direction, n: 1 });
    };
    const flushCounts = (t: number) => {
      for (const c of [...counts.values()].sort((a, b) =>
        a.camera + a.direction < b.camera + b.direction ? -1 : 1,
      ))
        emit({
          v: 1,
          type: 'count',
          store: store.id,
          camera: c.camera,
          zone: c.zone,
          direction: c.direction,
          n: c.n,
          t: epoch(t),
          seq: sensors.claimSeq(),
        });
      counts.clear();
    };

    // The doorway: arrivals wait outside until there is room to step in.
    const waiting: { at: number; k: number }[] = [];
    let nextArrival = 0;
    const admit = (k: number, t: number): boolean => {
      const visitTree = dayTree.child(`visit/${k}`);
      const placeRng = visitTree.stream('door');
      const door = world.doorsIn[
        Math.floor(placeRng() * world.doorsIn.length)
      ] as (typeof world.doorsIn)[number];
      const f = 0.15 + 0.7 * placeRng();
      const x = door.a[0] + f * (door.b[0] - door.a[0]) + 0.45 * door.inward[0];
      const y = door.a[1] + f * (door.b[1] - door.a[1]) + 0.45 * door.inward[1];
      for (let i = 0; i < crowd.n; i++)
        if (Math.hypot((crowd.x[i] as number) - x, (crowd.y[i] as number) - y) < 2 * SHOPPER_RADIUS + 0.1)
          return false;
      const when = epoch(t);
      const person = population.nextVisitor(intervals.at(when).interval, visitorRng);
      const planRng = visitTree.stream('plan');
      const items = drawBasket(shoppers.basket, planRng);
      const list = shoppingList(world.points, items, planRng);
      const { order, follower } = orderStops(
        list,
        [x, y],
        { loop: store.loop, loopShare: shoppers.loopShare, deviation: shoppers.deviation },
        (from, to) => descend(world.pointField(to), from[0], from[1], dir),
        planRng,
      );
      const speed = SHOPPING_PACE * drawWalkingSpeed(person.age, visitTree.stream('speed'));
      const id = nextId++;
      const actor = createActor(shopperMachine, {
        input: { id, stops: order, rng: visitTree.stream('decisions'), impulse: shoppers.impulse },
      });
      const w: Walker = {
        id,
        person,
        actor,
        sensorRng: visitTree.stream('sensor'),
        speed,
        phase: 'stop',
        holding: false,
        field: null,
        best: Number.POSITIVE_INFINITY,
        bestAt: t,
        goal: 0,
        truth: {
          type: 'visit',
          day,
          visit: id,
          person: person.index,
          gender: person.gender,
          age: person.age,
          follower,
          items,
          bought: 0,
          stops: order.length,
          skipped: 0,
          speed: +speed.toFixed(3),
          entered: when,
          left: null,
          till: null,
          joinedLine: null,
          serviceStart: null,
          paid: null,
          zones: [],
          dwells: [],
          passed: [],
          coverage: 0,
        },
        zone: null,
        zoneSince: when,
        objects: new Set(),
        tiles: new Set(),
        dwellStart: 0,
        dwellAt: '',
        pending: [],
        till: null,
        customer: null,
        door: null,
      };
      actor.on('*', (e) => w.pending.push(e as ShopperEmitted));
      walkers.push(w);
      byId.set(id, w);
      crowd.add({ id, x, y, radius: SHOPPER_RADIUS, speed, goal: world.doorsOut[0]?.field as NavField });
      visits++;
      countDoor(door.id, 'in');
      actor.start();
      while (w.pending.length) handle(w, w.pending.shift() as ShopperEmitted);
      return true;
    };

    const due: { w: Walker; goal: number; stuck: boolean }[] = [];
    const stepsPerSecond = Math.round(1 / dt);
    const sensorEvery = Math.max(1, Math.round(SENSOR_EVERY_S / dt));
    const lastStep = Math.round((dayLength + AFTER_CLOSE_MAX_S) / dt);
    const frameBase = day * 86_400;
    let step = 0;
    for (; step <= lastStep; step++) {
      const t = step * dt;
      const ms = Math.round(t * 1000);
      scheduler.runUntil(ms);
      while (nextArrival < arrivals.length && (arrivals[nextArrival] as number) <= t)
        waiting.push({ at: arrivals[nextArrival] as number, k: nextArrival++ });
      while (waiting.length && admit((waiting[0] as { k: number }).k, t)) waiting.shift();

      const second = step % stepsPerSecond === 0;
      if (second) {
        const s = step / stepsPerSecond;
        for (const ts of tills.values()) ts.perSecond[s] = ts.line.length;
        if (staff.length && s % STAFF_EVERY_S === 0) tellStaff();
        if (s % 60 === 0) {
          flushCounts(t);
          sink.progress?.(
            (day + Math.min(1, t / dayLength)) / days,
            `day ${day + 1}/${days} ${DateTime.fromMillis(epoch(t), { zone: store.timezone }).toFormat('HH:mm')}`,
          );
        }
        for (let i = 0; i < crowd.n; i++) {
          const w = byId.get(crowd.id[i] as number) as Walker;
          const x = crowd.x[i] as number;
          const y = crowd.y[i] as number;
          sink.position?.(w.id, frameBase + s, +x.toFixed(2), +y.toFixed(2), epoch(t));
          w.tiles.add(world.tileOf(x, y));
          const zone = world.zones.find((z) => z.area.contains(x, y))?.id ?? null;
          if (zone !== w.zone) {
            if (w.zone) w.truth.zones.push([w.zone, w.zoneSince, epoch(t)]);
            w.zone = zone;
            w.zoneSince = epoch(t);
          }
          for (const o of world.objects) {
            if (w.objects.has(o.id) || !o.area.contains(x, y)) continue;
            w.objects.add(o.id);
            w.truth.passed.push(o.id);
            if (w.phase === 'stop' && !w.holding) send(w, { type: 'PASSED', object: o.id });
          }
        }
      }
      if (step % sensorEvery === 0 && crowd.n > 0) {
        const seen: SeenAgent[] = [];
        for (let i = 0; i < crowd.n; i++) {
          const w = byId.get(crowd.id[i] as number) as Walker;
          seen.push({
            id: w.id,
            x: crowd.x[i] as number,
            y: crowd.y[i] as number,
            ex: crowd.ex[i] as number,
            ey: crowd.ey[i] as number,
            person: w.person,
            rng: w.sensorRng,
          });
        }
        const by: number[] = [];
        sensors.observe(epoch(t), seen, by).forEach((e, k) => {
          emit(e);
          sink.sightedBy?.(e, by[k] as number);
        });
      }

      if (t >= dayLength && crowd.n === 0 && waiting.length === 0 && nextArrival === arrivals.length) break;
      if (crowd.n === 0 && waiting.length === 0) {
        // Nobody inside: jump to the next arrival (on the step grid, whole seconds kept).
        const next = nextArrival < arrivals.length ? (arrivals[nextArrival] as number) : dayLength;
        const jump = Math.floor(next) * stepsPerSecond - 1;
        if (jump > step) {
          for (let s = step / stepsPerSecond + 1; s * stepsPerSecond <= jump; s++) {
            if (s % 60 === 0) flushCounts(s);
          }
          step = jump;
          continue;
        }
      }
      if (crowd.n === 0) continue;
      stepCrowd(crowd, world.walls, dt, DEFAULT_SPEED_MODEL, scratch);
      const now = t + dt;
      // First judge everyone on this step's distances, then act: acting can change goals (and
      // with them what scratch.left means), so nothing is sent until all are judged.
      due.length = 0;
      for (let i = 0; i < crowd.n; i++) {
        const w = byId.get(crowd.id[i] as number) as Walker;
        if (w.holding) continue;
        const left = scratch.left[i] as number;
        if (left < w.best - PROGRESS_M) {
          w.best = left;
          w.bestAt = now;
          crowd.squeeze[i] = 1;
        }
        const still = now - w.bestAt;
        if (still > EXCUSE_ME_AFTER_S) crowd.squeeze[i] = 0;
        else if (still > SQUEEZE_AFTER_S) crowd.squeeze[i] = SQUEEZE;
        const blockedClose = still > BLOCKED_S && (left < CLOSE_M || (w.phase === 'slot' && left < 3));
        if (left < ARRIVED_M || blockedClose) due.push({ w, goal: w.goal, stuck: false });
        else if (still > STUCK_S) {
          stuck++;
          w.bestAt = now;
          if (w.phase === 'stop') due.push({ w, goal: w.goal, stuck: true });
        }
      }
      if (due.length) {
        scheduler.runUntil(Math.round(now * 1000));
        for (const d of due) {
          // A scheduled event at this instant may have sent the walker elsewhere already.
          if (d.w.goal !== d.goal || d.w.holding || !byId.has(d.w.id)) continue;
          if (!d.stuck) arrive(d.w);
          else {
            d.w.truth.skipped++;
            send(d.w, { type: 'STUCK' });
          }
        }
      }
    }
    const cutOff = step * dt;
    flushCounts(cutOff);
    summary.simulatedSeconds += cutOff;
    for (const w of walkers) sink.truth?.(w.truth);
    for (const ts of tills.values()) {
      const perSecond = Array.from({ length: Math.ceil(cutOff) }, (_, k) => ts.perSecond[k] ?? 0);
      sink.truth?.({ type: 'queue', day, till: ts.till.id, from: openEpoch, perSecond });
    }
    const dayTruth: DayTruth = {
      type: 'day',
      day,
      date: date.toISODate() as string,
      opened: openEpoch,
      closed: epoch(dayLength),
      arrivals: arrivals.length,
      visits,
      lastOut,
      remaining: crowd.n + waiting.length,
      stuck,
    };
    sink.truth?.(dayTruth);
    summary.visits += visits;
    summary.remaining += dayTruth.remaining;
    summary.stuck += stuck;
    // The next day starts with an empty floor.
    while (crowd.n) crowd.removeAt(crowd.n - 1);
    for (const w of walkers) w.actor.stop();
    for (const ts of tills.values()) ts.actor.stop();
    for (const member of staff) member.stop();
  }
  sink.progress?.(1, 'done');
  return {
    days,
    ...summary,
    quantizer: report.quantizer,
    effectiveGroups: report.effectiveGroups,
  };
}
