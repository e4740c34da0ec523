import { type ChildProcess, spawn } from 'node:child_process';
import { VarvError } from '../errors.ts';
import { wipe } from '../privacy/index.ts';
import type { FrameSource, SourceState, SourceTarget } from './frameSource.ts';
import { JpegSplitter } from './jpegSplitter.ts';

export type FfmpegOptions = {
  /** rtsp://…, http(s)://… (MJPEG), or a video file's path. */
  url: string;
  /** Frames per second taken from the stream. */
  fps: number;
  /** Scale to this width (height keeps the aspect); default: as the camera sends. */
  width?: number;
  /** JPEG quality as ffmpeg's -q:v (2 best … 31 worst). Default 5. */
  quality?: number;
  /** Force an input format (-f), e.g. "mpjpeg"; default: ffmpeg probes. */
  inputFormat?: string;
  /** Stamp input frames with their arrival time (default: for http(s) URLs, whose MJPEG has no timestamps). */
  wallclock?: boolean;
  /** Read a file at its native rate (-re) instead of as fast as it decodes. */
  realtime?: boolean;
  /** Start ffmpeg again whenever it exits (a camera stream). Default true; false: a file read once. */
  restart?: boolean;
  /** Waits before restarting: from `initialMs`, doubling up to `maxMs`; reset once frames flow. */
  backoff?: { initialMs?: number; maxMs?: number };
  ffmpegPath?: string;
};

/** The most stderr kept to explain an exit. */
const STDERR_KEEP = 2000;

/** A URL with any user:password@ replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//***@');
}

/**
 * Frames from Debian's ffmpeg: it reads the camera (RTSP over TCP, MJPEG over HTTP, a video
 * file), takes `fps` frames per second, and writes them as JPEGs to its stdout
 * (`-f image2pipe -c:v mjpeg`), which a JpegSplitter cuts into frames. Each frame is stamped on
 * receipt. When ffmpeg exits the source restarts it after a backoff (with `restart: false` it
 * ends instead); every failure is reported to `onError` with ffmpeg's last words (credentials in
 * URLs masked), never thrown. ffmpeg writes nothing to disk: its output is a pipe.
 */
export class FfmpegSource implements FrameSource {
  readonly camera: string;
  readonly ended: Promise<void>;
  private endedResolve!: () => void;
  private child: ChildProcess | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private stopping = false;
  private current: SourceState = 'idle';
  /** How many times ffmpeg was started, and frames delivered. */
  runs = 0;
  frames = 0;
  private splitter: JpegSplitter;

  constructor(
    private readonly target: SourceTarget,
    private readonly options: FfmpegOptions,
  ) {
    if (!(options.fps > 0 && options.fps <= 120))
      throw new VarvError('E_CONFIG', `camera ${target.camera}: fps must be in (0, 120], got ${options.fps}`);
    this.camera = target.camera;
    this.delayMs = options.backoff?.initialMs ?? 500;
    this.splitter = new JpegSplitter();
    this.ended = new Promise((r) => {
      this.endedResolve = r;
    });
  }

  get state(): SourceState {
    return this.current;
  }

  /** Frames the splitter gave up on (broken off in the stream). */
  get discarded(): number {
    return this.splitter.discarded;
  }

  /** The ffmpeg command line (without the program). */
  args(): string[] {
    const o = this.options;
    const input: string[] = ['-hide_banner', '-loglevel', 'error', '-nostdin'];
    if (o.url.startsWith('rtsp://') || o.url.startsWith('rtsps://')) input.push('-rtsp_transport', 'tcp');
    // An MJPEG stream over HTTP carries no timestamps: take them from arrival, so fps means real time.
    if (o.wallclock ?? /^https?:\/\//.test(o.url)) input.push('-use_wallclock_as_timestamps', '1');
    if (o.realtime) input.push('-re');
    if (o.inputFormat) input.push('-f', o.inputFormat);
    const filters = [`fps=${o.fps}`];
    if (o.width) filters.push(`scale=${o.width}:-2`);
    return [
      ...input,
      '-i',
      o.url,
      '-an',
      '-sn',
      '-dn',
      '-vf',
      filters.join(','),
      '-f',
      'image2pipe',
      '-c:v',
      'mjpeg',
      '-q:v',
      String(o.quality ?? 5),
      'pipe:1',
    ];
  }

  start(): void {
    if (this.current !== 'idle') return;
    this.launch();
  }

  async stop(): Promise<void> {
    if (this.current === 'stopped') return;
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
      const closed = new Promise<void>((r) => child.once('close', () => r()));
      child.kill('SIGTERM');
      await closed;
      clearTimeout(killer);
    }
    this.finish('stopped');
  }

  private launch(): void {
    this.current = 'running';
    this.runs++;
    let child: ChildProcess;
    try {
      child = spawn(this.options.ffmpegPath ?? '/usr/bin/ffmpeg', this.args(), {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      this.exited(`cannot start ffmpeg: ${(e as Error).message}`, false);
      return;
    }
    this.child = child;
    let stderr = '';
    let framesThisRun = 0;
    let done = false;
    const end = (why: string, clean: boolean) => {
      if (done) return;
      done = true;
      for (const bytes of this.splitter.end()) deliver(bytes);
      if (framesThisRun > 0) this.delayMs = this.options.backoff?.initialMs ?? 500;
      this.exited(why, clean);
    };
    const deliver = (bytes: Uint8Array) => {
      framesThisRun++;
      this.frames++;
      this.target.deliver({ camera: this.camera, t: this.target.clock.now(), bytes });
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      const jpegs = this.splitter.push(chunk);
      wipe(chunk);
      for (const bytes of jpegs) deliver(bytes);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.on('error', (e) => end(`cannot start ffmpeg: ${e.message}`, false));
    child.on('close', (code, signal) => {
      const last = redactUrl(stderr.trim().split('\n').pop()?.trim() ?? '');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      end(`ffmpeg ${how}${last ? `: ${last}` : ''}`, code === 0);
    });
  }

  private exited(why: string, clean: boolean): void {
    this.child = undefined;
    if (this.stopping) return;
    const restart = this.options.restart ?? true;
    if (!restart) {
      if (!clean)
        this.target.onError?.(
          new VarvError('E_CAMERA', `camera ${this.camera} (${redactUrl(this.options.url)}): ${why}`),
        );
      this.finish('ended');
      return;
    }
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 30_000);
    this.target.onError?.(
      new VarvError(
        'E_CAMERA',
        `camera ${this.camera} (${redactUrl(this.options.url)}): ${why}; restarting in ${delay} ms`,
      ),
    );
    this.current = 'backoff';
    this.timer = setTimeout(() => {
      if (!this.stopping) this.launch();
    }, delay);
    this.timer.unref?.();
  }

  private finish(state: 'ended' | 'stopped'): void {
    this.current = state;
    this.splitter.reset();
    this.endedResolve();
  }
}
