import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

// A throw-away PostgreSQL cluster of the test's own (initdb in a temp folder, its own port and
// socket folder), so that a fault test can stop and restart a real PostgreSQL server without
// touching the shared one on 5432 that other tests and people use at the same time.

const PG_LIB = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or undefined. */
function binDir(): string | undefined {
  if (process.env.VARV_PG_BIN) return process.env.VARV_PG_BIN;
  if (!existsSync(PG_LIB)) return undefined;
  const versions = readdirSync(PG_LIB)
    .filter((v) => existsSync(join(PG_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(PG_LIB, versions[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: as root, the cluster is owned and run by this user. */
const RUN_AS = 'postgres';
const isRoot = () => userInfo().uid === 0;

/** null when a private cluster can be made here; else why not (under CI=true: thrown). */
export function privatePostgresSkip(): string | null {
  const bin = binDir();
  let reason: string | null = null;
  if (!bin) reason = `no PostgreSQL server binaries under ${PG_LIB} (initdb, pg_ctl); set VARV_PG_BIN`;
  else if (isRoot()) {
    try {
      execFileSync('id', ['-u', RUN_AS], { stdio: 'ignore' });
    } catch {
      reason = `running as root, and there is no "${RUN_AS}" user to run a PostgreSQL cluster as`;
    }
  }
  if (reason === null) return null;
  if (process.env.CI === 'true')
    throw new Error(`a private PostgreSQL cluster is required under CI=true: ${reason}`);
  const msg = `private PostgreSQL tests skipped: ${reason}`;
  console.warn(msg);
  return msg;
}

const live = new Set<PrivatePostgres>();
// Whatever happens to the test, no cluster is left running.
process.once('exit', () => {
  for (const pg of live) pg.stopNow();
});

export class PrivatePostgres {
  private running = false;
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  /** initdb (trust auth, no fsync: a test's data) and start. */
  static async start(): Promise<PrivatePostgres> {
    const bin = binDir();
    if (!bin) throw new Error('no PostgreSQL server binaries');
    const dir = mkdtempSync(join(tmpdir(), 'varv-pg-'));
    if (isRoot()) chownSync(dir, Number(execFileSync('id', ['-u', RUN_AS]).toString()), 0);
    const pg = new PrivatePostgres(bin, dir, await freePort());
    pg.run('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    pg.start();
    return pg;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  /** A URL for a database of this cluster (the default "postgres"). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const cmd = join(this.bin, tool);
    const [file, argv] = isRoot() ? ['runuser', ['-u', RUN_AS, '--', cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: 'ignore' });
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      'start',
    ]);
    this.running = true;
    live.add(this);
  }

  /** Stops the server (fast: open transactions are rolled back, clients cut off) and waits. */
  stop(): void {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    this.running = false;
    live.delete(this);
  }

  /** For the exit hook: stop without waiting for anything. */
  stopNow(): void {
    try {
      if (this.running) this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', 'stop']);
    } catch {
      // nothing more can be done on the way out
    }
    this.running = false;
  }

  async dispose(): Promise<void> {
    try {
      this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
