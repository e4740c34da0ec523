import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CameraIntake, cameraPush, FrameQueue, type QueueStats } from '../../engine/capture/index.ts';
import { buildServer, type LiveSource } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';

const auth = new TokenAuth([
  { token: 'cam-1-token', role: 'camera', camera: 'cam-1' },
  { token: 'cam-2-token', role: 'camera', camera: 'cam-2' },
  { token: 'manager-token', role: 'manager' },
]);

/** An intake for push cameras cam-1 and cam-2 (cam-3 reads from elsewhere), keeping what arrives. */
function intake(bodyLimit?: number) {
  const queues = new Map([
    ['cam-1', new FrameQueue<Uint8Array>(2)],
    ['cam-2', new FrameQueue<Uint8Array>(2)],
  ]);
  const received: { camera: string; bytes: Uint8Array }[] = [];
  const it: CameraIntake = {
    accepts: (camera) => queues.has(camera),
    push(camera: string, bytes: Uint8Array): QueueStats {
      received.push({ camera, bytes: Uint8Array.from(bytes) });
      const q = queues.get(camera) as FrameQueue<Uint8Array>;
      q.push(bytes);
      return q.stats();
    },
    ...(bodyLimit ? { bodyLimit } : {}),
  };
  return { intake: it, received };
}

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .jpeg()
    .toBuffer();
});

/**
 * Posts a copy of `body`: the plugin wipes each network chunk once it has copied it, and inject
 * hands it the payload buffer itself.
 */
const post = (app: FastifyInstance, camera: string, body: Buffer | string, headers: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: `/api/cameras/${camera}/frames`,
    payload: typeof body === 'string' ? body : Buffer.from(body),
    headers,
  });

describe('POST /api/cameras/:id/frames (cameraPush)', () => {
  let app: FastifyInstance;
  let received: ReturnType<typeof intake>['received'];
  beforeAll(async () => {
    const i = intake(10_000);
    received = i.received;
    app = Fastify();
    await app.register(cameraPush, { intake: i.intake, auth });
  });
  afterAll(() => app.close());

  const jpegHeaders = (token?: string): Record<string, string> => ({
    'content-type': 'image/jpeg',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  it('takes a JPEG from the camera’s own token: 202 with the queue counts, the bytes intact', async () => {
    const r = await post(app, 'cam-1', jpeg, jpegHeaders('cam-1-token'));
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({
      camera: 'cam-1',
      queue: { capacity: 2, in: 1, out: 0, dropped: 0, queued: 1 },
    });
    expect(Buffer.from((received.at(-1) as { bytes: Uint8Array }).bytes).equals(jpeg)).toBe(true);
    // What came over the wire is wiped once copied into the frame.
    const wire = Buffer.from(jpeg);
    await app.inject({
      method: 'POST',
      url: '/api/cameras/cam-2/frames',
      payload: wire,
      headers: jpegHeaders('cam-2-token'),
    });
    expect(wire.every((b) => b === 0)).toBe(true);
    expect(Buffer.from((received.at(-1) as { bytes: Uint8Array }).bytes).equals(jpeg)).toBe(true);
    // Two more: the queue of 2 drops the oldest, and says so.
    await post(app, 'cam-1', jpeg, jpegHeaders('cam-1-token'));
    const third = await post(app, 'cam-1', jpeg, jpegHeaders('cam-1-token'));
    expect(third.json().queue).toEqual({ capacity: 2, in: 3, out: 0, dropped: 1, queued: 2 });
  });

  it('answers 401 without a valid token and 403 with another camera’s or a reader’s token', async () => {
    const before = received.length;
    expect((await post(app, 'cam-1', jpeg, jpegHeaders())).statusCode).toBe(401);
    expect((await post(app, 'cam-1', jpeg, jpegHeaders('guess'))).statusCode).toBe(401);
    const other = await post(app, 'cam-1', jpeg, jpegHeaders('cam-2-token'));
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatch(/may not push frames for camera "cam-1"/);
    expect((await post(app, 'cam-1', jpeg, jpegHeaders('manager-token'))).statusCode).toBe(403);
    expect(received.length).toBe(before);
  });

  it('answers 404 for a camera that takes no pushed frames', async () => {
    const auth3 = new TokenAuth([{ token: 'cam-3-token', role: 'camera', camera: 'cam-3' }]);
    const app3 = Fastify();
    await app3.register(cameraPush, { intake: intake().intake, auth: auth3 });
    const r = await post(app3, 'cam-3', jpeg, jpegHeaders('cam-3-token'));
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatch(/cam-3" does not take pushed frames/);
    await app3.close();
  });

  it('answers 415 for another content type, 413 over the body limit, 400 for an empty body or one that is not a JPEG', async () => {
    const before = received.length;
    const png = await post(app, 'cam-1', jpeg, {
      'content-type': 'image/png',
      authorization: 'Bearer cam-1-token',
    });
    expect(png.statusCode).toBe(415);
    expect(png.json().error).toMatch(/image\/jpeg, got "image\/png"/);
    const json = await post(app, 'cam-1', '{}', {
      'content-type': 'application/json',
      authorization: 'Bearer cam-1-token',
    });
    expect(json.statusCode).toBe(415);
    const big = await post(
      app,
      'cam-1',
      Buffer.concat([jpeg, Buffer.alloc(20_000)]),
      jpegHeaders('cam-1-token'),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/larger than the limit of 10000 bytes/);
    const empty = await post(app, 'cam-1', Buffer.alloc(0), jpegHeaders('cam-1-token'));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatch(/empty/);
    const text = await post(app, 'cam-1', Buffer.from('hello, not a jpeg'), jpegHeaders('cam-1-token'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatch(/not a JPEG/);
    expect(received.length).toBe(before);
  });

  it('limits bodies to 8 MB by default', async () => {
    const a = Fastify();
    await a.register(cameraPush, { intake: intake().intake, auth });
    const r = await post(
      a,
      'cam-1',
      Buffer.concat([jpeg, Buffer.alloc(8 * 1024 * 1024)]),
      jpegHeaders('cam-1-token'),
    );
    expect(r.statusCode).toBe(413);
    expect((await post(a, 'cam-1', jpeg, jpegHeaders('cam-1-token'))).statusCode).toBe(202);
    await a.close();
  });
});

describe('the server with cameras', () => {
  it('serves the push route to camera tokens while every other /api route still wants a reader', async () => {
    const source = {
      mode: 'live',
      stores: () => [],
      now: () => 0,
    } as unknown as LiveSource;
    const i = intake();
    const app = await buildServer({ source, auth, cameras: i.intake });
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/cameras/cam-2/frames',
        payload: Buffer.from(jpeg),
        headers: { 'content-type': 'image/jpeg', authorization: 'Bearer cam-2-token' },
      });
      expect(r.statusCode).toBe(202);
      expect(i.received.map((x) => x.camera)).toEqual(['cam-2']);
      const stores = await app.inject({
        url: '/api/stores',
        headers: { authorization: 'Bearer cam-2-token' },
      });
      expect(stores.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
