import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import type { TokenAuth } from './auth.ts';

/**
 * Requests allowed per window, counted per key: a valid token is its own key (so a camera or a
 * manager is never slowed down by someone else on the same address, e.g. behind a proxy), a
 * request with no valid token counts against its IP address (guesses at tokens and anonymous
 * scans are slowed down; the twin's static files and /api/health are fetched this way too).
 */
export type RateLimitOptions = {
  /** The window, ms (default 60 s). */
  windowMs?: number;
  /** Requests without a valid token, per IP address and window (default 300). */
  anonymousPerIp?: number;
  /** Requests with a manager or admin token, per token and window (default 1,200: 20/s). */
  perToken?: number;
  /**
   * Requests with a camera token, per token and window (default 6,000: 100 frames/s). Pushed frames
   * have their own back-pressure (a full queue drops the oldest); this is only a ceiling for a
   * runaway or stolen camera token, far above any real camera's frame rate, so it never starves one.
   */
  perCameraToken?: number;
};

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  windowMs: 60_000,
  anonymousPerIp: 300,
  perToken: 1200,
  perCameraToken: 6000,
};

type Keyed = { kind: 'anonymous' | 'token' | 'camera'; key: string };

/**
 * Rate limits for every request (404s and WebSocket upgrades included), checked before the token
 * check so that failed guesses count too. Over the limit: 429 with `retry-after` and a message
 * saying which limit. `limited` counts refusals by kind of key.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  auth: TokenAuth,
  options: RateLimitOptions,
  limited?: Counter<'kind'>,
): Promise<void> {
  const o = { ...DEFAULT_RATE_LIMITS, ...options };
  for (const [name, v] of Object.entries(o))
    if (!(Number.isInteger(v) && v > 0))
      throw new RangeError(`rate limit "${name}" must be a positive integer (got ${v})`);
  const keyed = new WeakMap<FastifyRequest, Keyed>();
  const keyOf = (req: FastifyRequest): Keyed => {
    let k = keyed.get(req);
    if (!k) {
      const q = req.query as { token?: unknown };
      const who = auth.identify(req.headers.authorization ?? (q?.token as string | undefined));
      k = !who
        ? { kind: 'anonymous', key: `ip:${req.ip}` }
        : { kind: who.principal.role === 'camera' ? 'camera' : 'token', key: `token:${who.token}` };
      keyed.set(req, k);
    }
    return k;
  };
  const maxOf = (k: Keyed) =>
    k.kind === 'anonymous' ? o.anonymousPerIp : k.kind === 'camera' ? o.perCameraToken : o.perToken;
  await app.register(fastifyRateLimit, {
    global: false,
    timeWindow: o.windowMs,
    keyGenerator: (req) => keyOf(req).key,
    max: (req) => maxOf(keyOf(req)),
    onExceeded: (req) => limited?.inc({ kind: keyOf(req).kind }),
    errorResponseBuilder: (req, ctx) => {
      const k = keyOf(req);
      const who = k.kind === 'anonymous' ? 'requests without a valid token from this address' : 'this token';
      return Object.assign(
        new Error(
          `too many requests: ${who} may make ${ctx.max} per ${o.windowMs / 1000} s; retry in ${ctx.after}`,
        ),
        { statusCode: ctx.statusCode },
      );
    },
  });
  app.addHook('onRequest', app.rateLimit());
}
