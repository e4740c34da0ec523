import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { Counter, Gauge, Registry } from 'prom-client';
import { CAMERA_PUSH_ROUTE, type CameraIntake, cameraPush } from '../capture/index.ts';
import { canRead, type Principal, type TokenAuth } from './auth.ts';
import type { LiveSource } from './liveSource.ts';
import { type RateLimitOptions, registerRateLimits } from './rateLimits.ts';
import { storeReportHtml } from './storeReport.ts';
import type { WhatIfService } from './whatIf.ts';
import { registerWhatIfRoutes } from './whatIfRoutes.ts';

export type { LiveSource, SimulatedAgents } from './liveSource.ts';

export type ServerOptions = {
  source: LiveSource;
  auth: TokenAuth;
  /** The twin's production build, served at / when present. */
  twinDir?: string;
  /** How often the live feed pushes (ms of real time). */
  tickMs?: number;
  /** Fastify's request log (off by default); a stream receives its lines (the canary test reads them). */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** Serve HTTPS (and WSS) with this certificate and key (PEM). Without it: plain HTTP, for 127.0.0.1. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Cameras that push JPEG frames (POST /api/cameras/:id/frames, each with its own camera token): the live engine. */
  cameras?: CameraIntake;
  /** Requests per window per token or IP address (see RateLimitOptions for the defaults); false: none. */
  rateLimit?: RateLimitOptions | false;
  /** The registry /metrics serves (e.g. with the uplink's metrics on it); the server adds its own. Default: a new one. */
  metrics?: Registry;
  /** Runs what-ifs for the twin's edit mode (admin only; see whatIfRoutes.ts). The caller closes it. */
  whatIf?: WhatIfService;
};

/**
 * The in-store / cloud HTTP server: REST for layouts, KPIs and replay; a WebSocket live feed of
 * per-second aggregates; Prometheus metrics; the twin's static files. Every /api route wants a
 * manager or admin token (Authorization: Bearer …, or ?token= for the WebSocket, which browsers
 * cannot give headers).
 */
