/**
 * Met / not met / unknown, shown by colour, shape and a symbol, and always with text for screen
 * readers (the colour alone never carries the meaning).
 */
import {
  CRITERIA,
  CRITERION_LABELS,
  type Criterion,
  type SotStatus,
  STATUS_LABELS,
} from '../../../../src/sot/schemas.js';
import { useSot } from '../i18n.js';
import type { CriterionStatus } from '../types.js';

const SYMBOL: Record<CriterionStatus, string> = { met: '✓', not_met: '✗', unknown: '?' };

/** One status mark with its text (visible unless `compact`). */
export function StatusMark({ status, compact = false }: { status: CriterionStatus; compact?: boolean }) {
  const { s } = useSot();
  const text = s(`crit.status.${status}`);
  return (
    <span className={`status-mark status-${status}`} data-status={status}>
      <span className="status-symbol" aria-hidden="true">
        {SYMBOL[status]}
      </span>
      <span className={compact ? 'visually-hidden' : 'status-text'}>{text}</span>
    </span>
  );
}

/** The five criteria as five small marks in report order, each with its number and name as text. */
export function CriteriaIndicators({
  criteria,
}: {
  criteria: { criterion: Criterion; status: CriterionStatus }[];
}) {
  const { s, l } = useSot();
  const byCriterion = new Map(criteria.map((c) => [c.criterion, c.status]));
  return (
    <ul className="criteria-indicators" aria-label={s('crit.indicatorsLabel')}>
      {CRITERIA.map((criterion, i) => {
        const status = byCriterion.get(criterion) ?? 'unknown';
        const label = `${i + 1}. ${l(CRITERION_LABELS[criterion])}: ${s(`crit.status.${status}`)}`;
        return (
          <li
            key={criterion}
            className={`criterion-dot status-${status}`}
            data-criterion={criterion}
            data-status={status}
            title={label}
          >
            <span aria-hidden="true">
              <span className="criterion-number">{i + 1}</span>
              {SYMBOL[status]}
            </span>
            <span className="visually-hidden">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The lifecycle status as a badge. */
export function LifecycleBadge({ status }: { status: SotStatus }) {
  const { l } = useSot();
  return (
    <span className={`lifecycle-badge lifecycle-${status}`} data-lifecycle={status}>
      {l(STATUS_LABELS[status])}
    </span>
  );
}

/** "Enligt lägstanivå" or what is missing, as one line. */
export function ComplianceBadge({
  compliant,
  failing,
  unknown,
}: {
  compliant: boolean;
  failing: number;
  unknown: number;
}) {
  const { s } = useSot();
  if (compliant)
    return (
      <span className="compliance compliance-met" data-compliant="true">
        <span aria-hidden="true">✓ </span>
        {s('crit.compliant')}
      </span>
    );
  return (
    <span className="compliance compliance-not" data-compliant="false">
      <span aria-hidden="true">✗ </span>
      {s('crit.notCompliant', { failing, unknown })}
    </span>
  );
}
