import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import { type EventStore, MEMORY, openEventStore } from '../../engine/store/index.ts';
import { T0, testStore } from '../analytics/fixtures.ts';

// With a certificate configured, the server speaks HTTPS only; the certificate here is made
// for the test by Debian's openssl (a store would configure its own).

const get = (port: number, path: string, ca: Buffer, token?: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        ca,
        servername: 'localhost',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });

describe('TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'varv-tls-'));
  let db: EventStore;
  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    db = await openEventStore({ dir: MEMORY });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTPS with the configured certificate, and refuses plain HTTP', async () => {
    const cert = readFileSync(join(dir, 'cert.pem'));
    const app = await buildServer({
      source: new StoreSource({ mode: 'live', stores: [{ layout: testStore() }], events: db, now: () => T0 }),
      auth: new TokenAuth([{ token: 'manager-token', role: 'manager' }]),
      tls: { cert, key: readFileSync(join(dir, 'key.pem')) },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect((await get(port, '/api/health', cert)).status).toBe(200);
      const stores = await get(port, '/api/stores', cert, 'manager-token');
      expect(stores.status).toBe(200);
      expect(JSON.parse(stores.body).stores[0].id).toBe('test');
      expect((await get(port, '/api/stores', cert)).status).toBe(401);
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    } finally {
      await app.close();
    }
  });
});
