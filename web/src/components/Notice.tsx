import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A message box. Errors use role=alert so screen readers announce them at once; success and
 * info messages use role=status (announced politely). With `focus`, the box takes focus and
 * scrolls into view when shown — for results of an action started far down a long page.
 */
export function Notice({
  kind,
  children,
  id,
  focus = false,
}: {
  kind: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  id?: string;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'center' });
  }, [focus]);
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div id={id} ref={ref} className={`notice notice-${kind}`} role={role} tabIndex={focus ? -1 : undefined}>
      {children}
    </div>
  );
}
