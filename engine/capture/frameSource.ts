import type { Clock } from '../clock.ts';
import type { VarvError } from '../errors.ts';
import type { EncodedFrame } from './encodedFrame.ts';

/** idle: not started; running; backoff: waiting to restart after a failure; ended: nothing more to read; stopped. */
export type SourceState = 'idle' | 'running' | 'backoff' | 'ended' | 'stopped';

/** Where a source delivers its frames and reports its troubles. */
export type SourceTarget = {
  camera: string;
  /** Stamps each frame on receipt. */
  clock: Clock;
  /** Takes each frame (e.g. a FrameQueue's push); the receiver owns and wipes the bytes. */
  deliver(frame: EncodedFrame): void;
  /** Resolves when the receiver has room; sources that can wait (a folder) wait on it. */
  room?(): Promise<void>;
  /** Errors are reported here, never thrown. */
  onError?(error: VarvError): void;
};

/** A camera's frames from somewhere: started once, stopped once. */
export interface FrameSource {
  readonly camera: string;
  readonly state: SourceState;
  start(): void;
  /** Stops reading; resolves when nothing of it runs any more. */
  stop(): Promise<void>;
  /** Resolves when the source has ended on its own or was stopped. */
  readonly ended: Promise<void>;
}
