import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { wipe } from '../privacy/index.ts';
import type { QueueStats } from './frameQueue.ts';

/** Where pushed frames go: the live engine takes them per camera. */
export interface CameraIntake {
  /** Does this camera take pushed frames? */
  accepts(camera: string): boolean;
  /** Takes a pushed frame's bytes (the intake stamps and queues them); the camera's queue after. */
  push(camera: string, bytes: Uint8Array): QueueStats;
  /** Largest frame accepted, in bytes (default 8 MB). */
  readonly bodyLimit?: number;
}

/** Who holds a token (the server's TokenAuth fits): only a camera's own token may push its frames. */
export type CameraAuth = {
  check(presented: string | undefined): { role: string; camera?: string } | null;
};

export type CameraPushOptions = { intake: CameraIntake; auth: CameraAuth };

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
const JPEG = 'image/jpeg';

/** The route the plugin serves (the server's read-token check leaves it to the plugin). */
export const CAMERA_PUSH_ROUTE = /^\/api\/cameras\/[^/?]+\/frames(\?|$)/;

type PushRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * `POST /api/cameras/:id/frames`, body one JPEG (`Content-Type: image/jpeg`), with the camera's
 * own token (`Authorization: Bearer …`). 401 without a valid token, 403 with another camera's or
 * a non-camera token, 404 for a camera that takes no pushed frames, 415 for another content type,
 * 413 over the body limit, 400 for an empty body or one that is not a JPEG; else 202 with the
 * camera's queue counts. Whether the JPEG decodes is found out by the engine (counted, reported in
 * health). The body is read into one buffer and each network chunk wiped once copied; nothing is
 * logged.
 */
export const cameraPush: FastifyPluginAsync<CameraPushOptions> = async (app, { intake, auth }) => {
  const limit = intake.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.addContentTypeParser(JPEG, (req, payload, done) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return done(tooLarge(limit), undefined);
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return wipe(chunk);
      received += chunk.length;
      chunks.push(chunk);
      if (received > limit) {
        failed = true;
        for (const c of chunks) wipe(c);
        chunks.length = 0;
        done(tooLarge(limit), undefined);
      }
    });
    payload.on('error', (e) => {
      for (const c of chunks) wipe(c);
      if (!failed) done(e, undefined);
      failed = true;
    });
    payload.on('end', () => {
      if (failed) return;
      const body = new Uint8Array(received);
      let at = 0;
      for (const c of chunks) {
        body.set(c, at);
        at += c.length;
        wipe(c);
      }
      done(null, body);
    });
  });

  const guard = async (req: PushRequest, reply: FastifyReply) => {
    const who = auth.check(req.headers.authorization);
    const id = req.params.id;
    if (!who) return reply.code(401).send({ error: 'a camera token is needed (Authorization: Bearer …)' });
    if (who.role !== 'camera' || who.camera !== id)
      return reply.code(403).send({ error: `this token may not push frames for camera "${id}"` });
    if (!intake.accepts(id))
      return reply.code(404).send({ error: `camera "${id}" does not take pushed frames` });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== JPEG)
      return reply
        .code(415)
        .send({ error: `frames are pushed as ${JPEG}, got ${type ? `"${type}"` : 'no content type'}` });
  };

  app.post<{ Params: { id: string } }>(
    '/api/cameras/:id/frames',
    { onRequest: guard, bodyLimit: limit },
    async (req, reply) => {
      const body = req.body as Uint8Array | undefined;
      if (!body || body.length === 0) return reply.code(400).send({ error: 'the frame is empty' });
      if (body[0] !== 0xff || body[1] !== 0xd8) {
        wipe(body);
        return reply.code(400).send({ error: 'the body is not a JPEG (it does not start with FF D8)' });
      }
      const queue = intake.push(req.params.id, body);
      return reply.code(202).send({ camera: req.params.id, queue });
    },
  );
};

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the frame is larger than the limit of ${limit} bytes`), {
    statusCode: 413,
    code: 'FST_ERR_CTP_BODY_TOO_LARGE',
  });
}
