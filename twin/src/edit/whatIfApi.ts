import type {
  WhatIfCheck,
  WhatIfDefaults,
  WhatIfJobView,
  WhatIfStart,
} from '../../../engine/server/whatIf.ts';
import { get, token } from '../api.ts';

export type {
  WhatIfIssue,
  WhatIfResult,
  WhatIfRow,
  WhatIfStat,
  WhatIfWindow,
} from '../../../engine/server/whatIf.ts';
export type { WhatIfCheck, WhatIfDefaults, WhatIfJobView, WhatIfStart };

/** Who the token belongs to, and whether this server runs what-ifs. */
export type Me = { role: 'camera' | 'manager' | 'admin' | null; whatIf: boolean };

async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const r = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  if (!r.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {}
    throw new Error(`${r.status}: ${message}`);
  }
  return JSON.parse(text) as T;
}

const storePath = (store: string) => `/api/stores/${encodeURIComponent(store)}`;

/** The server's what-if endpoints (admin only; see engine/server/whatIfRoutes.ts). */
export const whatIfApi = {
  me: () => get<Me>('/api/me'),
  defaults: (store: string) => get<WhatIfDefaults>(`${storePath(store)}/whatif`),
  check: (store: string, patch: unknown[]) =>
    send<WhatIfCheck>('POST', `${storePath(store)}/variants/check`, { patch }),
  start: (store: string, request: WhatIfStart) =>
    send<WhatIfJobView>('POST', `${storePath(store)}/whatif`, request),
  job: (id: string) => get<WhatIfJobView>(`/api/whatif/${encodeURIComponent(id)}`),
  cancel: (id: string) => send<WhatIfJobView>('DELETE', `/api/whatif/${encodeURIComponent(id)}`),
};
