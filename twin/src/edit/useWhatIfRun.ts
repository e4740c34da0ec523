import { useCallback, useEffect, useState } from 'react';
import { type WhatIfJobView, type WhatIfStart, whatIfApi } from './whatIfApi.ts';

/** How often a running what-if's progress is read. */
const POLL_MS = 800;

/**
 * One what-if at a time from the edit mode: starts it on the server, follows its progress until
 * it is done, failed or cancelled, and keeps the last one's result.
 */
export function useWhatIfRun(store: string) {
  const [job, setJob] = useState<WhatIfJobView | null>(null);
  const [error, setError] = useState('');

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the store changes
  useEffect(() => {
    setJob(null);
    setError('');
  }, [store]);

  const id = job?.id;
  const live = job?.state === 'queued' || job?.state === 'running';
  useEffect(() => {
    if (!id || !live) return;
    const timer = setInterval(() => {
      whatIfApi.job(id).then(setJob, (e: Error) => setError(e.message));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [id, live]);

  const start = useCallback(
    (request: WhatIfStart) => {
      setError('');
      whatIfApi.start(store, request).then(setJob, (e: Error) => setError(e.message));
    },
    [store],
  );
  const cancel = useCallback(() => {
    if (id) whatIfApi.cancel(id).then(setJob, (e: Error) => setError(e.message));
  }, [id]);
  const dismiss = useCallback(() => setJob(null), []);

  return { job, error, running: live, start, cancel, dismiss };
}

export type WhatIfRun = ReturnType<typeof useWhatIfRun>;
