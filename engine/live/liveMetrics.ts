import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LIFETIME_BUCKETS_MS, LifetimeHistogram } from '../privacy/index.ts';

/** A lifetime histogram that also passes each lifetime on (to an engine-wide one, to Prometheus). */
export class ForwardingLifetimes extends LifetimeHistogram {
  constructor(private readonly forward: (ms: number) => void) {
    super();
  }

  override record(ms: number): void {
    super.record(ms);
    this.forward(ms);
  }
}

/**
 * The buffers whose lifetimes are measured: the JPEG as received ("encoded"), the small frame
 * decoded for detection ("detection"), the full-size decoded frame ("frame"), each face's patch
 * and crop ("crop"), each embedding ("embedding").
 */
export type BufferKind = 'encoded' | 'detection' | 'frame' | 'crop' | 'embedding';

export const BUFFER_KINDS: readonly BufferKind[] = ['encoded', 'detection', 'frame', 'crop', 'embedding'];

/** What an engine lets the scrape read: its store, and per camera its queue depth and tracks. */
export type MetricsReader = { store: string; queued(): Map<string, number>; tracks(): Map<string, number> };

/** Engines publishing on each registry (one per store may share one). */
const readers = new WeakMap<Registry, Set<MetricsReader>>();

/** The metric of that name already on the registry (another store's engine made it), or a new one. */
function shared<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * The live engine's Prometheus metrics, on the registry given, labelled by store (engines of
 * several stores can share a registry): frames in, dropped, bad and processed per camera, queue
 * depth and tracks per camera (read when scraped), faces embedded and sightings per camera, buffer
 * lifetimes (seconds, by buffer), and frame-to-event latency.
 */
export class LiveMetrics {
  readonly framesIn: Counter<'store' | 'camera'>;
  readonly framesDropped: Counter<'store' | 'camera'>;
  readonly framesBad: Counter<'store' | 'camera'>;
  readonly framesProcessed: Counter<'store' | 'camera'>;
  readonly facesEmbedded: Counter<'store' | 'camera'>;
  readonly sightings: Counter<'store' | 'camera'>;
  private readonly lifetime: Histogram<'store' | 'buffer'>;
  private readonly latency: Histogram<'store'>;

  constructor(
    readonly registry: Registry,
    private readonly reader: MetricsReader,
  ) {
    const registers = [registry];
    const counter = (name: string, help: string) =>
      shared(
        registry,
        name,
        () => new Counter({ name, help, labelNames: ['store', 'camera'] as const, registers }),
      );
    this.framesIn = counter('varv_frames_in_total', 'Frames received, by camera');
    this.framesDropped = counter('varv_frames_dropped_total', 'Frames dropped by a full queue, by camera');
    this.framesBad = counter(
      'varv_frames_bad_total',
      'Frames that could not be decoded or processed, by camera',
    );
    this.framesProcessed = counter('varv_frames_processed_total', 'Frames decoded and searched for faces');
    this.facesEmbedded = counter('varv_faces_embedded_total', 'Faces embedded (once per track), by camera');
    this.sightings = counter('varv_sightings_total', 'Sighting events emitted, by camera');
    this.lifetime = shared(
      registry,
      'varv_buffer_lifetime_seconds',
      () =>
        new Histogram({
          name: 'varv_buffer_lifetime_seconds',
          help: 'How long pixels and embeddings lived before they were wiped, by buffer: encoded (JPEG, receipt to wipe), detection (small frame decoded for detection), frame (full-size decoded frame), crop (a face’s patch and crop), embedding',
          labelNames: ['store', 'buffer'] as const,
          buckets: LIFETIME_BUCKETS_MS.map((ms) => ms / 1000),
          registers,
        }),
    );
    this.latency = shared(
      registry,
      'varv_frame_to_event_seconds',
      () =>
        new Histogram({
          name: 'varv_frame_to_event_seconds',
          help: 'From a frame’s receipt to its sighting event handed to the sink',
          labelNames: ['store'] as const,
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    );
    let mine = readers.get(registry);
    if (!mine) {
      const all = new Set<MetricsReader>();
      mine = all;
      readers.set(registry, all);
      const gauge = (name: string, help: string, read: (r: MetricsReader) => Map<string, number>) =>
        new Gauge({
          name,
          help,
          labelNames: ['store', 'camera'] as const,
          registers,
          collect() {
            this.reset();
            for (const r of all) for (const [camera, n] of read(r)) this.set({ store: r.store, camera }, n);
          },
        });
      gauge('varv_frame_queue_depth', 'Frames waiting, by camera', (r) => r.queued());
      gauge('varv_tracks_active', 'Faces being tracked, by camera', (r) => r.tracks());
    }
    mine.add(reader);
  }

  /** Per-camera label values. */
  camera(camera: string): { store: string; camera: string } {
    return { store: this.reader.store, camera };
  }

  /** A lifetime histogram for one kind of buffer that also feeds Prometheus. */
  lifetimes(buffer: BufferKind): ForwardingLifetimes {
    const child = this.lifetime.labels({ store: this.reader.store, buffer });
    return new ForwardingLifetimes((ms) => child.observe(ms / 1000));
  }

  /** A frame's receipt to its event, in ms. */
  observeLatency(ms: number, events = 1): void {
    const child = this.latency.labels({ store: this.reader.store });
    for (let i = 0; i < events; i++) child.observe(ms / 1000);
  }
}
