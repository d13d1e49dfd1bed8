/**
 * A form's "unsaved changes" guard: while `dirty`, the router asks before leaving the page (links,
 * Back/Forward) and the browser asks before a reload or closing the tab. Any page with a form can
 * use it; the rules are in ./unsaved-guard.ts.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.js';
import { leaveGuards } from './unsaved-guard.js';

/** What {@link useUnsavedGuard} returns. */
export interface UnsavedGuard {
  /**
   * Turns the guard off for good (until the component unmounts): call it just before leaving on
   * purpose with edits still in the form — after a create, a delete, or a reload that discards them.
   */
  release(): void;
}

/**
 * Guards the edits of the calling component while `dirty` is true. `message` is the question
 * asked (default: the shared "you have unsaved changes" text in the current language).
 */
export function useUnsavedGuard(dirty: boolean, message?: string): UnsavedGuard {
  const { t } = useI18n();
  const state = useRef({ dirty, released: false, message: '' });
  // Read at the moment of leaving, so the latest render's values count.
  state.current.dirty = dirty;
  state.current.message = message ?? t('form.unsavedConfirm');

  useEffect(
    () =>
      leaveGuards.add({
        dirty: () => state.current.dirty && !state.current.released,
        message: () => state.current.message,
      }),
    [],
  );

  // Listening only while dirty keeps the page eligible for the browser's back/forward cache.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (state.current.released) return;
      event.preventDefault();
      // Older browsers ask only when returnValue is set; the text itself is never shown.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const release = useRef(() => {
    state.current.released = true;
  }).current;
  return { release };
}
