import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VarvError } from '../errors.ts';
import type { Principal } from './auth.ts';
import type { WhatIfService, WhatIfStart } from './whatIf.ts';

/** HTTP status of a service error, by its code. */
const STATUS: Record<string, number> = {
  E_NOT_FOUND: 404,
  E_INVALID: 400,
  E_USAGE: 400,
  E_WHATIF_BUSY: 429,
};

/**
 * The what-if routes (the twin's edit mode), registered when the server is given a service. The
 * server's hook has already refused anyone who may not read (401); these answer only an admin
 * (403 for a manager: manager tokens are read-only, and a what-if spends the server's CPU).
 *
 * - `GET /api/stores/:id/whatif`: the store's day, suggested window and seeds (404: no baseline);
 * - `POST /api/stores/:id/variants/check` `{patch}`: the variant's issues, each with its element;
 * - `POST /api/stores/:id/whatif` `{patch, name?, window?, seeds?}`: 202 with the queued job
 *   (400 with the issues when the variant is invalid);
 * - `GET /api/whatif/:job`: progress, then the result; `DELETE /api/whatif/:job` cancels it.
 */
export function registerWhatIfRoutes(
  app: FastifyInstance,
  service: WhatIfService,
  principal: (req: FastifyRequest) => Principal | null,
): void {
  const admin = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (principal(req)?.role === 'admin') return true;
    void reply.code(403).send({ error: 'what-ifs need an admin token (manager tokens are read-only)' });
    return false;
  };
  const failed = (reply: FastifyReply, e: unknown) => {
    if (e instanceof VarvError && STATUS[e.code])
      return reply.code(STATUS[e.code] as number).send({ error: e.message, code: e.code });
    throw e;
  };
  const patchOf = (body: unknown): unknown => (body as { patch?: unknown } | null)?.patch;

  app.get<{ Params: { id: string } }>('/api/stores/:id/whatif', async (req, reply) => {
    if (!admin(req, reply)) return reply;
    const d = service.defaults(req.params.id);
    return d ?? reply.code(404).send({ error: `no what-if baseline for store "${req.params.id}"` });
  });

  app.post<{ Params: { id: string } }>('/api/stores/:id/variants/check', async (req, reply) => {
    if (!admin(req, reply)) return reply;
    try {
      return service.check(req.params.id, patchOf(req.body));
    } catch (e) {
      return failed(reply, e);
    }
  });

  app.post<{ Params: { id: string } }>('/api/stores/:id/whatif', async (req, reply) => {
    if (!admin(req, reply)) return reply;
    const body = (req.body ?? {}) as Partial<WhatIfStart>;
    try {
      const check = service.check(req.params.id, body.patch);
      if (!check.ok)
        return reply.code(400).send({ error: 'the variant is not a valid layout', issues: check.issues });
      return reply.code(202).send(
        service.start(req.params.id, {
          patch: body.patch as unknown[],
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.window === undefined ? {} : { window: body.window }),
          ...(body.seeds === undefined ? {} : { seeds: body.seeds }),
        }),
      );
    } catch (e) {
      return failed(reply, e);
    }
  });

  app.get<{ Params: { job: string } }>('/api/whatif/:job', async (req, reply) => {
    if (!admin(req, reply)) return reply;
    return service.job(req.params.job) ?? reply.code(404).send({ error: `no what-if "${req.params.job}"` });
  });

  app.delete<{ Params: { job: string } }>('/api/whatif/:job', async (req, reply) => {
    if (!admin(req, reply)) return reply;
    if (!service.cancel(req.params.job))
      return reply.code(404).send({ error: `no what-if "${req.params.job}"` });
    return service.job(req.params.job);
  });
}
