export { alignedCrop, type CropRegion } from './alignedCrop.ts';
export { blazeFaceAnchors } from './anchors.ts';
export { type AgeBand, ageBandOf, type Gender, genderOf } from './attributes.ts';
export { augmentedCrop, drawAugmentation, type FaceAugmentation, NO_AUGMENTATION } from './augment.ts';
export { type BlazeFaceGrid, type Detection, decodeBlazeFace } from './decodeBlazeFace.ts';
export { type DecodeOptions, decodeImage } from './decodeImage.ts';
export { detectorInput } from './detectorInput.ts';
export {
  calibrateOnSamples,
  type EmbedderCalibrationOptions,
  type EmbedderCalibrationReport,
  type FaceRate,
} from './embedderCalibration.ts';
export {
  type FaceSample,
  type FaceSamplesOptions,
  faceSamples,
  type SamplePairs,
  samplePairs,
} from './embedderPairs.ts';
export { type DescriberOptions, FACE_SIZE, FaceDescriber, type FaceDescription } from './faceDescriber.ts';
export { type DetectorOptions, FaceDetector } from './faceDetector.ts';
export { cutPatch, type FacePatch } from './facePatch.ts';
export { faceRegion } from './faceRegion.ts';
export { type AngleStats, angleDeg, fitNoiseModel, type NoiseModelFit, pairAngles } from './fitNoiseModel.ts';
export type { Frame } from './frame.ts';
export { jpegSize } from './jpegSize.ts';
export { dot, l2normalize } from './l2normalize.ts';
export type { DescribeHooks, FoundFaces, LiveVision } from './liveVision.ts';
export { type Box, iou, nms } from './nms.ts';
export { DEFAULT_THREADS, openSession, type VisionThreads } from './onnxSession.ts';
export { rocAuc } from './rocAuc.ts';
export { FaceTracker, type Track, type TrackerOptions, type TrackUpdate } from './tracker.ts';
export { type Face, Vision, type VisionOptions } from './vision.ts';
export { VisionWorkers, type VisionWorkersOptions } from './visionWorkers.ts';
