import {
  type EncodedFrame,
  FfmpegSource,
  FolderReplay,
  FrameQueue,
  type FrameSource,
  type SourceTarget,
} from '../capture/index.ts';
import type { Clock } from '../clock.ts';
import { VarvError } from '../errors.ts';
import type { CameraClass, StoreLayout } from '../layout/index.ts';
import { type IntervalName, type LifetimeHistogram, wipe } from '../privacy/index.ts';
import { type AgeBand, FaceTracker, type Gender, type TrackerOptions } from '../vision/index.ts';
import type { LiveCameraConfig } from './liveConfig.ts';
import { ForwardingLifetimes } from './liveMetrics.ts';
import { ZoneLocator } from './zoneLocator.ts';

/** What a track keeps of its face: the group and categories, never the embedding. */
export type TrackedFace = {
  group: number;
  interval: IntervalName;
  /** The local day of the interval (a new day or interval needs a new embedding). */
  day: number;
  attrs: { gender?: Gender; age?: AgeBand };
};

/** A frame waiting in a camera's queue: stamped on receipt by the engine's monotonic clock too. */
export type QueuedFrame = EncodedFrame & {
  /** When the engine received it (clock.monotonic()), for the JPEG's lifetime. */
  received: number;
};

/** One camera inside the live engine: its queue, source, tracker, zone map and counts. */
export type CameraChannel = {
  id: string;
  cameraClass: CameraClass;
  queue: FrameQueue<QueuedFrame>;
  source: FrameSource | undefined;
  tracker: FaceTracker<TrackedFace>;
  locator: ZoneLocator;
  /** Full-size decoded-frame lifetimes of this camera (feeding the engine-wide histogram). */
  frameLifetimes: LifetimeHistogram;
  /** A frame of this camera is being processed (frames of one camera go in order). */
  busy: boolean;
  /** The latest frame time used, so that the tracker's time never runs backwards. */
  lastT: number;
  bad: number;
  processed: number;
  /** Since the last health event: bad frames, drops and the last error. */
  sinceHealth: { bad: number; dropped: number; error: string | undefined };
};

/** What a channel needs from the engine. */
export type ChannelDeps = {
  store: StoreLayout;
  clock: Clock;
  tracker: TrackerOptions | undefined;
  /** The engine-wide frame lifetimes, which the camera's feed. */
  engineFrames: LifetimeHistogram;
  /** Where the source's frames go (the engine queues them). */
  receive(frame: EncodedFrame): void;
  /** Called for each frame the full queue dropped, once its bytes are wiped. */
  dropped(frame: QueuedFrame): void;
  onError(error: VarvError): void;
};

/**
 * A camera of the store layout made ready for live frames: its queue (drop-oldest; a dropped
 * frame's bytes are wiped), its tracker, zone locator and source (ffmpeg or folder; none for push).
 */
export function openChannel(c: LiveCameraConfig, deps: ChannelDeps): CameraChannel {
  const camera = deps.store.cameras.find((k) => k.id === c.id);
  if (!camera)
    throw new VarvError('E_CONFIG', `live camera "${c.id}" is not a camera of store "${deps.store.id}"`);
  const ch: CameraChannel = {
    id: c.id,
    cameraClass: camera.class,
    queue: new FrameQueue<QueuedFrame>(c.queue ?? 8, (dropped) => {
      wipe(dropped.bytes);
      ch.sinceHealth.dropped++;
      deps.dropped(dropped);
    }),
    source: undefined,
    tracker: new FaceTracker<TrackedFace>(deps.tracker),
    locator: new ZoneLocator(deps.store, camera),
    frameLifetimes: new ForwardingLifetimes((ms) => deps.engineFrames.record(ms)),
    busy: false,
    lastT: 0,
    bad: 0,
    processed: 0,
    sinceHealth: { bad: 0, dropped: 0, error: undefined },
  };
  const target: SourceTarget = {
    camera: c.id,
    clock: deps.clock,
    deliver: deps.receive,
    room: () => ch.queue.space(),
    onError: (e) => {
      ch.sinceHealth.error = e.message;
      deps.onError(e);
    },
  };
  const s = c.source;
  if (s.kind === 'ffmpeg') ch.source = new FfmpegSource(target, s);
  else if (s.kind === 'folder') ch.source = new FolderReplay(target, s);
  return ch;
}
