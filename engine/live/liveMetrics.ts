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

/** The buffers whose lifetimes are measured: decoded frame, face crops, embeddings. */
export type BufferKind = 'frame' | 'crop' | 'embedding';

/**
 * The live engine's Prometheus metrics, on the registry given: frames in, dropped, bad and
 * processed per camera, queue depth and tracks per camera (read when scraped), faces embedded and
 * sightings per camera, buffer lifetimes (seconds, by buffer), and frame-to-event latency.
 */
export class LiveMetrics {
  readonly framesIn: Counter<'camera'>;
  readonly framesDropped: Counter<'camera'>;
  readonly framesBad: Counter<'camera'>;
  readonly framesProcessed: Counter<'camera'>;
  readonly facesEmbedded: Counter<'camera'>;
  readonly sightings: Counter<'camera'>;
  readonly lifetime: Histogram<'buffer'>;
  readonly latency: Histogram;

  constructor(
    readonly registry: Registry,
    read: { queued(): Map<string, number>; tracks(): Map<string, number> },
  ) {
    const registers = [registry];
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['camera'] as const, registers });
    this.framesIn = counter('varv_frames_in_total', 'Frames received, by camera');
    this.framesDropped = counter('varv_frames_dropped_total', 'Frames dropped by a full queue, by camera');
    this.framesBad = counter('varv_frames_bad_total', 'Frames that could not be decoded, by camera');
    this.framesProcessed = counter('varv_frames_processed_total', 'Frames decoded and searched for faces');
    this.facesEmbedded = counter('varv_faces_embedded_total', 'Faces embedded (once per track), by camera');
    this.sightings = counter('varv_sightings_total', 'Sighting events emitted, by camera');
    this.lifetime = new Histogram({
      name: 'varv_buffer_lifetime_seconds',
      help: 'How long decoded frames, face crops and embeddings lived before they were wiped',
      labelNames: ['buffer'] as const,
      buckets: LIFETIME_BUCKETS_MS.map((ms) => ms / 1000),
      registers,
    });
    this.latency = new Histogram({
      name: 'varv_frame_to_event_seconds',
      help: 'From a frame’s receipt to its sighting event handed to the sink',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Gauge({
      name: 'varv_frame_queue_depth',
      help: 'Frames waiting, by camera',
      labelNames: ['camera'] as const,
      registers,
      collect() {
        for (const [camera, n] of read.queued()) this.set({ camera }, n);
      },
    });
    new Gauge({
      name: 'varv_tracks_active',
      help: 'Faces being tracked, by camera',
      labelNames: ['camera'] as const,
      registers,
      collect() {
        for (const [camera, n] of read.tracks()) this.set({ camera }, n);
      },
    });
  }

  /** A lifetime histogram for one kind of buffer that also feeds Prometheus. */
  lifetimes(buffer: BufferKind): ForwardingLifetimes {
    const child = this.lifetime.labels({ buffer });
    return new ForwardingLifetimes((ms) => child.observe(ms / 1000));
  }
}
