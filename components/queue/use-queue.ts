'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueView, ScheduleView } from '@/lib/schedules/view';
import * as api from '../api/client';

export interface QueueState {
  queue: QueueView | null;
  schedule: ScheduleView | null;
  /** Until the first answer. */
  loading: boolean;
  loadError: string | null;
  reload: () => Promise<void>;
  /** A local change (an optimistic move); it also discards answers already in flight. */
  setQueue: (queue: QueueView) => void;
}

/** An account's schedule and its coming `weeks` of slots, fetched from the JSON API. */
export function useQueue(accountId: string, weeks: number): QueueState {
  const [queue, setQueueState] = useState<QueueView | null>(null);
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Answers can arrive out of order (weeks changed, a move): only the latest request may write.
  const generation = useRef(0);

  const reload = useCallback((): Promise<void> => {
    const mine = ++generation.current;
    // State is only set in the answer's callback (never synchronously inside the effect).
    return Promise.all([api.queue.list(accountId, { weeks }), api.schedules.get(accountId)]).then(([q, s]) => {
      if (mine !== generation.current) return;
      setLoading(false);
      if (!q.ok) return setLoadError(`Could not load the queue: ${q.error}`);
      if (!s.ok) return setLoadError(`Could not load the schedule: ${s.error}`);
      setLoadError(null);
      setQueueState(q.data);
      setSchedule(s.data);
    });
  }, [accountId, weeks]);

  const setQueue = useCallback((next: QueueView) => {
    generation.current++;
    setQueueState(next);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { queue, schedule, loading, loadError, reload, setQueue };
}
