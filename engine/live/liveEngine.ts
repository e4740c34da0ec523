import { Registry } from 'prom-client';
import {
  type CameraIntake,
  DEFAULT_BODY_LIMIT,
  type EncodedFrame,
  type FrameSource,
  type QueueStats,
} from '../capture/index.ts';
import { VarvError } from '../errors.ts';
import type { HealthV1, SightingV1, VarvEvent } from '../events/index.ts';
import {
  DEFAULT_BOUNDARIES,
  GroupAssigner,
  type LifetimeHistogram,
  type LifetimeSummary,
  SightingPolicy,
  wipe,
} from '../privacy/index.ts';
import { type CameraChannel, openChannel, type QueuedFrame } from './cameraChannel.ts';
import { FrameProcessor, type SightingDraft } from './frameProcessor.ts';
import { healthReport } from './healthReport.ts';
import type { LiveCameraConfig, LiveOptions } from './liveConfig.ts';
import { BUFFER_KINDS, type BufferKind, LiveMetrics } from './liveMetrics.ts';

/** A camera's state as the engine reports it. */
export type CameraStats = {
  id: string;
  source: string;
  queue: QueueStats;
  bad: number;
  processed: number;
  tracks: number;
};

/**
 * The live ingestion path: camera frames → sighting events. Each configured camera gets a bounded
 * queue (drop-oldest) fed by its source (ffmpeg, folder replay, or HTTP push through
 * `cameraPush`, for which the engine is the intake). Frames are taken from the queues round-robin,
 * in order per camera and up to `concurrency` cameras at once, and go through the FrameProcessor
 * (decode, detect, track, embed new tracks once, assign groups, forget). Sightings get the store's
 * next sequence numbers and go to the sink in order; health events (frames in and dropped, frame
 * lifetimes) go the same way every `healthEveryS`. A bad frame is counted and reported, and the
 * engine goes on. Nothing here writes a file or logs pixels or embeddings.
 */
