import ort from 'onnxruntime-node';
import { VarvError } from '../errors.ts';

/** Threads one ONNX Runtime session may use: within an op, and across independent ops. */
export type VisionThreads = { intraOp: number; interOp: number };

export const DEFAULT_THREADS: VisionThreads = { intraOp: 1, interOp: 1 };

/**
 * ONNX Runtime's Linux build carries Microsoft's telemetry: unless ORT_DISABLE_TELEMETRY is set
 * when its environment is created (with the first session), it keeps a SQLite store and a device
 * id under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and a log at $TMPDIR/mat-debug-<pid>.log,
 * and would upload over HTTPS. Nothing of the live engine may reach a disk or a socket, so it is
 * always off (test/live/noDiskWrites.test.ts catches it otherwise).
 */
function disableTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY = '1';
}

/** Opens an onnxruntime-node CPU session on a model file, with all graph optimisations. */
export async function openSession(
  path: string,
  threads: VisionThreads = DEFAULT_THREADS,
): Promise<ort.InferenceSession> {
  for (const [k, n] of Object.entries(threads))
    if (!Number.isInteger(n) || n < 1)
      throw new VarvError('E_USAGE', `vision threads.${k} must be a whole number ≥ 1, got ${n}`);
  disableTelemetry();
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads.intraOp,
      interOpNumThreads: threads.interOp,
      executionMode: threads.interOp > 1 ? 'parallel' : 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new VarvError('E_MODEL_LOAD', `onnxruntime cannot load ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** The float32 data of a named output of a session run. */
export function outputData(result: ort.InferenceSession.OnnxValueMapType, name: string): Float32Array {
  const t = result[name];
  if (!t || !(t.data instanceof Float32Array))
    throw new VarvError('E_MODEL_LOAD', `the model has no float output ${name}`);
  return t.data;
}
