import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { openDemo } from '../../scenarios/demo/openDemo.ts';
import { WhatIfJobs } from '../../scenarios/whatif/index.ts';
import { buildTwin } from './twinBuild.ts';

export type DemoOptions = { port: number; host: string; speed: number; scenarios: string[]; token?: string };

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `varv demo` (= `npm start`): simulates the demo stores' day, replays it at `speed`× through the
 * server, serves the twin, and prints the URL. The URL's token is an admin token: the local user
 * owns the demo, so the twin's edit mode may run what-ifs (the demo's scenarios are the baselines).
 */
export async function demoCommand(o: DemoOptions): Promise<void> {
  const twinDir = await buildTwin(root);
  const demo = await openDemo(o.scenarios, { speed: o.speed });
  const token = o.token ?? TokenAuth.mint();
  const auth = new TokenAuth([{ token, role: 'admin' }]);
  const whatIf = new WhatIfJobs({ baselines: o.scenarios });
  const app = await buildServer({ source: demo.source, auth, twinDir, whatIf });
  await app.listen({ port: o.port, host: o.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${o.host === '0.0.0.0' ? '127.0.0.1' : o.host}:${port}/#token=${token}`;
  process.stdout.write(
    `Varv demo: ${demo.source
      .stores()
      .map((s) => s.name)
      .join(' and ')}, simulated and replayed at ${o.speed}× (synthetic shoppers)\n` +
      `open ${url}\n` +
      "The token is an admin token (you own this demo): the twin's edit mode runs what-ifs on this machine.\n" +
      `API: curl -H 'Authorization: Bearer ${token}' http://127.0.0.1:${port}/api/stores\n` +
      'Ctrl-C stops.\n',
  );
  const stop = async () => {
    await app.close();
    await whatIf.close();
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export const DEMO_SCENARIOS = [
  join(root, 'scenarios/runs/demo-grocery-day.json'),
  join(root, 'scenarios/runs/demo-fashion-day.json'),
];
