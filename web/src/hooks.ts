/** Small data-loading hooks shared by the pages. */
import { useCallback, useEffect, useState } from 'react';
import { api } from './api.js';

/** State of one GET request. */
export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads `url` (skipped while null) and reloads when it changes. A late answer for an old URL
 * is dropped, so fast typing in a search box cannot show stale rows.
 */
export function useApi<T>(url: string | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (url === null) return;
    let current = true;
    setLoading(true);
    setError(null);
    // `attempt` is read so that reload() re-runs this effect for the same URL.
    void attempt;
    api
      .get<T>(url)
      .then((value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      })
      .catch((err: Error) => {
        if (!current) return;
        setError(err);
        setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [url, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** `value`, updated only after it has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Sets the browser tab's title while a page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
