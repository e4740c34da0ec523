/**
 * A camera frame as it arrives: still encoded (JPEG), stamped on receipt. Its bytes are pixels
 * too: the engine wipes them once decoded, and the queue wipes the frames it drops.
 */
export type EncodedFrame = {
  camera: string;
  /** When it was received, epoch ms (the store clock, from an injected Clock). */
  t: number;
  bytes: Uint8Array;
};