export class LiveEngine implements CameraIntake {
  readonly registry: Registry;
  readonly metrics: LiveMetrics;
  /**
   * Engine-wide lifetimes (ms) of the JPEGs (receipt to wipe), the small frames decoded for
   * detection, the full-size decoded frames, the faces' patches and crops, and the embeddings.
   */
  readonly lifetimes: Record<BufferKind, LifetimeHistogram>;
  readonly bodyLimit: number;
  readonly assigner: GroupAssigner;
  private readonly channels = new Map<string, CameraChannel>();
  private readonly ring: CameraChannel[] = [];
  private readonly policy: SightingPolicy;
  private readonly processor: FrameProcessor;
  private readonly concurrency: number;
  private next = 0;
  private inFlight = 0;
  private state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  private seq: number;
  private delivery: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  private healthTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: LiveOptions) {
    const { store, privacy } = o;
    this.assigner =
      privacy instanceof GroupAssigner
        ? privacy
        : new GroupAssigner(
            privacy.key,
            {
              groups: privacy.groups ?? 256,
              rotation: privacy.rotation ?? 'none',
              intervals: privacy.intervals ?? DEFAULT_BOUNDARIES,
              timezone: store.timezone,
            },
            privacy.quantizer,
          );
    this.registry = o.registry ?? new Registry();
    this.metrics = new LiveMetrics(this.registry, {
      store: store.id,
      queued: () => new Map(this.ring.map((c) => [c.id, c.queue.length])),
      tracks: () => new Map(this.ring.map((c) => [c.id, c.tracker.tracks.length])),
    });
    const m = this.metrics;
    this.lifetimes = {
      encoded: m.lifetimes('encoded'),
      detection: m.lifetimes('detection'),
      frame: m.lifetimes('frame'),
      crop: m.lifetimes('crop'),
      embedding: m.lifetimes('embedding'),
    };
    this.policy = new SightingPolicy((o.repeatAfterS ?? 10) * 1000);
    this.processor = new FrameProcessor({
      vision: o.vision,
      assigner: this.assigner,
      policy: this.policy,
      clock: o.clock,
      lifetimes: this.lifetimes,
      decode: { maxSide: 1280, maxPixels: 40e6, ...o.decode },
      embedMinScore: o.embedMinScore ?? 0.5,
      minFacePx: o.minFacePx ?? 24,
    });
    this.concurrency = o.concurrency ?? 2;
    this.bodyLimit = o.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.seq = o.firstSeq ?? 0;
    if (!(Number.isInteger(this.concurrency) && this.concurrency >= 1))
      throw new VarvError('E_CONFIG', `concurrency must be a whole number ≥ 1, got ${this.concurrency}`);
    for (const c of o.cameras) this.addCamera(c);
  }

  /** Starts the sources, the processing and the periodic health events. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    for (const c of this.ring) c.source?.start();
    const every = this.o.healthEveryS ?? 60;
    if (every > 0) {
      this.healthTimer = setInterval(() => void this.reportHealth(), every * 1000);
      this.healthTimer.unref();
    }
    this.schedule();
  }

  /** Stops the sources, drops (and wipes) queued frames, finishes frames in flight, ends all tracks. */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return this.idle();
    this.state = 'stopping';
    clearInterval(this.healthTimer);
    await Promise.all(this.ring.map((c) => c.source?.stop()));
    for (const c of this.ring) c.queue.clear();
    await this.idle();
    for (const c of this.ring) for (const t of c.tracker.clear()) this.policy.lost(c.id, t.id);
    this.state = 'stopped';
    await this.delivery;
  }

  /** Resolves once no frame waits or is in flight and every event so far reached the sink. */
  async idle(): Promise<void> {
    while (this.inFlight > 0 || (this.state === 'running' && this.ring.some((c) => c.queue.length > 0)))
      await new Promise<void>((r) => this.idleWaiters.push(r));
    await this.delivery;
  }

  accepts(camera: string): boolean {
    return this.channels.get(camera)?.source === undefined && this.channels.has(camera);
  }

  /** A pushed frame (HTTP): stamped now and queued; returns the camera's queue counts. */
  push(camera: string, bytes: Uint8Array): QueueStats {
    const ch = this.channels.get(camera);
    if (!ch || !this.accepts(camera)) {
      wipe(bytes);
      throw new VarvError('E_CAMERA', `camera "${camera}" does not take pushed frames`);
    }
    this.receive(ch, { camera, t: this.o.clock.now(), bytes });
    return ch.queue.stats();
  }

  /** A camera's source (ffmpeg or folder), e.g. to wait for a file to end. */
  source(camera: string): FrameSource | undefined {
    return this.channels.get(camera)?.source;
  }

  stats(): { cameras: CameraStats[]; lifetimes: Record<BufferKind, LifetimeSummary> } {
    return {
      cameras: this.ring.map((c) => ({
        id: c.id,
        source: c.source?.state ?? 'push',
        queue: c.queue.stats(),
        bad: c.bad,
        processed: c.processed,
        tracks: c.tracker.tracks.length,
      })),
      lifetimes: Object.fromEntries(BUFFER_KINDS.map((k) => [k, this.lifetimes[k].summary()])) as Record<
        BufferKind,
        LifetimeSummary
      >,
    };
  }

  /** The next event's sequence number. */
  get nextSeq(): number {
    return this.seq;
  }

  /** Health events now (see healthReport), handed to the sink and returned. */
  async reportHealth(): Promise<HealthV1[]> {
    const t = Math.round(this.o.clock.now());
    const events = healthReport(this.o.store.id, t, this.ring, this.lifetimes.frame, () => this.seq++);
    this.deliver(events);
    await this.delivery;
    return events;
  }

  private addCamera(c: LiveCameraConfig): void {
    if (this.channels.has(c.id)) throw new VarvError('E_CONFIG', `live camera "${c.id}" is configured twice`);
    const ch = openChannel(c, {
      store: this.o.store,
      clock: this.o.clock,
      tracker: this.o.tracker,
      engineFrames: this.lifetimes.frame,
      receive: (frame) => this.receive(ch, frame),
      dropped: (frame) => {
        this.lifetimes.encoded.record(this.o.clock.monotonic() - frame.received);
        this.metrics.framesDropped.inc(this.metrics.camera(c.id));
      },
      onError: (e) => this.o.onError?.(e, c.id),
    });
    this.channels.set(c.id, ch);
    this.ring.push(ch);
  }

  private receive(ch: CameraChannel, frame: EncodedFrame): void {
    if (this.state === 'stopping' || this.state === 'stopped') {
      wipe(frame.bytes);
      return;
    }
    this.metrics.framesIn.inc(this.metrics.camera(ch.id));
    ch.queue.push({ ...frame, received: this.o.clock.monotonic() });
    this.schedule();
  }

  /** Starts frames of idle cameras, round-robin, while fewer than `concurrency` are in flight. */
  private schedule(): void {
    if (this.state !== 'running') return;
    let looked = 0;
    while (this.inFlight < this.concurrency && looked < this.ring.length) {
      const ch = this.ring[this.next] as CameraChannel;
      this.next = (this.next + 1) % this.ring.length;
      looked++;
      if (ch.busy || ch.queue.length === 0) continue;
      const frame = ch.queue.shift() as QueuedFrame;
      ch.busy = true;
      this.inFlight++;
      looked = 0;
      void this.run(ch, frame).finally(() => {
        ch.busy = false;
        this.inFlight--;
        this.schedule();
        if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async run(ch: CameraChannel, frame: QueuedFrame): Promise<void> {
    const t = Math.max(frame.t, ch.lastT);
    ch.lastT = t;
    try {
      const { sightings, embedded } = await this.processor.process(ch, frame, t, (drafts) =>
        this.emit(ch, frame, t, drafts),
      );
      ch.processed++;
      this.metrics.framesProcessed.inc(this.metrics.camera(ch.id));
      if (embedded > 0) this.metrics.facesEmbedded.inc(this.metrics.camera(ch.id), embedded);
      if (sightings.length > 0) this.emit(ch, frame, t, sightings);
    } catch (e) {
      wipe(frame.bytes);
      ch.bad++;
      ch.sinceHealth.bad++;
      this.metrics.framesBad.inc(this.metrics.camera(ch.id));
      const code = e instanceof VarvError ? e.code : 'E_LIVE';
      const what = code === 'E_IMAGE' ? 'was rejected' : 'failed';
      const error = new VarvError(
        code,
        `camera ${ch.id}: the frame received at ${new Date(frame.t).toISOString()} ${what}: ${(e as Error).message}`,
        { cause: e },
      );
      ch.sinceHealth.error = error.message;
      this.o.onError?.(error, ch.id);
    }
  }

  private emit(ch: CameraChannel, frame: EncodedFrame, t: number, drafts: SightingDraft[]): void {
    const events: SightingV1[] = drafts.map(({ zone, face }) => {
      const e: SightingV1 = {
        v: 1,
        type: 'sighting',
        store: this.o.store.id,
        camera: ch.id,
        cameraClass: ch.cameraClass,
        zone,
        group: face.group,
        interval: face.interval,
        t: Math.round(t),
        seq: this.seq++,
      };
      if (face.attrs.gender || face.attrs.age) e.attrs = { ...face.attrs };
      return e;
    });
    this.metrics.observeLatency(this.o.clock.now() - frame.t, events.length);
    this.metrics.sightings.inc(this.metrics.camera(ch.id), events.length);
    this.deliver(events);
  }

  /** Hands events to the sink one batch after another, in sequence order; failures are reported. */
  private deliver(events: readonly VarvEvent[]): void {
    this.delivery = this.delivery
      .then(() => this.o.sink(events))
      .catch((e) => {
        const first = events[0]?.seq;
        const last = events[events.length - 1]?.seq;
        this.o.onError?.(
          new VarvError(
            'E_SINK',
            `the event sink failed on ${events.length} events (seq ${first}…${last}): ${(e as Error).message}`,
            { cause: e },
          ),
        );
      });
  }
}
