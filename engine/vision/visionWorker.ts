import { parentPort, workerData } from 'node:worker_threads';
import { VarvError } from '../errors.ts';
import { LifetimeHistogram, wipe } from '../privacy/index.ts';
import type { Detection } from './decodeBlazeFace.ts';
import type { DecodeOptions } from './decodeImage.ts';
import type { FaceDescription } from './faceDescriber.ts';
import type { FoundFaces } from './liveVision.ts';
import { Vision, type VisionOptions } from './vision.ts';

// A worker thread of VisionWorkers: its own Vision (ONNX Runtime sessions), taking one request at
// a time. Each request brings its own copy of the JPEG (transferred, never shared), which is wiped
// here once decoded; nothing of a frame outlives its request. Replies: see VisionWorkers.

export type WorkerRequest =
  | { id: number; op: 'find'; bytes: Uint8Array; decode: DecodeOptions }
  | {
      id: number;
      op: 'describe';
      bytes: Uint8Array;
      found: FoundFaces;
      faces: Detection[];
      decode: DecodeOptions;
    };

export type WorkerReply =
  | { id: -1; kind: 'ready' }
  | { id: number; kind: 'found'; found: FoundFaces; detectionMs: number }
  | { id: number; kind: 'cut'; frameMs: number }
  | { id: number; kind: 'face'; i: number; description: FaceDescription; cropMs: number }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; code: string; message: string };

const port = parentPort;
if (!port) throw new Error('visionWorker runs in a worker thread');
const clock = { monotonic: () => performance.now(), now: () => 0 };
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

let vision: Vision;
try {
  vision = await Vision.open((workerData as { data: VisionOptions }).data);
  post({ id: -1, kind: 'ready' });
} catch (e) {
  post({ id: -1, kind: 'error', code: (e as VarvError).code ?? 'E_VISION', message: (e as Error).message });
  throw e;
}

/** A histogram that remembers the last lifetime recorded (to pass it on to the engine). */
class Last extends LifetimeHistogram {
  last = 0;
  override record(ms: number): void {
    super.record(ms);
    this.last = ms;
  }
}

async function handle(r: WorkerRequest): Promise<void> {
  try {
    if (r.op === 'find') {
      const detection = new Last();
      const found = await vision.findFaces(r.bytes, r.decode, { clock, histogram: detection });
      post({ id: r.id, kind: 'found', found, detectionMs: detection.last });
    } else {
      const frame = new Last();
      const crop = new Last();
      await vision.describeFaces(r.bytes, r.found, r.faces, r.decode, {
        clock,
        frame,
        crop,
        cut: () => {
          wipe(r.bytes);
          post({ id: r.id, kind: 'cut', frameMs: frame.last });
        },
        // The crop's lifetime is recorded just before its face is handed over.
        described: (i, description) =>
          post({ id: r.id, kind: 'face', i, description, cropMs: crop.last }, [
            description.embedding.buffer as ArrayBuffer,
          ]),
      });
      post({ id: r.id, kind: 'done' });
    }
  } catch (e) {
    post({
      id: r.id,
      kind: 'error',
      code: e instanceof VarvError ? e.code : 'E_VISION',
      message: (e as Error).message,
    });
  } finally {
    wipe(r.bytes);
  }
}

// One request at a time, in arrival order.
let chain = Promise.resolve();
port.on('message', (r: WorkerRequest) => {
  chain = chain.then(() => handle(r));
});
