import { useEffect, useState } from 'react';
import { savedVariants, saveVariant } from './saveVariant.ts';
import type { Editor } from './useEditor.ts';
import type { WhatIfRun } from './useWhatIfRun.ts';
import type { WhatIfDefaults } from './whatIfApi.ts';

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const LENGTHS = [5, 10, 15, 30, 60, 120, 240];

/**
 * The edit mode's panel: the tools (move and turn obstacles, open and close tills, redraw the
 * loop), the server's verdict on the layout with its issues, the patch so far, saving the
 * variant, and running the what-if (a window of the store day and a number of seeds) with its
 * progress.
 */
export function EditPanel({
  store,
  editor,
  run,
  defaults,
}: {
  store: string;
  editor: Editor;
  run: WhatIfRun;
  defaults: WhatIfDefaults;
}) {
  const [name, setName] = useState('my variant');
  const [start, setStart] = useState(defaults.window.start);
  const [length, setLength] = useState(minutes(defaults.window.end) - minutes(defaults.window.start));
  const [seeds, setSeeds] = useState(defaults.seeds);
  const [saved, setSaved] = useState(() => savedVariants(store));
  useEffect(() => {
    setStart(defaults.window.start);
    setLength(minutes(defaults.window.end) - minutes(defaults.window.start));
    setSeeds(defaults.seeds);
    setSaved(savedVariants(store));
  }, [defaults, store]);

  if (!editor.active)
    return (
      <div className="edit-panel collapsed">
        <button type="button" data-testid="edit-toggle" onClick={() => editor.setActive(true)}>
          ✎ edit layout (what-if)
        </button>
      </div>
    );

  const dayStart = minutes(defaults.day.start);
  const dayEnd = minutes(defaults.day.end);
  const from = Math.max(dayStart, Math.min(minutes(start), dayEnd - 1));
  const to = Math.min(dayEnd, from + length);
  const lengths = [...new Set([...LENGTHS, length])]
    .filter((l) => l <= dayEnd - dayStart)
    .sort((a, b) => a - b);
  const { check, patch, selected } = editor;
  const job = run.job;
  const runnable = patch.length > 0 && check.state === 'valid' && !run.running;
  return (
    <div className="edit-panel" data-testid="edit-panel">
      <div className="edit-head">
        <b>Edit layout</b>{' '}
        <button type="button" data-testid="edit-toggle" onClick={() => editor.setActive(false)}>
          leave edit mode
        </button>
      </div>
      <div className="edit-tools">
        {editor.loopDraft === null ? (
          <>
            Drag shelves and tables; click a till to open or close it; select an obstacle, then{' '}
            <button
              type="button"
              data-testid="rotate-left"
              disabled={!selected}
              onClick={() => selected && editor.rotate(selected, 15)}
            >
              ⟲ 15°
            </button>
            <button
              type="button"
              data-testid="rotate-right"
              disabled={!selected}
              onClick={() => selected && editor.rotate(selected, -15)}
            >
              ⟳ 15°
            </button>{' '}
            (keys r / R).{' '}
            <button type="button" data-testid="loop-redraw" onClick={editor.startLoop}>
              redraw the loop
            </button>
          </>
        ) : (
          <>
            Click the zones in the loop's order:{' '}
            <b data-testid="loop-draft">{editor.loopDraft.join(' → ') || '…'}</b>{' '}
            <button
              type="button"
              data-testid="loop-done"
              disabled={editor.loopDraft.length < 2}
              onClick={editor.finishLoop}
            >
              done
            </button>
            <button type="button" onClick={editor.cancelLoop}>
              cancel
            </button>
          </>
        )}
      </div>
      <div>
        selected: <b data-testid="edit-selected">{selected ?? '–'}</b>{' '}
        {selected && (
          <button type="button" data-testid="reset-selected" onClick={() => editor.reset(selected)}>
            put back
          </button>
        )}
        <button
          type="button"
          data-testid="reset-all"
          disabled={patch.length === 0}
          onClick={() => editor.reset()}
        >
          undo all
        </button>
      </div>
      <div className={`edit-check ${check.state}`} data-testid="edit-check" data-state={check.state}>
        {check.state === 'checking' && 'checking the layout…'}
        {check.state === 'valid' && '✓ a valid layout'}
        {check.state === 'invalid' && `✗ ${check.issues.length} issue(s):`}
        {check.state === 'error' && `cannot check: ${check.message}`}
        {check.issues.length > 0 && (
          <ul data-testid="edit-issues">
            {check.issues.map((i) => (
              <li key={`${i.path}-${i.rule}-${i.message}`} data-element={i.element?.id ?? ''}>
                <b>{i.element && i.element.kind !== 'patch' ? i.element.id : i.path}</b>: {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <details>
        <summary>
          {patch.length} change(s) <span className="muted">(the variant's patch)</span>
        </summary>
        <pre data-testid="edit-patch">{JSON.stringify(patch, null, 1)}</pre>
      </details>
      <div>
        <input
          data-testid="variant-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
        />{' '}
        <button
          type="button"
          data-testid="save-variant"
          disabled={patch.length === 0}
          onClick={() => setSaved(saveVariant(store, defaults.baseline, name.trim() || 'variant', patch))}
        >
          save as variant
        </button>
        {saved.length > 0 && (
          <div className="muted" data-testid="saved-variants">
            saved this session: {saved.map((v) => v.name).join(', ')}
          </div>
        )}
      </div>
      <div className="edit-run">
        window{' '}
        <input
          data-testid="whatif-start"
          type="time"
          value={hhmm(from)}
          min={defaults.day.start}
          max={defaults.day.end}
          onChange={(e) => e.target.value && setStart(e.target.value)}
        />{' '}
        for{' '}
        <select
          data-testid="whatif-minutes"
          value={length}
          onChange={(e) => setLength(Number(e.target.value))}
        >
          {lengths.map((l) => (
            <option key={l} value={l}>
              {l} min
            </option>
          ))}
        </select>{' '}
        seeds{' '}
        <input
          data-testid="whatif-seeds"
          type="number"
          min={2}
          max={defaults.maxSeeds}
          value={seeds}
          onChange={(e) => setSeeds(Math.max(2, Math.min(defaults.maxSeeds, Number(e.target.value) || 2)))}
          style={{ width: '3.5em' }}
        />{' '}
        <button
          type="button"
          data-testid="run-whatif"
          disabled={!runnable}
          onClick={() =>
            run.start({
              patch,
              name: name.trim() || 'variant',
              window: { start: hhmm(from), end: hhmm(to) },
              seeds,
            })
          }
        >
          run what-if
        </button>
        <div className="muted">
          {hhmm(from)}–{hhmm(to)}, baseline and variant on the same {seeds} seeds
        </div>
        {job && (job.state === 'queued' || job.state === 'running') && (
          <div>
            <progress data-testid="whatif-progress" value={job.done} max={job.total} /> {job.done}/{job.total}{' '}
            runs {job.state === 'queued' ? '(queued)' : ''}
            <button type="button" onClick={run.cancel}>
              cancel
            </button>
          </div>
        )}
        {job?.state === 'failed' && <div className="alerts">the what-if failed: {job.error}</div>}
        {job?.state === 'cancelled' && <div className="muted">cancelled</div>}
        {run.error && <div className="alerts">{run.error}</div>}
      </div>
    </div>
  );
}
