import { VarvError } from '../errors.ts';

/**
 * How the uplink proves to NATS who it is: a user and password, a token, or a `.creds` file (a
 * decentralised-auth JWT and NKey seed, as `nsc` writes them). With per-store users the broker's
 * permissions decide which subjects a store may publish to (see SECURITY.md).
 */
export type NatsCredentials = { user: string; pass: string } | { token: string } | { credsFile: string };

/**
 * Credentials from the environment: `VARV_NATS_USER` and `VARV_NATS_PASS`, or `VARV_NATS_TOKEN`,
 * or `VARV_NATS_CREDS` (the path of a creds file); undefined when none is set. A user without a
 * password (or the reverse), or more than one kind at once, is `E_CONFIG`. Values are never echoed.
 */
export function natsCredentialsFromEnv(env: Record<string, string | undefined>): NatsCredentials | undefined {
  const user = env.VARV_NATS_USER || undefined;
  const pass = env.VARV_NATS_PASS || undefined;
  const token = env.VARV_NATS_TOKEN || undefined;
  const credsFile = env.VARV_NATS_CREDS || undefined;
  if ((user === undefined) !== (pass === undefined))
    throw new VarvError(
      'E_CONFIG',
      `NATS credentials: ${user === undefined ? 'VARV_NATS_PASS is set without VARV_NATS_USER' : 'VARV_NATS_USER is set without VARV_NATS_PASS'}`,
    );
  const kinds = [
    user && 'VARV_NATS_USER/PASS',
    token && 'VARV_NATS_TOKEN',
    credsFile && 'VARV_NATS_CREDS',
  ].filter(Boolean);
  if (kinds.length > 1)
    throw new VarvError('E_CONFIG', `NATS credentials: set one of ${kinds.join(', ')}, not several`);
  if (user !== undefined && pass !== undefined) return { user, pass };
  if (token !== undefined) return { token };
  if (credsFile !== undefined) return { credsFile };
  return undefined;
}
