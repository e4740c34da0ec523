import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleJpeg } from './fixtures.ts';

// Proof that ingestion writes no file. The ingestion runs in a process of its own
// (test/live/ingestChild.ts: HTTP push over a real socket, ffmpeg on an MJPEG clip, a folder
// replay, the real models) with a fresh, empty working directory, HOME and TMPDIR.
//
// 1. Under strace (-f: the process, its threads and the ffmpeg it starts), every system call that
//    names a file is recorded; between the two markers the child leaves in the trace, none may
//    open a file for writing (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND) or create, rename,
//    delete, link, truncate or change the metadata of one. Native code (libvips, ONNX Runtime)
//    and ffmpeg cannot slip past this, unlike a check of Node's fs module.
// 2. At the first marker the child holds no regular file open for writing (so no earlier-opened
//    file can be written to without an open in the trace).
// 3. Its working directory, HOME and TMPDIR hold the same files, sizes and times before and after.
//
// Without strace (or where ptrace is not allowed) part 1 is skipped, with a warning.

const STRACE = '/usr/bin/strace';
const CHILD = fileURLToPath(new URL('./ingestChild.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

let dir: string;
let straceOk = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'varv-nowrite-'));
  for (const d of ['fixtures', 'fixtures/frames', 'work', 'home', 'tmp']) mkdirSync(join(dir, d));
  const [s1, s3] = await Promise.all([sampleJpeg(1), sampleJpeg(3)]);
  writeFileSync(join(dir, 'fixtures/s1.jpg'), s1);
  writeFileSync(join(dir, 'fixtures/frames/frame-1.jpg'), s3);
  execFileSync('/usr/bin/ffmpeg', [
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-framerate',
    '5',
    '-t',
    '0.6',
    '-i',
    join(dir, 'fixtures/s1.jpg'),
    '-vf',
    'scale=640:-2',
    '-c:v',
    'mjpeg',
    join(dir, 'fixtures/clip.avi'),
  ]);
  if (existsSync(STRACE)) {
    try {
      execFileSync(STRACE, ['-f', '--seccomp-bpf', '-e', 'trace=%file', '-o', '/dev/null', 'true']);
      straceOk = true;
    } catch (e) {
      console.warn(
        `strace cannot trace here (${(e as Error).message.split('\n')[0]}): the system-call check is skipped`,
      );
    }
  } else console.warn(`${STRACE} is missing: the system-call check is skipped (apt-get install strace)`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child (under strace when possible); its summary, and the trace's lines. */
function ingest(marker: string): Promise<{ summary: Record<string, unknown>; trace: string[] }> {
  const cfg = {
    clip: join(dir, 'fixtures/clip.avi'),
    folder: join(dir, 'fixtures/frames'),
    jpeg: join(dir, 'fixtures/s1.jpg'),
    watch: ['work', 'home', 'tmp'].map((d) => join(dir, d)),
    marker,
  };
  const node = [process.execPath, '--import', TSX, CHILD, JSON.stringify(cfg)];
  const [cmd, ...args] = straceOk
    ? [
        STRACE,
        '-f',
        '--seccomp-bpf',
        '-qq',
        '-e',
        'trace=%file,ftruncate',
        '-e',
        'signal=none',
        '-o',
        '|cat >&3',
        ...node,
      ]
    : node;
  const child = spawn(cmd as string, args, {
    cwd: join(dir, 'work'),
    env: { ...process.env, HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), CI: process.env.CI ?? '' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let trace = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  child.stdio[3]?.on('data', (d) => {
    trace += d;
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`the ingestion process exited with ${code}:\n${stderr.slice(-3000)}`));
      const last = stdout.trim().split('\n').pop() as string;
      resolve({ summary: JSON.parse(last), trace: trace.split('\n') });
    }),
  );
}

