import { useEffect, useState } from 'react';
import type { StoreLayout } from '../api.ts';
import { type Editor, useEditor } from './useEditor.ts';
import { useWhatIfRun, type WhatIfRun } from './useWhatIfRun.ts';
import { type Me, type WhatIfDefaults, whatIfApi } from './whatIfApi.ts';

export type EditMode = {
  /** An admin on a server that runs what-ifs for this store: the edit mode is offered. */
  allowed: boolean;
  defaults: WhatIfDefaults | null;
  editor: Editor;
  run: WhatIfRun;
};

/**
 * Everything the edit mode needs for the store shown: who the token belongs to (only an admin
 * gets the edit mode: manager tokens are read-only), the store's what-if defaults, the editor and
 * the what-if run.
 */
export function useEditMode(store: string, layout: StoreLayout | null): EditMode {
  const [me, setMe] = useState<Me | null>(null);
  const [defaults, setDefaults] = useState<WhatIfDefaults | null>(null);
  useEffect(() => {
    whatIfApi.me().then(setMe, () => setMe(null));
  }, []);
  const admin = me?.role === 'admin' && me.whatIf;
  useEffect(() => {
    setDefaults(null);
    if (!admin || !store) return;
    whatIfApi.defaults(store).then(setDefaults, () => setDefaults(null));
  }, [admin, store]);
  const editor = useEditor(store, layout);
  const run = useWhatIfRun(store);
  return { allowed: Boolean(admin && defaults && layout), defaults, editor, run };
}
