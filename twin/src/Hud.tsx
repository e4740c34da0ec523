import { type LiveTick, openReport, type RangeKpis, type StoreList } from './api.ts';
import type { Overlays } from './scene/StoreScene.tsx';

type Props = {
  list: StoreList | null;
  timeZone?: string;
  storeId: string;
  onStore(id: string): void;
  tick: LiveTick | null;
  kpis: RangeKpis | null;
  replayAt: number | null;
  onReplay(t: number | null): void;
  topDown: boolean;
  onTopDown(v: boolean): void;
  overlays: Overlays;
  onOverlays(o: Overlays): void;
  error: string;
};

/** The store's own clock time (its time zone, not the viewer's). */
const clock = (t: number, timeZone?: string) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });

/** Figures, alerts, the time scrubber, the store switcher and the view switches. */
export function Hud(p: Props) {
  const store = p.list?.stores.find((s) => s.id === p.storeId);
  const range = store?.range;
  const waits = Object.values(p.tick?.tills ?? {})
    .map((x) => x.waitS)
    .filter((w): w is number => w !== null);
  const wait = waits.length ? Math.max(...waits) : null;
  return (
    <div className="hud" data-testid="hud">
      <div>
        <select data-testid="store-switcher" value={p.storeId} onChange={(e) => p.onStore(e.target.value)}>
          {p.list?.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>{' '}
        {p.list?.mode === 'simulation' && <span className="simulated">SIMULATED shoppers</span>}
      </div>
      <div data-testid="clock" data-t={p.tick?.t ?? ''}>
        {p.tick ? clock(p.tick.t, p.timeZone) : '…'} {p.replayAt !== null ? '(replay)' : '(live)'}
      </div>
      <div className="figures">
        <div className="figure">
          visitors now <b data-testid="visitors-now">{p.tick?.visitorsNow ?? '–'}</b>
        </div>
        <div className="figure">
          visitors today <b data-testid="visitors-today">{p.tick?.visitorsToday ?? '–'}</b>
        </div>
        <div className="figure">
          mean visit{' '}
          <b data-testid="mean-visit">
            {p.kpis?.meanVisitMin != null ? `${p.kpis.meanVisitMin.toFixed(1)} min` : '–'}
          </b>
        </div>
        <div className="figure">
          longest queue wait{' '}
          <b data-testid="queue-wait">{wait !== null ? `${Math.round(wait / 60)} min` : '–'}</b>
        </div>
      </div>
      <div className="alerts" data-testid="alerts">
        {p.tick?.alerts.map((a) => (
          <div key={a}>⚠ {a}</div>
        ))}
      </div>
      {range && (
        <div>
          <input
            data-testid="scrubber"
            type="range"
            min={range.from}
            max={range.to}
            step={60_000}
            value={p.replayAt ?? range.to}
            onChange={(e) => p.onReplay(Number(e.target.value))}
            style={{ width: '100%' }}
          />
          <button
            type="button"
            data-testid="go-live"
            onClick={() => p.onReplay(null)}
            disabled={p.replayAt === null}
          >
            back to live
          </button>
        </div>
      )}
      <div>
        <label>
          <input type="checkbox" checked={p.topDown} onChange={(e) => p.onTopDown(e.target.checked)} />{' '}
          top-down
        </label>{' '}
        {(Object.keys(p.overlays) as (keyof Overlays)[]).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={p.overlays[k]}
              onChange={(e) => p.onOverlays({ ...p.overlays, [k]: e.target.checked })}
            />{' '}
            {k}{' '}
          </label>
        ))}
      </div>
      <button
        type="button"
        data-testid="open-report"
        onClick={() => openReport(p.storeId, p.replayAt ?? undefined).catch(() => {})}
      >
        report for the day so far
      </button>
      {p.error && <div className="alerts">{p.error}</div>}
    </div>
  );
}
