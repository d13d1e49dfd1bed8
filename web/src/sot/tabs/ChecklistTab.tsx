/**
 * Lägstanivå: the five criteria with met / not met / unknown, the reason, the missing facts and a
 * link to where each fact is edited. Computed by the server from facts, never ticked by hand.
 */
import { Link } from '../../components/Link.js';
import { LoadState } from '../../components/LoadState.js';
import { canEdit, useSession } from '../../session.js';
import { ComplianceBadge, StatusMark } from '../components/Indicators.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import { factLink } from '../model/missing-facts.js';
import { usePoint } from '../point-context.js';

export function ChecklistTab() {
  const { s, l } = useSot();
  const { user } = useSession();
  const { point, checklist } = usePoint();
  if (!checklist) return <LoadState loading error={null} />;
  return (
    <div className="checklist">
      <p className="checklist-verdict">
        <ComplianceBadge
          compliant={checklist.compliant}
          failing={checklist.failing.length}
          unknown={checklist.unknown.length}
        />
      </p>
      <p className="hint">{s('crit.intro', { date: formatDate(checklist.evaluatedOn) })}</p>
      <ol className="criteria-list">
        {checklist.criteria.map((c) => (
          <li
            key={c.criterion}
            className={`criterion-card status-${c.status}`}
            data-criterion={c.criterion}
            data-status={c.status}
          >
            <h3 className="criterion-title">
              <span className="criterion-number">{c.number}.</span> {l(c.label)}
            </h3>
            <p className="criterion-status">
              <StatusMark status={c.status} />
            </p>
            <p className="criterion-reason">{l(c.reason)}</p>
            {c.missing.length > 0 && (
              <>
                <p className="criterion-missing-title">{s('crit.missing')}</p>
                <ul className="criterion-missing">
                  {c.missing.map((fact) => {
                    const link = factLink(fact, point.id, point.store?.id ?? null, canEdit(user));
                    return (
                      <li key={fact} data-fact={fact}>
                        {s(link.label)}
                        {link.href && (
                          <>
                            {' – '}
                            <Link href={link.href}>
                              {fact.startsWith('store.')
                                ? s('crit.editInRegistry', { name: point.store?.name ?? '' })
                                : point.access.write
                                  ? s('crit.editHere')
                                  : s('crit.showHere')}
                            </Link>
                          </>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
