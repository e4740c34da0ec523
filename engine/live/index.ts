export {
  type CameraChannel,
  type ChannelDeps,
  openChannel,
  type QueuedFrame,
  type TrackedFace,
} from './cameraChannel.ts';
export {
  FrameProcessor,
  type ProcessorLifetimes,
  type ProcessorOptions,
  type SightingDraft,
} from './frameProcessor.ts';
export { healthReport } from './healthReport.ts';
export type {
  CameraSourceConfig,
  EventSink,
  LiveCameraConfig,
  LiveOptions,
  LivePrivacy,
} from './liveConfig.ts';
export { type CameraStats, LiveEngine } from './liveEngine.ts';
export { BUFFER_KINDS, type BufferKind, ForwardingLifetimes, LiveMetrics } from './liveMetrics.ts';
export { ZoneLocator } from './zoneLocator.ts';
