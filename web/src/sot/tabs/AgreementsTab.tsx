/**
 * Avtal: agreements with their term, notice period and the server's renewal reminder (due from
 * `reminderDays` before the notice deadline), and forms to add, change and delete them.
 */
import {
  AGREEMENT_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_STATUSES,
  AGREEMENT_TYPES,
  OPERATING_AGREEMENT_TYPES,
} from '../../../../src/sot/schemas.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { ItemCards } from '../components/ItemCards.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import { agreementForm, checkAgreement, emptyAgreement } from '../model/money-forms.js';
import { usePoint } from '../point-context.js';
import type { Agreement } from '../types.js';
import type { ItemEditorProps } from '../use-item-editor.js';
import { useItemForm } from '../use-item-form.js';

export function AgreementsTab() {
  const { s } = useSot();
  const { refreshChecklist } = usePoint();
  return (
    <>
      <p className="hint">{s('agr.intro')}</p>
      <ItemCards<Agreement>
        part="agreements"
        onChanged={refreshChecklist}
        idAttribute="data-agreement-id"
        empty={s('agr.none')}
        addLabel={s('agr.add')}
        deleteConfirm={s('agr.deleteConfirm')}
        card={(a) => <AgreementCard item={a} />}
        editor={(a, props) => <AgreementEditor item={a} {...props} />}
      />
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

function AgreementEditor({ item, onDone, onCancel }: { item: Agreement | null } & ItemEditorProps) {
  const { s, l } = useSot();
  const { form, save, field, submit } = useItemForm({
    part: 'agreements',
    itemId: item?.id,
    initial: () => (item ? agreementForm(item) : emptyAgreement()),
    check: checkAgreement,
    onDone,
  });
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
    <form noValidate className="entity-form item-form" onSubmit={submit}>
      <h3>{item ? s('agr.editTitle') : s('agr.add')}</h3>
      <Feedback state={save} />
      <ErrorList
        errors={save.errors}
        labels={(p) => labels[p] ?? labels[p.split('.')[0]]}
        idPrefix="agreement"
      />
      <div className="field-row">
        <SelectField
          {...field('type')}
          label={s('agr.type')}
          required
          hint={OPERATING_AGREEMENT_TYPES.includes(form.type) ? s('agr.operatingHint') : undefined}
          options={AGREEMENT_TYPES.map((ty) => ({ value: ty, label: l(AGREEMENT_LABELS[ty]) }))}
        />
        <SelectField
          {...field('status')}
          label={s('agr.status')}
          options={AGREEMENT_STATUSES.map((st) => ({ value: st, label: l(AGREEMENT_STATUS_LABELS[st]) }))}
        />
      </div>
      <TextField {...field('title')} label={s('agr.title')} />
      <TextField {...field('parties')} label={s('agr.parties')} hint={s('agr.partiesHint')} rows={2} />
      <div className="field-row">
        <DateField {...field('startDate')} label={s('agr.startDate')} />
        <DateField {...field('endDate')} label={s('agr.endDate')} />
        <DateField {...field('signedDate')} label={s('agr.signedDate')} />
      </div>
      <div className="field-row">
        <TextField {...field('noticeMonths')} label={s('agr.noticeMonths')} inputMode="numeric" />
        <TextField
          {...field('reminderDays')}
          label={s('agr.reminderDays')}
          hint={s('agr.reminderDaysHint')}
          inputMode="numeric"
        />
      </div>
      <TextField {...field('note')} label={s('ov.note')} rows={2} />
      <FormActions saving={save.saving} onCancel={onCancel} />
    </form>
  );
}
