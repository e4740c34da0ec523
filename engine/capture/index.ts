export {
  CAMERA_PUSH_ROUTE,
  type CameraAuth,
  type CameraIntake,
  type CameraPushOptions,
  cameraPush,
  DEFAULT_BODY_LIMIT,
} from './cameraPush.ts';
export type { EncodedFrame } from './encodedFrame.ts';
export { type FfmpegOptions, FfmpegSource, redactUrl } from './ffmpegSource.ts';
export { type FolderOptions, FolderReplay } from './folderReplay.ts';
export { FrameQueue, type QueueStats } from './frameQueue.ts';
export type { FrameSource, SourceState, SourceTarget } from './frameSource.ts';
export { JpegSplitter } from './jpegSplitter.ts';
