/**
 * Avtal: agreements with their term, notice period and the server's renewal reminder (due from
 * `reminderDays` before the notice deadline), and forms to add, change and delete them.
 */
import { useState } from 'react';
import {
  AGREEMENT_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_STATUSES,
  AGREEMENT_TYPES,
  OPERATING_AGREEMENT_TYPES,
} from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import { type AgreementForm, agreementForm, checkAgreement, emptyAgreement } from '../model/money-forms.js';
import { usePoint } from '../point-context.js';
import { saveItem, useSave } from '../save.js';
import type { Agreement, Items } from '../types.js';
import { sotApi } from '../urls.js';
import { zodErrors } from '../validation.js';

export function AgreementsTab() {
  const { s } = useSot();
  const { point, refreshChecklist } = usePoint();
  const list = useApi<Items<Agreement>>(sotApi.part(point.id, 'agreements'));
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const remove = useSave();
  const done = () => {
    setEditing(null);
    list.reload();
    refreshChecklist();
  };
  return (
    <>
      <p className="hint">{s('agr.intro')}</p>
      <Feedback state={remove} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{s('agr.none')}</p>}
      <ul className="sot-card-list">
        {list.data?.items.map((a) => (
          <li key={a.id} className="sot-card" data-agreement-id={a.id}>
            {editing === a.id ? (
              <AgreementEditor item={a} onDone={done} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <AgreementCard item={a} />
                {point.access.write && (
                  <p className="sot-card-actions">
                    <button type="button" className="button button-small" onClick={() => setEditing(a.id)}>
                      {s('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      onClick={async () => {
                        if (!window.confirm(s('agr.deleteConfirm'))) return;
                        if (
                          await remove.run(
                            () => api.delete(sotApi.item(point.id, 'agreements', a.id)),
                            s('common.deleted'),
                          )
                        )
                          done();
                      }}
                    >
                      {s('common.delete')}
                    </button>
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {point.access.write &&
        (editing === 'new' ? (
          <div className="sot-card">
            <AgreementEditor item={null} onDone={done} onCancel={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {s('agr.add')}
          </button>
        ))}
    </>
  );
}

function AgreementCard({ item: a }: { item: Agreement }) {
  const { s, l } = useSot();
  const r = a.renewal;
  return (
    <>
      <h3 className="sot-card-title">{a.title || l(AGREEMENT_LABELS[a.type])}</h3>
      <p className="meta">
        {a.title && `${l(AGREEMENT_LABELS[a.type])} · `}
        {l(AGREEMENT_STATUS_LABELS[a.status])}
        {' · '}
        <span className={r.inForce ? 'flag flag-ok' : 'flag'} data-in-force={String(r.inForce)}>
          {r.inForce ? s('agr.inForce') : s('agr.notInForce')}
        </span>
      </p>
      {r.reminderDue && (
        <p className="flag flag-warn" data-reminder="due">
          <span aria-hidden="true">⚠ </span>
          {r.expired
            ? s('agr.expired', { date: formatDate(a.endDate) })
            : s('agr.reminder', { deadline: formatDate(r.noticeDeadline), end: formatDate(a.endDate) })}
        </p>
      )}
      <dl className="details compact-details">
        {a.parties.length > 0 && (
          <div className="details-row">
            <dt>{s('agr.parties')}</dt>
            <dd>{a.parties.join(', ')}</dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('agr.term')}</dt>
          <dd>
            {formatDate(a.startDate)} – {a.endDate ? formatDate(a.endDate) : s('agr.openEnded')}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('agr.notice')}</dt>
          <dd>
            {s('agr.noticeValue', { months: a.noticeMonths })}
            {r.noticeDeadline && ` · ${s('agr.noticeDeadline', { date: formatDate(r.noticeDeadline) })}`}
          </dd>
        </div>
        {r.reminderDate && (
          <div className="details-row">
            <dt>{s('agr.reminderDate')}</dt>
            <dd>{formatDate(r.reminderDate)}</dd>
          </div>
        )}
        {a.signedDate && (
          <div className="details-row">
            <dt>{s('agr.signedDate')}</dt>
            <dd>{formatDate(a.signedDate)}</dd>
          </div>
        )}
      </dl>
      {r.superseded && <p className="hint">{s('agr.superseded')}</p>}
      {a.note && <p className="preline">{a.note}</p>}
    </>
  );
}

function AgreementEditor({
  item,
  onDone,
  onCancel,
}: {
  item: Agreement | null;
  onDone(): void;
  onCancel(): void;
}) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const [form, setForm] = useState<AgreementForm>(() => (item ? agreementForm(item) : emptyAgreement()));
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<AgreementForm>) => setForm((f) => ({ ...f, ...patch }));
  const labels: Record<string, string> = {
    type: s('agr.type'),
    startDate: s('agr.startDate'),
    endDate: s('agr.endDate'),
    signedDate: s('agr.signedDate'),
    noticeMonths: s('agr.noticeMonths'),
    reminderDays: s('agr.reminderDays'),
    parties: s('agr.parties'),
  };
  return (
    <form
      noValidate
      className="entity-form item-form"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const { body, result } = checkAgreement(form);
        const errors = result.success ? {} : zodErrors(result.error.issues, t);
        const ok = await save.run(() => saveItem(point.id, 'agreements', item?.id, body), undefined, errors);
        if (ok) onDone();
      }}
    >
      <h3>{item ? s('agr.editTitle') : s('agr.add')}</h3>
      <Feedback state={save} />
      <ErrorList errors={e} labels={(p) => labels[p] ?? labels[p.split('.')[0]]} idPrefix="agreement" />
      <div className="field-row">
        <SelectField
          path="type"
          label={s('agr.type')}
          required
          hint={OPERATING_AGREEMENT_TYPES.includes(form.type) ? s('agr.operatingHint') : undefined}
          value={form.type}
          error={e.type}
          onChange={(v) => set({ type: v as AgreementForm['type'] })}
          options={AGREEMENT_TYPES.map((ty) => ({ value: ty, label: l(AGREEMENT_LABELS[ty]) }))}
        />
        <SelectField
          path="status"
          label={s('agr.status')}
          value={form.status}
          error={e.status}
          onChange={(v) => set({ status: v as AgreementForm['status'] })}
          options={AGREEMENT_STATUSES.map((st) => ({ value: st, label: l(AGREEMENT_STATUS_LABELS[st]) }))}
        />
      </div>
      <TextField
        path="title"
        label={s('agr.title')}
        value={form.title}
        error={e.title}
        onChange={(title) => set({ title })}
      />
      <TextField
        path="parties"
        label={s('agr.parties')}
        hint={s('agr.partiesHint')}
        value={form.parties}
        error={e.parties}
        rows={2}
        onChange={(parties) => set({ parties })}
      />
      <div className="field-row">
        <DateField
          path="startDate"
          label={s('agr.startDate')}
          value={form.startDate}
          error={e.startDate}
          onChange={(startDate) => set({ startDate })}
        />
        <DateField
          path="endDate"
          label={s('agr.endDate')}
          value={form.endDate}
          error={e.endDate}
          onChange={(endDate) => set({ endDate })}
        />
        <DateField
          path="signedDate"
          label={s('agr.signedDate')}
          value={form.signedDate}
          error={e.signedDate}
          onChange={(signedDate) => set({ signedDate })}
        />
      </div>
      <div className="field-row">
        <TextField
          path="noticeMonths"
          label={s('agr.noticeMonths')}
          value={form.noticeMonths}
          error={e.noticeMonths}
          inputMode="numeric"
          onChange={(noticeMonths) => set({ noticeMonths })}
        />
        <TextField
          path="reminderDays"
          label={s('agr.reminderDays')}
          hint={s('agr.reminderDaysHint')}
          value={form.reminderDays}
          error={e.reminderDays}
          inputMode="numeric"
          onChange={(reminderDays) => set({ reminderDays })}
        />
      </div>
      <TextField
        path="note"
        label={s('ov.note')}
        value={form.note}
        error={e.note}
        rows={2}
        onChange={(note) => set({ note })}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.saving}>
          {save.saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
