import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { T0, testStore } from '../analytics/fixtures.ts';
import { varv } from '../cli/varv.ts';
import { HOOK_MS, memoryStore } from '../services.ts';

// Issue 10, "127.0.0.1 by default": the server is reachable from this machine only unless told
// otherwise. `varv demo` binds 127.0.0.1 unless --host says else (its real command line), `varv
// serve`'s configuration defaults to it (test/cli/serveConfig.test.ts), and a server started without
// a host listens on loopback only: this machine's other addresses are refused.

/** Does a TCP connection to host:port open? */
async function reachable(host: string, port: number): Promise<boolean> {
  const socket = connect({ host, port });
  try {
    await Promise.race([once(socket, 'connect'), once(socket, 'error').then(([e]) => Promise.reject(e))]);
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('bound to 127.0.0.1 by default', () => {
  let db: EventStore;
  beforeAll(async () => {
    db = await memoryStore();
  }, HOOK_MS);
  afterAll(async () => {
    await db?.close();
  });

  it('varv demo binds 127.0.0.1 unless --host says otherwise', () => {
    const r = varv(['demo', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--host=<host>\s+address to bind\s+\(Default: 127\.0\.0\.1\)/);
  });

  it.skipIf(external === undefined)(
    `a server listening without a host is reachable on 127.0.0.1 and not on ${external}`,
    async () => {
      const app = await buildServer({
        source: new StoreSource({
          mode: 'live',
          stores: [{ layout: testStore() }],
          events: db,
          now: () => T0,
        }),
        auth: new TokenAuth([{ token: 'manager-token', role: 'manager' }]),
      });
      await app.listen({ port: 0 });
      try {
        const addresses = app.addresses().map((a) => (a as AddressInfo).address);
        expect(addresses.length).toBeGreaterThan(0);
        for (const a of addresses) expect(['127.0.0.1', '::1']).toContain(a);
        const { port } = app.addresses()[0] as AddressInfo;
        expect(await reachable('127.0.0.1', port)).toBe(true);
        expect(await reachable(external as string, port)).toBe(false);
      } finally {
        await app.close();
      }
    },
  );
});
