import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_ENV } from './labUnderTest.ts';

// `npm run test:privacy -- --config <file>`: runs the privacy property tests (this folder) against a
// lab file, a scenario or a store. The configuration reaches the tests through VARV_PRIVACY_CONFIG
// (vitest's own --config names its config file, so the flag cannot pass through). Other arguments go
// to vitest as they are.

const args = process.argv.slice(2);
const rest: string[] = [];
let config: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--config') config = args[++i];
  else if (a.startsWith('--config=')) config = a.slice('--config='.length);
  else rest.push(a);
}
if (args.includes('--config') && !config) {
  process.stderr.write('--config needs a file: a varv.privacy-lab/1, varv.scenario/1 or varv.store/1 JSON\n');
  process.exitCode = 2;
} else {
  const env = { ...process.env };
  if (config) env[CONFIG_ENV] = resolve(config);
  process.stderr.write(
    `privacy properties of ${config ? resolve(config) : 'the demo grocery (scenarios/privacy/demo-grocery-lab.json)'}\n`,
  );
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const r = spawnSync(process.execPath, [vitest, 'run', 'test/privacy/properties', ...rest], {
    stdio: 'inherit',
    env,
  });
  process.exitCode = r.status ?? 1;
}