export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  // Fastify's instance type differs with https; the routes below are the same for both.
  const app = (
    o.tls ? Fastify({ logger: o.logger ?? false, https: o.tls }) : Fastify({ logger: o.logger ?? false })
  ) as FastifyInstance;
  const registry = o.metrics ?? new Registry();
  const requests = new Counter({
    name: 'varv_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const clients = new Gauge({
    name: 'varv_live_clients',
    help: 'WebSocket clients on the live feed',
    registers: [registry],
  });
  const liveBytes = new Counter({
    name: 'varv_live_bytes_total',
    help: 'Bytes sent on the live feed',
    registers: [registry],
  });
  await app.register(fastifyWebsocket);
  if (o.rateLimit !== false) {
    const limited = new Counter({
      name: 'varv_http_rate_limited_total',
      help: 'Requests refused for a rate limit, by key (anonymous: per IP; token; camera)',
      labelNames: ['kind'] as const,
      registers: [registry],
    });
    await registerRateLimits(app, o.auth, o.rateLimit ?? {}, limited);
  }

  const principal = (req: FastifyRequest): Principal | null => {
    const q = req.query as { token?: string };
    return o.auth.check(req.headers.authorization ?? q.token);
  };
  app.addHook('onResponse', async (req, reply) => {
    requests.inc({ route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) });
  });
  app.addHook('onRequest', async (req, reply) => {
    // The route matched, not the raw URL: the router decodes %xx, so "/%61pi/stores" is /api/stores.
    const url = req.routeOptions.url ?? (req.url.split('?')[0] as string);
    if (url === '/api/health') return;
    if (o.cameras && req.method === 'POST' && CAMERA_PUSH_ROUTE.test(url)) return; // cameraPush checks camera tokens
    if (url.startsWith('/api/') && !canRead(principal(req)))
      return reply.code(401).send({ error: 'a manager or admin token is needed (Authorization: Bearer …)' });
    if (url === '/metrics' && principal(req)?.role !== 'admin')
      return reply.code(401).send({ error: 'metrics need an admin token' });
  });

  const storeOr404 = (id: string) => o.source.stores().find((s) => s.id === id);
  const timeArg = (v: unknown, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n))
      throw Object.assign(new Error(`expected epoch milliseconds, got "${String(v)}"`), { statusCode: 400 });
    return n;
  };

  app.get('/api/health', async () => ({ ok: true, mode: o.source.mode }));
  // Who the caller is (the twin offers its edit mode to an admin only) and whether what-ifs run here.
  app.get('/api/me', async (req) => ({ role: principal(req)?.role ?? null, whatIf: o.whatIf !== undefined }));
  app.get('/api/stores', async () => ({
    mode: o.source.mode,
    now: o.source.now(),
    stores: await Promise.all(
      o.source.stores().map(async (s) => ({ id: s.id, name: s.name, range: await o.source.range(s.id) })),
    ),
  }));
  app.get<{ Params: { id: string } }>('/api/stores/:id/layout', async (req, reply) => {
    const s = storeOr404(req.params.id);
    return s ?? reply.code(404).send({ error: `no store "${req.params.id}"` });
  });
  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>(
    '/api/stores/:id/kpis',
    async (req, reply) => {
      if (!storeOr404(req.params.id)) return reply.code(404).send({ error: `no store "${req.params.id}"` });
      const range = await o.source.range(req.params.id);
      const to = timeArg(req.query.to, o.source.now());
      const from = timeArg(req.query.from, range?.from ?? to - 3_600_000);
      if (!(from < to)) return reply.code(400).send({ error: '"from" must be before "to"' });
      return o.source.kpis(req.params.id, from, to);
    },
  );
  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string; format?: string } }>(
    '/api/stores/:id/report',
    async (req, reply) => {
      const s = storeOr404(req.params.id);
      if (!s) return reply.code(404).send({ error: `no store "${req.params.id}"` });
      if (!o.source.report) return reply.code(404).send({ error: 'this source has no reports' });
      const to = timeArg(req.query.to, o.source.now());
      const dayStart = DateTime.fromMillis(to, { zone: s.timezone }).startOf('day').toMillis();
      const from = timeArg(req.query.from, dayStart);
      if (!(from < to)) return reply.code(400).send({ error: '"from" must be before "to"' });
      const report = await o.source.report(s.id, from, to);
      if (req.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(storeReportHtml(report));
      return report;
    },
  );
  app.get<{ Params: { id: string }; Querystring: { t?: string } }>(
    '/api/stores/:id/replay',
    async (req, reply) => {
      if (!storeOr404(req.params.id)) return reply.code(404).send({ error: `no store "${req.params.id}"` });
      return o.source.tickAt(req.params.id, timeArg(req.query.t, o.source.now()));
    },
  );
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  // The live feed: one tick per store per tickMs; in simulation mode also the synthetic shoppers.
  const subscribers = new Map<string, Set<{ send(data: string): void; readyState: number }>>();
  app.get<{ Querystring: { store?: string } }>('/api/live', { websocket: true }, (socket, req) => {
    const store = req.query.store ?? o.source.stores()[0]?.id ?? '';
    if (!storeOr404(store)) {
      socket.send(JSON.stringify({ type: 'error', error: `no store "${store}"` }));
      socket.close();
      return;
    }
    const set = subscribers.get(store) ?? new Set();
    subscribers.set(store, set);
    set.add(socket);
    clients.inc();
    socket.on('close', () => {
      set.delete(socket);
      clients.dec();
    });
    socket.send(JSON.stringify({ type: 'hello', mode: o.source.mode, store }));
  });
  // One push at a time: a slow database delays the next tick rather than piling them up.
  let pushing = false;
  const push = async () => {
    if (pushing) return;
    pushing = true;
    try {
      await pushAll();
    } catch (e) {
      app.log.error(e, 'live feed tick failed');
    } finally {
      pushing = false;
    }
  };
  const pushAll = async () => {
    for (const [store, set] of subscribers) {
      if (set.size === 0) continue;
      const messages = [JSON.stringify(await o.source.tickAt(store, o.source.now()))];
      const agents = o.source.mode === 'simulation' ? o.source.agents?.(store) : null;
      if (agents) messages.push(JSON.stringify(agents));
      for (const socket of set) {
        if (socket.readyState !== 1) continue;
        for (const m of messages) {
          socket.send(m);
          liveBytes.inc(m.length);
        }
      }
    }
  };
  const timer = setInterval(push, o.tickMs ?? 1000);
  app.addHook('onClose', async () => clearInterval(timer));

  if (o.whatIf) registerWhatIfRoutes(app, o.whatIf, principal);
  if (o.cameras) await app.register(cameraPush, { intake: o.cameras, auth: o.auth });
  if (o.twinDir && existsSync(o.twinDir)) await app.register(fastifyStatic, { root: o.twinDir });
  return app;
}
