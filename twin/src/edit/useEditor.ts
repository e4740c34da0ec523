import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyPatch } from '../../../engine/layout/applyPatch.ts';
import type { PatchOp } from '../../../engine/layout/schema/patch.ts';
import type { StoreLayout } from '../api.ts';
import { type Edits, NO_EDITS, patchOf } from './patchOf.ts';
import { type WhatIfIssue, whatIfApi } from './whatIfApi.ts';

export type EditTool = 'move' | 'loop';
export type CheckState = {
  state: 'idle' | 'checking' | 'valid' | 'invalid' | 'error';
  issues: WhatIfIssue[];
  /** Ids of the elements an issue is about or names (drawn red). */
  bad: Set<string>;
  message?: string;
  /** The patch (as JSON) this verdict is about. */
  key?: string;
};

export type Editor = {
  active: boolean;
  setActive(on: boolean): void;
  base: StoreLayout | null;
  /** The baseline with the edits applied (what the scene draws). */
  shown: StoreLayout | null;
  /**
   * What the store scene draws under the editable obstacles: the baseline without its obstacles,
   * with the edited tills and loop; it changes only when those do, so a drag redraws no zone.
   */
  backdrop: StoreLayout | null;
  edits: Edits;
  patch: PatchOp[];
  tool: EditTool;
  setTool(t: EditTool): void;
  selected: string | null;
  select(id: string | null): void;
  /** While an obstacle is being dragged the layout is not checked (it is, once dropped). */
  dragging: boolean;
  setDragging(on: boolean): void;
  /** Sets an obstacle's whole move from the baseline (metres). */
  moveTo(id: string, dx: number, dy: number): void;
  rotate(id: string, by: number): void;
  toggleTill(id: string): void;
  loopDraft: string[] | null;
  startLoop(): void;
  addLoopZone(zone: string): void;
  finishLoop(): void;
  cancelLoop(): void;
  reset(id?: string): void;
  check: CheckState;
};

const NOT_CHECKED: CheckState = { state: 'idle', issues: [], bad: new Set() };
/** The server checks the layout this long after the last change. */
const DEBOUNCE_MS = 250;

/**
 * The edit mode's state for one store: the edits, what is selected, the loop being redrawn, the
 * baseline with the edits applied (engine/layout's applyPatch, as the server applies them), and
 * the server's check of the variant, asked for a moment after each change (an answer to an
 * older layout is dropped).
 */
export function useEditor(store: string, base: StoreLayout | null): Editor {
  const [active, setActive] = useState(false);
  const [edits, setEdits] = useState<Edits>(NO_EDITS);
  const [tool, setTool] = useState<EditTool>('move');
  const [selected, select] = useState<string | null>(null);
  const [loopDraft, setLoopDraft] = useState<string[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const [check, setCheck] = useState<CheckState>(NOT_CHECKED);
  const asked = useRef(0);

  // Another store: start afresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the store changes
  useEffect(() => {
    setEdits(NO_EDITS);
    select(null);
    setLoopDraft(null);
    setCheck(NOT_CHECKED);
  }, [store]);

  const patch = useMemo(() => (base ? patchOf(edits, base) : []), [edits, base]);
  const shown = useMemo(() => (base ? applyPatch(base, patch).store : null), [base, patch]);
  const key = JSON.stringify(patch);
  const tillsKey = JSON.stringify(shown?.tills.map((t) => t.open));
  const loopKey = JSON.stringify(shown?.loop);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn only when the tills or the loop change
  const backdrop = useMemo(
    () => (base && shown ? { ...base, obstacles: [], tills: shown.tills, loop: shown.loop } : null),
    [base, tillsKey, loopKey],
  );

  useEffect(() => {
    if (!active || !base || dragging) return;
    const ticket = ++asked.current;
    const timer = setTimeout(() => {
      whatIfApi.check(store, JSON.parse(key) as PatchOp[]).then(
        (r) => {
          if (ticket !== asked.current) return;
          const bad = new Set<string>();
          for (const i of r.issues) {
            if (i.element && i.element.kind !== 'patch') bad.add(i.element.id);
            for (const m of i.mentions ?? []) bad.add(m);
          }
          setCheck({ state: r.ok ? 'valid' : 'invalid', issues: r.issues, bad, key });
        },
        (e: Error) => {
          if (ticket === asked.current)
            setCheck({ state: 'error', issues: [], bad: new Set(), message: e.message, key });
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [active, base, store, key, dragging]);

  const moveTo = useCallback((id: string, dx: number, dy: number) => {
    setEdits((e) => {
      const m = e.moves[id];
      if (m && m.dx === dx && m.dy === dy) return e; // the pointer moved within a snap step
      return { ...e, moves: { ...e.moves, [id]: { deg: m?.deg ?? 0, dx, dy } } };
    });
  }, []);
  const rotate = useCallback((id: string, by: number) => {
    setEdits((e) => {
      const m = e.moves[id] ?? { dx: 0, dy: 0, deg: 0 };
      return { ...e, moves: { ...e.moves, [id]: { ...m, deg: m.deg + by } } };
    });
  }, []);
  const toggleTill = useCallback(
    (id: string) => {
      const till = base?.tills.find((t) => t.id === id);
      if (!till) return;
      setEdits((e) => ({ ...e, tills: { ...e.tills, [id]: !(e.tills[id] ?? till.open) } }));
    },
    [base],
  );
  const reset = useCallback((id?: string) => {
    if (id === undefined) setEdits(NO_EDITS);
    else
      setEdits((e) => {
        const { [id]: _m, ...moves } = e.moves;
        const { [id]: _t, ...tills } = e.tills;
        return { ...e, moves, tills };
      });
  }, []);

  // Keys while editing: r / R turn the selected obstacle by ±15°, Escape lets go of it.
  useEffect(() => {
    if (!active) return;
    const onKey = (ev: KeyboardEvent) => {
      const target = ev.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (ev.key === 'Escape') select(null);
      if (selected && (ev.key === 'r' || ev.key === 'R')) rotate(selected, ev.key === 'r' ? 15 : -15);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, selected, rotate]);

  return {
    active,
    setActive: (on) => {
      setActive(on);
      if (!on) {
        select(null);
        setLoopDraft(null);
      }
    },
    base,
    shown,
    backdrop,
    edits,
    patch,
    tool,
    setTool: (t) => {
      setTool(t);
      setLoopDraft(null);
    },
    selected,
    select,
    dragging,
    setDragging,
    moveTo,
    rotate,
    toggleTill,
    loopDraft,
    startLoop: () => setLoopDraft([]),
    addLoopZone: (zone) => setLoopDraft((d) => (d && d[d.length - 1] !== zone ? [...d, zone] : d)),
    finishLoop: () => {
      if (loopDraft && loopDraft.length >= 2) setEdits((e) => ({ ...e, loop: loopDraft }));
      setLoopDraft(null);
    },
    cancelLoop: () => setLoopDraft(null),
    reset,
    // A verdict on an earlier layout is no verdict on this one.
    check: check.key === key ? check : { ...check, state: 'checking' },
  };
}
