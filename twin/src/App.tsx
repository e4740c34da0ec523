import { OrbitControls } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import {
  type FeedMessage,
  get,
  type LiveTick,
  live,
  type RangeKpis,
  type SimulatedAgents,
  type StoreLayout,
  type StoreList,
} from './api.ts';
import { EditOverlay } from './edit/EditOverlay.tsx';
import { EditScene } from './edit/EditScene.tsx';
import { useEditMode } from './edit/useEditMode.ts';
import { Hud } from './Hud.tsx';
import { Shoppers } from './scene/Shoppers.tsx';
import { type Overlays, StoreScene } from './scene/StoreScene.tsx';

/** The twin: a store in 3D with the live aggregates over it, a HUD, replay and a store switcher. */
export function App() {
  const [list, setList] = useState<StoreList | null>(null);
  const [storeId, setStoreId] = useState<string>('');
  const [layout, setLayout] = useState<StoreLayout | null>(null);
  const [tick, setTick] = useState<LiveTick | null>(null);
  const [agents, setAgents] = useState<SimulatedAgents | null>(null);
  const [kpis, setKpis] = useState<RangeKpis | null>(null);
  const [replayAt, setReplayAt] = useState<number | null>(null);
  const [topDown, setTopDown] = useState(false);
  const [error, setError] = useState('');
  const [overlays, setOverlays] = useState<Overlays>({
    heat: true,
    flows: true,
    interest: true,
    cameras: true,
    loop: true,
  });

  // The store list, with each store's span of data (the scrubber's range), kept fresh.
  useEffect(() => {
    const load = () =>
      get<StoreList>('/api/stores')
        .then((l) => {
          setList(l);
          setStoreId((id) => id || (l.stores[0]?.id ?? ''));
        })
        .catch((e: Error) => setError(e.message));
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!storeId) return;
    setLayout(null);
    setTick(null);
    setAgents(null);
    get<StoreLayout>(`/api/stores/${storeId}/layout`).then(setLayout, (e: Error) => setError(e.message));
    if (replayAt !== null) return;
    return live(storeId, (m: FeedMessage) => {
      if (m.type === 'tick') setTick(m);
      else if (m.type === 'agents') setAgents(m);
    });
  }, [storeId, replayAt]);

  // KPIs of the day so far (or up to the replayed moment), refreshed with the feed.
  const t = replayAt ?? tick?.t ?? null;
  const dayFrom = list?.stores.find((s) => s.id === storeId)?.range?.from ?? null;
  useEffect(() => {
    if (t === null || dayFrom === null || t <= dayFrom) return;
    get<RangeKpis>(`/api/stores/${storeId}/kpis?from=${dayFrom}&to=${t}`).then(setKpis, () => undefined);
  }, [storeId, t, dayFrom]);

  useEffect(() => {
    if (replayAt === null) return;
    setAgents(null);
    get<LiveTick>(`/api/stores/${storeId}/replay?t=${replayAt}`).then(setTick, (e: Error) =>
      setError(e.message),
    );
  }, [storeId, replayAt]);

  const centre = useMemo(() => {
    if (!layout) return [0, 0, 0] as [number, number, number];
    const xs = layout.outline.map((p) => p[0]);
    const ys = layout.outline.map((p) => p[1]);
    return [(Math.min(...xs) + Math.max(...xs)) / 2, 0, -(Math.min(...ys) + Math.max(...ys)) / 2] as [
      number,
      number,
      number,
    ];
  }, [layout]);
  const size = layout ? Math.max(...layout.outline.flatMap((p) => [p[0], p[1]])) : 40;
  // The edit mode (admins only): the edited layout is drawn instead of the live one.
  const edit = useEditMode(storeId, layout);
  const editing = edit.allowed && edit.editor.active && edit.editor.backdrop !== null;

  return (
    <>
      <Canvas
        key={`${storeId}-${topDown}`}
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        camera={{
          position: topDown
            ? [centre[0], size * 1.3, centre[2] + 0.01]
            : [centre[0] - size * 0.4, size * 0.8, centre[2] + size * 0.9],
          fov: 50,
          near: 0.1,
          far: 1000,
        }}
        style={{ position: 'absolute', inset: 0 }}
        frameloop={editing ? 'demand' : 'always'}
        data-testid="twin-canvas"
      >
        <color attach="background" args={['#f4f2ee']} />
        <ambientLight intensity={0.7} />
        <directionalLight position={[centre[0] + 20, 40, centre[2] + 10]} intensity={1.2} />
        {layout && !editing && <StoreScene store={layout} tick={tick} overlays={overlays} />}
        {editing && edit.editor.backdrop && (
          <>
            <StoreScene
              store={edit.editor.backdrop}
              tick={null}
              overlays={{
                ...overlays,
                heat: false,
                flows: false,
                interest: false,
                loop: !edit.editor.loopDraft,
              }}
            />
            <EditScene editor={edit.editor} />
          </>
        )}
        {layout && !editing && list?.mode === 'simulation' && replayAt === null && (
          <Shoppers frame={agents} intervalMs={1000} />
        )}
        <OrbitControls target={centre} makeDefault />
      </Canvas>
      <Hud
        list={list}
        timeZone={layout?.timezone}
        storeId={storeId}
        onStore={(id) => {
          setReplayAt(null);
          setStoreId(id);
        }}
        tick={tick}
        kpis={kpis}
        replayAt={replayAt}
        onReplay={setReplayAt}
        topDown={topDown}
        onTopDown={setTopDown}
        overlays={overlays}
        onOverlays={setOverlays}
        error={error}
      />
      <EditOverlay store={storeId} mode={edit} />
    </>
  );
}
