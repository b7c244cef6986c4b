'use client';

import { useCallback, useEffect, useRef } from 'react';
import * as api from '../api/client';
import type { UploadEvent } from './state';

/** Files sent at once; the others wait their turn (four videos at once would all crawl). */
const PARALLEL_UPLOADS = 2;

export interface PendingUpload {
  key: string;
  file: File;
}

/**
 * Uploads the files the composer's state says are uploading, a few at a time, and reports each
 * one's progress, result or error by its key. Driven by the state alone: an item that leaves it
 * (removed, its part removed, the composer closed) has its upload aborted or taken off the
 * queue, and reports nothing more.
 */
export function useUploads(wanted: readonly PendingUpload[], report: (event: UploadEvent) => void): void {
  const running = useRef(new Map<string, AbortController>());
  const queue = useRef<PendingUpload[]>([]);
  /** Uploads that reported their end: never started again, whatever a stale render still lists. */
  const ended = useRef(new Set<string>());
  const open = useRef(false);
  const reportRef = useRef(report);

  useEffect(() => {
    reportRef.current = report;
  });

  const pump = useCallback(function pump() {
    const inFlight = running.current;
    while (open.current && inFlight.size < PARALLEL_UPLOADS && queue.current.length > 0) {
      const { key, file } = queue.current.shift()!;
      const controller = new AbortController();
      inFlight.set(key, controller);
      const onProgress = (progress: number) => reportRef.current({ type: 'uploadProgress', key, progress });
      api.media
        .upload(file, { signal: controller.signal, onProgress })
        .then(
          (result) => {
            // Taken out of the map already when it was removed: then it has nothing to say.
            if (!inFlight.delete(key)) return;
            ended.current.add(key);
            reportRef.current(result.ok ? { type: 'uploaded', key, media: result.data } : { type: 'uploadFailed', key, error: result.error });
          },
          () => inFlight.delete(key), // aborted
        )
        .finally(pump);
    }
  }, []);

  useEffect(() => {
    open.current = true;
    const inFlight = running.current;
    return () => {
      // The composer closed: stop everything.
      open.current = false;
      queue.current = [];
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
    };
  }, []);

  useEffect(() => {
    const keys = new Set(wanted.map((u) => u.key));
    for (const [key, controller] of running.current) {
      if (keys.has(key)) continue;
      running.current.delete(key);
      controller.abort();
    }
    const known = new Set([...running.current.keys(), ...queue.current.map((u) => u.key), ...ended.current]);
    queue.current = [...queue.current.filter((u) => keys.has(u.key)), ...wanted.filter((u) => !known.has(u.key))];
    pump();
  }, [wanted, pump]);
}
