/**
 * Livscykel: the status path from idé to i drift with the current step marked, the form to move
 * to another status (the server states what stands in the way, e.g. i drift without a passed
 * test run), and the dated history with who made each change.
 */
import { useState } from 'react';
import { stockholmDate } from '../../../../src/sot/dates.js';
import { SOT_STATUSES, type SotStatus, STATUS_LABELS } from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { Notice } from '../../components/Notice.js';
import { setFlash, takeFlash } from '../../flash.js';
import { useApi } from '../../hooks.js';
import { formatDateTime } from '../../i18n.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { Items, Transition } from '../types.js';
import { sotApi } from '../urls.js';

const PATH = SOT_STATUSES.filter((st) => st !== 'avvecklad');

export function LifecycleTab() {
  const { s, l } = useSot();
  const { point, reload } = usePoint();
  const history = useApi<Items<Transition>>(sotApi.part(point.id, 'transitions'));
  // After a transition the section is rebuilt from the reloaded point; the result rides along.
  const [flash] = useState(takeFlash);
  const current = PATH.indexOf(point.status as (typeof PATH)[number]);
  return (
    <>
      {flash && (
        <Notice kind="success" focus>
          {flash}
        </Notice>
      )}
      <ol className="lifecycle-steps" aria-label={s('lc.steps')}>
        {PATH.map((st, i) => (
          <li
            key={st}
            className={i < current ? 'done' : i === current ? 'current' : 'todo'}
            aria-current={st === point.status ? 'step' : undefined}
          >
            {l(STATUS_LABELS[st])}
            {i < current && <span className="visually-hidden"> ({s('lc.done')})</span>}
          </li>
        ))}
      </ol>
      {point.status === 'avvecklad' && <p className="flag flag-bad">{s('lc.decommissioned')}</p>}
      {point.access.write && <TransitionForm onDone={reload} />}
      <h3>{s('lc.history')}</h3>
      <LoadState loading={history.loading && !history.data} error={history.error} onRetry={history.reload} />
      {history.data && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{s('lc.date')}</th>
                <th scope="col">{s('lc.change')}</th>
                <th scope="col">{s('lc.user')}</th>
                <th scope="col">{s('lc.note')}</th>
              </tr>
            </thead>
            <tbody>
              {[...history.data.items].reverse().map((tr) => (
                <tr key={tr.id}>
                  <td>{formatDate(tr.date)}</td>
                  <td>
                    {tr.from ? `${l(STATUS_LABELS[tr.from])} → ` : ''}
                    <strong>{l(STATUS_LABELS[tr.to])}</strong>
                  </td>
                  <td>
                    {tr.username ?? '–'}
                    <div className="cell-meta">{formatDateTime(tr.createdAt)}</div>
                  </td>
                  <td className="preline">{tr.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TransitionForm({ onDone }: { onDone(): void }) {
  const { s, l } = useSot();
  const { point } = usePoint();
  const today = stockholmDate();
  const next = SOT_STATUSES[Math.min(SOT_STATUSES.indexOf(point.status) + 1, SOT_STATUSES.length - 2)];
  const [to, setTo] = useState<SotStatus>(next === point.status ? 'avvecklad' : next);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const save = useSave();
  const e = save.errors;
  const backward =
    to !== 'avvecklad' &&
    (point.status === 'avvecklad' || SOT_STATUSES.indexOf(to) < SOT_STATUSES.indexOf(point.status));
  const labels: Record<string, string> = { to: s('lc.to'), date: s('lc.date'), note: s('lc.note') };
  return (
    <section aria-labelledby="transition-title" className="sot-form-section">
      <h3 id="transition-title">{s('lc.change')}</h3>
      <Feedback state={save} />
      <ErrorList errors={e} labels={(p) => labels[p]} idPrefix="transition" />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const ok = await save.run(() =>
            api.post(sotApi.part(point.id, 'transitions'), { to, date, note: note.trim() || null }),
          );
          if (ok) {
            setFlash(s('lc.changed', { status: l(STATUS_LABELS[to]) }));
            onDone();
          }
        }}
      >
        <div className="field-row">
          <SelectField
            path="to"
            label={s('lc.to')}
            value={to}
            error={e.to}
            onChange={(v) => setTo(v as SotStatus)}
            options={SOT_STATUSES.filter((st) => st !== point.status).map((st) => ({
              value: st,
              label: l(STATUS_LABELS[st]),
            }))}
          />
          <DateField
            path="date"
            label={s('lc.date')}
            value={date}
            max={today}
            error={e.date}
            onChange={setDate}
          />
        </div>
        <TextField
          path="note"
          label={s('lc.note')}
          hint={backward ? s('lc.noteRequired') : s('lc.noteHint')}
          required={backward}
          value={note}
          error={e.note}
          rows={2}
          onChange={setNote}
        />
        {to === 'i_drift' && <p className="hint">{s('lc.inOperationRule')}</p>}
        <FormActions saving={save.saving} label={s('lc.submit')} />
      </form>
    </section>
  );
}
