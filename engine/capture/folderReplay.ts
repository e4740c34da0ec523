import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { VarvError } from '../errors.ts';
import type { FrameSource, SourceState, SourceTarget } from './frameSource.ts';

export type FolderOptions = {
  dir: string;
  /** Frames per second; absent or 0: as fast as the receiver takes them (waiting for room). */
  fps?: number;
  /** Start over after the last file. Default false. */
  loop?: boolean;
  /** File extensions read (lower case, with the dot). Default .jpg, .jpeg, .png, .webp. */
  extensions?: readonly string[];
};

const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'];
const byName = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Replays the image files of a folder as a camera's frames, in name order (numbers in names
 * compared as numbers, so frame-9 comes before frame-10): paced at `fps`, or as fast as the
 * receiver has room. It only reads. A file that cannot be read is reported and skipped; a folder
 * that cannot be listed ends the replay with an error.
 */
export class FolderReplay implements FrameSource {
  readonly camera: string;
  readonly ended: Promise<void>;
  private endedResolve!: () => void;
  private current: SourceState = 'idle';
  private stopping = false;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Frames delivered so far. */
  frames = 0;

  constructor(
    private readonly target: SourceTarget,
    private readonly options: FolderOptions,
  ) {
    const fps = options.fps ?? 0;
    if (!(fps >= 0 && fps <= 120))
      throw new VarvError('E_CONFIG', `camera ${target.camera}: fps must be in [0, 120], got ${fps}`);
    this.camera = target.camera;
    this.ended = new Promise((r) => {
      this.endedResolve = r;
    });
  }

  get state(): SourceState {
    return this.current;
  }

  start(): void {
    if (this.current !== 'idle') return;
    this.current = 'running';
    this.running = this.run().then(
      () => this.finish(this.stopping ? 'stopped' : 'ended'),
      (e) => {
        this.report(`replay failed: ${(e as Error).message}`);
        this.finish(this.stopping ? 'stopped' : 'ended');
      },
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.wake?.();
    if (this.current === 'idle') this.finish('stopped');
    await this.running;
  }

  private async run(): Promise<void> {
    const { dir } = this.options;
    const extensions = this.options.extensions ?? IMAGE_EXTENSIONS;
    let files: string[];
    try {
      files = (await readdir(dir)).filter((f) => extensions.includes(extname(f).toLowerCase())).sort(byName);
    } catch (e) {
      this.report(`cannot list the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? e}`);
      return;
    }
    if (files.length === 0) {
      this.report(`the folder ${dir} holds no image files (${extensions.join(', ')})`);
      return;
    }
    const fps = this.options.fps ?? 0;
    const { clock } = this.target;
    const begin = clock.monotonic();
    let n = 0;
    do {
      for (const file of files) {
        if (this.stopping) return;
        if (fps > 0) await this.until(begin + (n * 1000) / fps);
        else await this.roomOrStop();
        if (this.stopping) return;
        n++;
        let bytes: Buffer;
        try {
          bytes = await readFile(join(dir, file));
        } catch (e) {
          this.report(`cannot read ${join(dir, file)}: ${(e as NodeJS.ErrnoException).code ?? e}`);
          continue;
        }
        this.frames++;
        this.target.deliver({
          camera: this.camera,
          t: clock.now(),
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        });
      }
    } while (this.options.loop && !this.stopping);
  }

  /** Waits until the clock's monotonic reading reaches `at` (or stop). */
  private until(at: number): Promise<void> {
    const wait = at - this.target.clock.monotonic();
    if (wait <= 0) return Promise.resolve();
    return new Promise((r) => {
      this.wake = r;
      this.timer = setTimeout(r, wait);
    });
  }

  private roomOrStop(): Promise<void> {
    if (!this.target.room) return Promise.resolve();
    return new Promise((r) => {
      this.wake = r;
      this.target.room?.().then(r);
    });
  }

  private report(message: string): void {
    this.target.onError?.(new VarvError('E_CAMERA', `camera ${this.camera}: ${message}`));
  }

  private finish(state: 'ended' | 'stopped'): void {
    if (this.current === 'ended' || this.current === 'stopped') return;
    this.current = state;
    this.endedResolve();
  }
}
