import { KIND_COLORS } from '../../../src/shared/kinds.js';

/** A kind name with its map colour as a dot; the colour is never the only cue. */
export function KindBadge({ kind, label }: { kind: string; label: string }) {
  const color = (KIND_COLORS as Record<string, string | undefined>)[kind] ?? '#666';
  return (
    <span className="kind-badge">
      <span className="kind-dot" style={{ background: color }} aria-hidden="true" />
      {label}
    </span>
  );
}