/** Syscalls that change the file system, and the open flags that may. */
const CHANGING =
  /\b(creat|rename|renameat2?|unlink|unlinkat|rmdir|mkdir|mkdirat|link|linkat|symlink|symlinkat|truncate|ftruncate|mknod|mknodat|chmod|fchmodat|chown|fchownat|lchown|utime|utimes|utimensat|futimesat|setxattr|lsetxattr|removexattr|lremovexattr)\(/;
const OPEN = /\b(open|openat|openat2)\(/;
const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;

/** The trace's lines that wrote to the file system between the markers (character devices excepted). */
function writes(trace: string[], marker: string): string[] {
  const begin = trace.findIndex((l) => l.includes(`${marker}-begin`));
  const end = trace.findIndex((l) => l.includes(`${marker}-end`));
  expect(begin, 'the begin marker is in the trace').toBeGreaterThanOrEqual(0);
  expect(end, 'the end marker is in the trace').toBeGreaterThan(begin);
  return trace
    .slice(begin + 1, end)
    .filter((l) => CHANGING.test(l) || (OPEN.test(l) && WRITE_FLAGS.test(l)))
    .filter((l) => !/"\/dev\/(null|tty|urandom|random)"/.test(l));
}

describe('ingestion writes no file', () => {
  it('(the check itself) finds a file written between the markers', async (ctx) => {
    if (!straceOk) return ctx.skip();
    const marker = `varv-no-such-path-${randomBytes(6).toString('hex')}`;
    const script = `const fs = require('node:fs'); fs.existsSync('/${marker}-begin'); fs.writeFileSync(process.env.TMPDIR + '/written', 'x'); fs.renameSync(process.env.TMPDIR + '/written', process.env.TMPDIR + '/moved'); fs.existsSync('/${marker}-end');`;
    const out = execFileSync(
      STRACE,
      [
        '-f',
        '--seccomp-bpf',
        '-qq',
        '-e',
        'trace=%file,ftruncate',
        '-e',
        'signal=none',
        '-o',
        '|cat',
        process.execPath,
        '-e',
        script,
      ],
      {
        env: { ...process.env, TMPDIR: join(dir, 'tmp') },
        encoding: 'utf8',
      },
    );
    const found = writes(out.split('\n'), marker);
    expect(found.length).toBe(2);
    expect(found[0]).toMatch(/open.*written.*O_CREAT/);
    expect(found[1]).toMatch(/rename.*moved/);
    rmSync(join(dir, 'tmp/moved'));
  });

  it('pushes, streams and replays frames into events without writing anything anywhere', {
    timeout: 120_000,
  }, async () => {
    const marker = `varv-no-such-path-${randomBytes(6).toString('hex')}`;
    const { summary, trace } = await ingest(marker);
    const s = summary as {
      statuses: number[];
      sightings: Record<string, number>;
      health: { source: string; framesIn: number; lifetimes: number }[];
      errors: string[];
      fdsAtStart: string[];
      before: Record<string, string>;
      after: Record<string, string>;
    };
    // The ingestion really happened: frames from all three sources became sightings.
    expect(s.statuses).toEqual([202, 202, 202, 202]);
    expect(s.sightings).toEqual({ push: 3, file: 3, folder: 3 });
    expect(s.errors).toEqual([expect.stringMatching(/cam-push: the frame .* was rejected: cannot decode/)]);
    // Health's pixel lifetimes are the full-size frames': only the three with new faces to describe.
    expect(s.health.find((h) => h.source === 'engine')).toMatchObject({ framesIn: 8, lifetimes: 3 });
    // Nothing open for writing when it began, and nothing changed in its directories.
    expect(s.fdsAtStart).toEqual([]);
    expect(s.after).toEqual(s.before);
    if (straceOk) {
      expect(trace.length).toBeGreaterThan(10);
      // The trace saw the ingestion: ffmpeg was started and read the clip.
      const between = trace.slice(trace.findIndex((l) => l.includes(`${marker}-begin`)));
      expect(between.some((l) => /execve\("\/usr\/bin\/ffmpeg"/.test(l))).toBe(true);
      expect(between.some((l) => l.includes('clip.avi'))).toBe(true);
      expect(writes(trace, marker)).toEqual([]);
    }
    expect(readdirSync(join(dir, 'work'))).toEqual([]);
  });
});
