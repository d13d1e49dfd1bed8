/**
 * What every section of a point's page shares: the point (with what the user may do with it),
 * its minimum-level checklist, and how to refresh them after a change.
 */
import { createContext, useContext } from 'react';
import type { Checklist, SotPoint } from './types.js';

export interface PointPageContext {
  point: SotPoint;
  checklist: Checklist | undefined;
  /** After a successful PATCH: the point as the server returned it (keeps the forms as they are). */
  setPoint(point: SotPoint): void;
  /** After changing anything the checklist reads (agreements, members, the store…). */
  refreshChecklist(): void;
  /** Fetches the point again and rebuilds the forms from it (after a conflict or a transition). */
  reload(): void;
}

export const PointContext = createContext<PointPageContext | null>(null);

/** The point page's shared state (throws outside a point page: a programming error). */
export function usePoint(): PointPageContext {
  const value = useContext(PointContext);
  if (!value) throw new Error('usePoint outside a SOT-punkt page');
  return value;
}
