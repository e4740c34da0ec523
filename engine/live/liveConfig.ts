import type { Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import type { VarvError } from '../errors.ts';
import type { VarvEvent } from '../events/index.ts';
import type { StoreLayout } from '../layout/index.ts';
import type { GroupAssigner, Quantizer, Rotation, StoreKey } from '../privacy/index.ts';
import type { DecodeOptions, LiveVision, TrackerOptions } from '../vision/index.ts';

/** Where a camera's frames come from. */
export type CameraSourceConfig =
  | {
      kind: 'ffmpeg';
      /** rtsp://…, http://… (MJPEG) or a video file. */
      url: string;
      fps: number;
      /** Scale frames to this width before JPEG encoding. */
      width?: number;
      inputFormat?: string;
      realtime?: boolean;
      /** Restart ffmpeg when it exits (default true; false for a file read once). */
      restart?: boolean;
      backoff?: { initialMs?: number; maxMs?: number };
    }
  | { kind: 'push' }
  | { kind: 'folder'; dir: string; fps?: number; loop?: boolean };

export type LiveCameraConfig = {
  /** A camera of the store layout. */
  id: string;
  source: CameraSourceConfig;
  /** Frames waiting for this camera at most (older ones are dropped). Default 8. */
  queue?: number;
};

/** The store's privacy settings: a ready assigner, or its key and calibrated quantiser. */
export type LivePrivacy =
  | GroupAssigner
  | {
      key: StoreKey;
      quantizer: Quantizer;
      /** Default 256. */
      groups?: number;
      /** Default "none". */
      rotation?: Rotation;
      /** Default 06:00, 11:00, 14:00. */
      intervals?: readonly [string, string, string];
    };

/** Receives the engine's events in sequence order (an event store's or outbox's append). */
export type EventSink = (events: readonly VarvEvent[]) => void | Promise<void>;

export type LiveOptions = {
  store: StoreLayout;
  privacy: LivePrivacy;
  /** Vision in this thread (Vision) or in worker threads (VisionWorkers). */
  vision: LiveVision;
  cameras: readonly LiveCameraConfig[];
  sink: EventSink;
  clock: Clock;
  /** Metrics go here (a fresh registry when absent). */
  registry?: Registry;
  /** Bad frames, source failures and sink failures, as they happen (never with pixels). */
  onError?: (error: VarvError, camera?: string) => void;
  /** Seconds between repeated sightings of a face that stays in view. Default 10. */
  repeatAfterS?: number;
  tracker?: TrackerOptions;
  decode?: DecodeOptions;
  /** A face is embedded only once its detection scores this much… Default 0.5. */
  embedMinScore?: number;
  /** …and its box is this many pixels across (in the decoded frame). Default 24. */
  minFacePx?: number;
  /** Frames of different cameras processed at once. Default 2. */
  concurrency?: number;
  /** Seconds between health events (0: only when asked). Default 60. */
  healthEveryS?: number;
  /** Sequence number of the first event (to resume a store's sequence). Default 0. */
  firstSeq?: number;
  /** Largest pushed frame, bytes. Default 8 MB. */
  bodyLimit?: number;
};
