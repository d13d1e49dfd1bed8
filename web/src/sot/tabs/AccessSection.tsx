/**
 * Who besides the municipality sees the point: assigned operators (they log test runs) and
 * viewers granted read access. Shown to administrators, county and municipality users; changed
 * by the point's editors, choosing among the county's operators and viewers.
 */
import { useEffect, useState } from 'react';
import { request } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { useSession } from '../../session.js';
import { canSeeBoard } from '../access.js';
import { Feedback } from '../components/Feedback.js';
import { useSot } from '../i18n.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { AccessList } from '../types.js';
import { sotApi } from '../urls.js';

export function AccessSection() {
  const { s } = useSot();
  const { user } = useSession();
  if (!canSeeBoard(user)) return null;
  return (
    <section aria-labelledby="access-title" className="sot-form-section">
      <h3 id="access-title">{s('access.title')}</h3>
      <p className="hint">{s('access.intro')}</p>
      <AccessEditor kind="operators" />
      <AccessEditor kind="grants" />
    </section>
  );
}

function AccessEditor({ kind }: { kind: 'operators' | 'grants' }) {
  const { s } = useSot();
  const { point } = usePoint();
  const list = useApi<AccessList>(sotApi.part(point.id, kind));
  const [chosen, setChosen] = useState<number[]>([]);
  const save = useSave();
  useEffect(() => {
    if (list.data) setChosen(list.data.users.map((u) => u.id));
  }, [list.data]);
  const title = s(kind === 'operators' ? 'access.operators' : 'access.grants');
  if (!list.data) return <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />;
  const users = list.data.users;
  if (!point.access.write)
    return (
      <div className="access-list">
        <h4>{title}</h4>
        {users.length === 0 ? (
          <p>{s('common.noneRegistered')}</p>
        ) : (
          <ul className="plain-list">
            {users.map((u) => (
              <li key={u.id}>
                {u.displayName || u.username} <span className="cell-meta">({u.username})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  const everyone = [...users, ...list.data.candidates.filter((c) => !users.some((u) => u.id === c.id))];
  return (
    <form
      className="access-list"
      onSubmit={async (e) => {
        e.preventDefault();
        await save.run(async () => {
          await request('PUT', sotApi.part(point.id, kind), { userIds: chosen });
          list.reload();
        }, s('access.saved'));
      }}
    >
      <fieldset className="field checkbox-group">
        <legend>{title}</legend>
        {everyone.length === 0 ? (
          <p className="hint">{s('access.noCandidates')}</p>
        ) : (
          <div className="choices">
            {everyone.map((u) => (
              <label key={u.id} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(u.id)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((id) => id !== u.id))
                  }
                />
                {u.displayName || u.username} ({u.username})
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <Feedback state={save} />
      {everyone.length > 0 && (
        <button type="submit" className="button button-small" disabled={save.saving}>
          {s(kind === 'operators' ? 'access.saveOperators' : 'access.saveGrants')}
        </button>
      )}
    </form>
  );
}
