import { useMemo } from 'react';
import { applyPatch } from '../../../engine/layout/applyPatch.ts';
import type { PatchOp } from '../../../engine/layout/schema/patch.ts';
import { EditPanel } from './EditPanel.tsx';
import type { EditMode } from './useEditMode.ts';
import { WhatIfResults } from './WhatIfResults.tsx';
import './edit.css';

/** The edit mode's page parts: its panel and, once a what-if is done, its results. */
export function EditOverlay({ store, mode }: { store: string; mode: EditMode }) {
  const { editor, run, defaults } = mode;
  const job = run.job;
  const base = editor.base;
  const variant = useMemo(
    () => (base && job ? applyPatch(base, job.patch as PatchOp[]).store : null),
    [base, job],
  );
  if (!mode.allowed || !defaults) return null;
  return (
    <>
      <EditPanel store={store} editor={editor} run={run} defaults={defaults} />
      {job?.state === 'done' && base && variant && (
        <WhatIfResults job={job} base={base} variant={variant} onClose={run.dismiss} />
      )}
    </>
  );
}
