import type { StoreLayout } from '../../engine/layout/schema/store.ts';
import type { SimulatedAgents } from '../../engine/server/app.ts';
import type { RangeKpis } from '../../engine/server/kpis.ts';
import type { LiveTick } from '../../engine/server/liveState.ts';

export type { LiveTick, RangeKpis, SimulatedAgents, StoreLayout };
export type StoreList = {
  mode: 'live' | 'simulation';
  now: number;
  stores: { id: string; name: string; range: { from: number; to: number } | null }[];
};

/** The token comes in the URL fragment (never sent to the server in a URL path) and is kept for the tab. */
export function token(): string {
  const m = /token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) sessionStorage.setItem('varv-token', m[1]);
  return sessionStorage.getItem('varv-token') ?? '';
}

export async function get<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { authorization: `Bearer ${token()}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export type FeedMessage = LiveTick | SimulatedAgents | { type: 'hello'; mode: string; store: string };

/** Opens the live feed for a store; returns a function that closes it. */
export function live(store: string, onMessage: (m: FeedMessage) => void): () => void {
  const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(
    `${proto}://${window.location.host}/api/live?store=${encodeURIComponent(store)}&token=${encodeURIComponent(token())}`,
  );
  ws.onmessage = (ev) => onMessage(JSON.parse(String(ev.data)) as FeedMessage);
  return () => ws.close();
}

/**
 * Opens the store's report (the analytics of the day up to `to`) in a new tab. The page is fetched
 * with the token in a header and shown from a blob, so the token never travels in a URL.
 */
export async function openReport(store: string, to?: number): Promise<void> {
  const tab = window.open('', '_blank');
  const query = to === undefined ? '' : `&to=${to}`;
  const r = await fetch(`/api/stores/${encodeURIComponent(store)}/report?format=html${query}`, {
    headers: { authorization: `Bearer ${token()}` },
  });
  const html = await r.text();
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  if (tab) tab.location.href = url;
  else window.location.href = url;
}
