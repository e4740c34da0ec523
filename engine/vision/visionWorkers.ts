import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../adapters/tsWorker.ts';
import { VarvError } from '../errors.ts';
import { type LifetimeMeter, wipe } from '../privacy/index.ts';
import type { Detection } from './decodeBlazeFace.ts';
import type { DecodeOptions } from './decodeImage.ts';
import type { DescribeHooks, FoundFaces, LiveVision } from './liveVision.ts';
import type { VisionOptions } from './vision.ts';
import type { WorkerReply, WorkerRequest } from './visionWorker.ts';

export type VisionWorkersOptions = VisionOptions & {
  /** Worker threads, each with its own ONNX Runtime sessions. Default 2. */
  workers?: number;
};

type Thread = {
  worker: Worker;
  pending: Map<number, (reply: WorkerReply) => void>;
  load: number;
  alive: boolean;
};

/**
 * The live vision steps in worker threads: ONNX Runtime runs an inference synchronously in the
 * thread that asks, so in the server's own thread every BlazeFace and FaceRes run would hold up
 * HTTP (cameras' pushes) and everything else; here they run beside it, on other cores. Each
 * request goes to the least busy worker with its own copy of the JPEG (transferred, so no other
 * copy exists), which the worker wipes once decoded; embeddings come back transferred, for the
 * caller to lend and wipe; lifetimes are measured in the worker and recorded here. A worker that
 * dies fails its requests with E_VISION and is replaced.
 */
export class VisionWorkers implements LiveVision {
  private nextId = 1;
  private released = false;

  private constructor(
    private readonly threads: Thread[],
    private readonly options: VisionOptions,
  ) {}

  static async open(options: VisionWorkersOptions = {}): Promise<VisionWorkers> {
    const { workers = 2, ...vision } = options;
    if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64))
      throw new VarvError('E_CONFIG', `vision workers must be a whole number in [1, 64], got ${workers}`);
    const threads = await Promise.all(Array.from({ length: workers }, () => spawn(vision)));
    const pool = new VisionWorkers(threads, vision);
    for (const t of threads) pool.watch(t);
    return pool;
  }

  findFaces(bytes: Uint8Array, decode: DecodeOptions = {}, meter?: LifetimeMeter): Promise<FoundFaces> {
    return new Promise((resolve, reject) => {
      this.send({ id: 0, op: 'find', bytes: new Uint8Array(bytes), decode }, (r, done) => {
        if (r.kind === 'found') {
          meter?.histogram.record(r.detectionMs);
          done();
          resolve(r.found);
        } else if (r.kind === 'error') {
          done();
          reject(new VarvError(r.code, r.message));
        }
      });
    });
  }

  describeFaces(
    bytes: Uint8Array,
    found: FoundFaces,
    faces: readonly Detection[],
    decode: DecodeOptions,
    hooks: DescribeHooks,
  ): Promise<void> {
    let failure: unknown;
    return new Promise((resolve, reject) => {
      const request: WorkerRequest = {
        id: 0,
        op: 'describe',
        bytes: new Uint8Array(bytes),
        found,
        faces: [...faces],
        decode,
      };
      this.send(request, (r, done) => {
        if (r.kind === 'cut') {
          hooks.frame.record(r.frameMs);
          hooks.cut?.();
        } else if (r.kind === 'face') {
          hooks.crop.record(r.cropMs);
          if (failure !== undefined) wipe(r.description.embedding);
          else
            try {
              hooks.described(r.i, r.description);
            } catch (e) {
              wipe(r.description.embedding);
              failure = e;
            }
        } else if (r.kind === 'done') {
          done();
          if (failure !== undefined) reject(failure);
          else resolve();
        } else if (r.kind === 'error') {
          done();
          reject(new VarvError(r.code, r.message));
        }
      });
    });
  }

  /** Stops the workers (their sessions and memory go with them). */
  async release(): Promise<void> {
    this.released = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  /** Posts a request to the least busy live worker, transferring its bytes. */
  private send(request: WorkerRequest, onReply: (reply: WorkerReply, done: () => void) => void): void {
    const t = this.threads
      .filter((x) => x.alive)
      .reduce<Thread | undefined>((best, x) => (!best || x.load < best.load ? x : best), undefined);
    if (!t || this.released) {
      wipe(request.bytes);
      onReply({ id: 0, kind: 'error', code: 'E_VISION', message: 'no vision worker is running' }, () => {});
      return;
    }
    const id = this.nextId++;
    t.load++;
    const done = () => {
      if (t.pending.delete(id)) t.load--;
    };
    t.pending.set(id, (reply) => onReply(reply, done));
    t.worker.postMessage({ ...request, id }, [request.bytes.buffer as ArrayBuffer]);
  }

  /** Routes a worker's replies; when it dies, fails what it had and starts another. */
  private watch(t: Thread): void {
    t.worker.on('message', (r: WorkerReply) => t.pending.get(r.id)?.(r));
    const died = (why: string) => {
      if (!t.alive) return;
      t.alive = false;
      for (const [id, reply] of [...t.pending]) reply({ id, kind: 'error', code: 'E_VISION', message: why });
      if (this.released) return;
      const i = this.threads.indexOf(t);
      spawn(this.options).then(
        (fresh) => {
          if (this.released) void fresh.worker.terminate();
          else {
            this.threads[i] = fresh;
            this.watch(fresh);
          }
        },
        () => {},
      );
    };
    t.worker.on('error', (e) => died(`a vision worker failed: ${e.message}`));
    t.worker.on('exit', (code) => died(`a vision worker exited (code ${code})`));
  }
}

/** Starts a worker and waits until its models are loaded. */
function spawn(options: VisionOptions): Promise<Thread> {
  const worker = startTsWorker(new URL('./visionWorker.ts', import.meta.url), options);
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      void worker.terminate();
      reject(new VarvError('E_VISION', `a vision worker could not start: ${e.message}`, { cause: e }));
    };
    worker.once('error', fail);
    worker.once('message', (r: WorkerReply) => {
      worker.off('error', fail);
      if (r.kind === 'ready') resolve({ worker, pending: new Map(), load: 0, alive: true });
      else if (r.kind === 'error') fail(new Error(r.message));
      else fail(new Error(`unexpected first message ${r.kind}`));
    });
  });
}
