import { spawnSync } from 'node:child_process';

/** The environment without any VARV_KEY variables, so that only what a test gives counts. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VARV_KEY')));

/** Runs the real `varv` command as a user would; the last line of stdout is kept apart for --json. */
export function varv(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/varv.js', ...args], {
    encoding: 'utf8',
    env: { ...cleanEnv, NO_COLOR: '1', ...env },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    lastLine: r.stdout.trim().split('\n').at(-1) ?? '',
  };
}
