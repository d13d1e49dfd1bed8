import { useEffect } from 'react';

/**
 * Scrolls to and focuses the element named by the address's `#fragment` once a section has
 * rendered (links from the checklist point at the form that fixes a fact). Deferred one frame:
 * the page frame scrolls to the top after every navigation.
 */
export function useHashTarget(ready = true): void {
  useEffect(() => {
    if (!ready) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    const timer = window.setTimeout(() => {
      const el = document.getElementById(id);
      if (!el) return;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'start' });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [ready]);
}
