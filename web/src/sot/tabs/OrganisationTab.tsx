/**
 * Organisation: the operating group, its members with roles, competences and trainings (expired
 * ones flagged), and the printable contact tree. Members are personal data: they are fetched and
 * shown only when the server grants personal access (the point's municipality, its operators,
 * admins); everyone else sees the counts per role and training. Members and their training
 * records are added, changed and removed by those who may edit the point (`point.access.write`).
 */
import { type ReactNode, useState } from 'react';
import {
  MEMBER_ROLE_LABELS,
  MEMBER_ROLES,
  type MemberRole,
  ORGANISATION_LABELS,
  ORGANISATION_TYPES,
  TRAINING_COURSES,
  TRAINING_LABELS,
  type TrainingCourse,
} from '../../../../src/sot/schemas.js';
import { api, request } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { StatusMark } from '../components/Indicators.js';
import { CheckboxGroup, DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import {
  checkMember,
  checkOrganisation,
  checkTraining,
  emptyMember,
  emptyTraining,
  type MemberForm,
  memberForm,
  type OrganisationForm,
  organisationForm,
  type TrainingForm,
  trainingForm,
} from '../model/organisation-forms.js';
import { usePoint } from '../point-context.js';
import { type SaveState, saveItem, useSave } from '../save.js';
import type { Items, Member, OrganisationView, Training } from '../types.js';
import { sotApi } from '../urls.js';
import { prefixErrors, zodErrors } from '../validation.js';

export function OrganisationTab() {
  const { s } = useSot();
  const { point, refreshChecklist } = usePoint();
  const view = useApi<OrganisationView>(sotApi.part(point.id, 'organisation'));
  if (!view.data) return <LoadState loading={view.loading} error={view.error} onRetry={view.reload} />;
  const changed = () => {
    view.reload();
    refreshChecklist();
  };
  return (
    <>
      <GroupSummary view={view.data} />
      {point.access.write && <OrganisationEditor view={view.data} onSaved={changed} />}
      {view.data.personal ? (
        <Members onChanged={changed} />
      ) : (
        <p className="notice notice-info" data-personal="false">
          {s('org.personalHidden')}
        </p>
      )}
    </>
  );
}

function GroupSummary({ view }: { view: OrganisationView }) {
  const { s, l } = useSot();
  const { point } = usePoint();
  const o = view.organisation;
  const sum = view.summary;
  const roles = MEMBER_ROLES.filter((r) => (sum.roles[r] ?? 0) > 0);
  const courses = TRAINING_COURSES.filter(
    (c) => (sum.trainings[c]?.valid ?? 0) + (sum.trainings[c]?.expired ?? 0) > 0,
  );
  return (
    <section aria-labelledby="group-title">
      <h3 id="group-title">{o ? o.name : s('org.noGroup')}</h3>
      <dl className="details compact-details">
        {o && (
          <div className="details-row">
            <dt>{s('org.type')}</dt>
            <dd>{l(ORGANISATION_LABELS[o.type])}</dd>
          </div>
        )}
        {view.personal && o?.contactName && (
          <div className="details-row">
            <dt>{s('org.contact')}</dt>
            <dd>
              {o.contactName}
              {o.contactPhone && (
                <>
                  {', '}
                  <a href={`tel:${o.contactPhone.replace(/\s/g, '')}`}>{o.contactPhone}</a>
                </>
              )}
              {o.contactEmail && (
                <>
                  {', '}
                  <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
                </>
              )}
            </dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.members')}</dt>
          <dd data-member-count={sum.memberCount} data-reachable={sum.reachableCount}>
            <StatusMark status={sum.reachableCount >= sum.minMembers ? 'met' : 'not_met'} compact />{' '}
            {s('org.memberCounts', {
              members: sum.memberCount,
              reachable: sum.reachableCount,
              min: sum.minMembers,
            })}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('org.roles')}</dt>
          <dd>
            {roles.length === 0
              ? s('common.noneRegistered')
              : roles.map((r) => `${l(MEMBER_ROLE_LABELS[r])}: ${sum.roles[r]}`).join(', ')}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('org.trainings')}</dt>
          <dd>
            {courses.length === 0 ? (
              s('common.noneRegistered')
            ) : (
              <ul className="plain-list">
                {courses.map((c) => (
                  <li key={c}>
                    {l(TRAINING_LABELS[c])}:{' '}
                    {s('org.trainingCounts', { valid: sum.trainings[c]?.valid ?? 0 })}
                    {(sum.trainings[c]?.expired ?? 0) > 0 && (
                      <span className="flag flag-bad">
                        {' '}
                        {s('org.trainingExpiredCount', { n: sum.trainings[c]?.expired ?? 0 })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {view.personal && (
        <p className="exports">
          <a
            className="button button-small"
            href={sotApi.contactTree(point.id)}
            target="_blank"
            rel="noopener"
          >
            {s('org.contactTree')}
          </a>
          <a
            className="button button-small"
            href={`${sotApi.contactTree(point.id)}?format=pdf`}
            target="_blank"
            rel="noopener"
          >
            {s('org.contactTreePdf')}
          </a>
        </p>
      )}
    </section>
  );
}

function OrganisationEditor({ view, onSaved }: { view: OrganisationView; onSaved(): void }) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const [form, setForm] = useState<OrganisationForm>(() => organisationForm(view));
  // Open at first when there is no group yet; afterwards the user decides (and sees the result).
  const [open, setOpen] = useState(() => !view.organisation);
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<OrganisationForm>) => setForm((f) => ({ ...f, ...patch }));
  const labels: Record<string, string> = {
    type: s('org.type'),
    name: s('org.name'),
    contactName: s('org.contactName'),
    contactPhone: s('org.contactPhone'),
    contactEmail: s('org.contactEmail'),
  };
  return (
    <details className="sot-form-section" open={open} onToggle={(ev) => setOpen(ev.currentTarget.open)}>
      <summary>{view.organisation ? s('org.editGroup') : s('org.addGroup')}</summary>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(e, 'org')}
        labels={(path) => labels[path.replace(/^org\./, '')]}
        idPrefix="organisation"
      />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkOrganisation(form);
          const errors = result.success ? {} : zodErrors(result.error.issues, t);
          const ok = await save.run(
            () => request('PUT', sotApi.part(point.id, 'organisation'), body),
            s('org.groupSaved'),
            errors,
          );
          if (ok) onSaved();
        }}
      >
        <div className="field-row">
          <SelectField
            path="org.type"
            label={s('org.type')}
            value={form.type}
            error={e.type}
            onChange={(v) => set({ type: v as OrganisationForm['type'] })}
            options={ORGANISATION_TYPES.map((o) => ({ value: o, label: l(ORGANISATION_LABELS[o]) }))}
          />
          <TextField
            path="org.name"
            label={s('org.name')}
            required
            value={form.name}
            error={e.name}
            onChange={(name) => set({ name })}
          />
        </div>
        <div className="field-row">
          <TextField
            path="org.contactName"
            label={s('org.contactName')}
            value={form.contactName}
            error={e.contactName}
            onChange={(contactName) => set({ contactName })}
          />
          <TextField
            path="org.contactPhone"
            label={s('org.contactPhone')}
            value={form.contactPhone}
            error={e.contactPhone}
            autoComplete="off"
            onChange={(contactPhone) => set({ contactPhone })}
          />
          <TextField
            path="org.contactEmail"
            label={s('org.contactEmail')}
            value={form.contactEmail}
            error={e.contactEmail}
            onChange={(contactEmail) => set({ contactEmail })}
          />
        </div>
        <TextField
          path="org.note"
          label={s('ov.note')}
          value={form.note}
          error={e.note}
          rows={2}
          onChange={(note) => set({ note })}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.saving}>
            {save.saving ? t('common.saving') : s('org.saveGroup')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The training form that is open: a new record for a member, or an existing record. */
interface TrainingTarget {
  memberId: number;
  training: Training | null;
}

function Members({ onChanged }: { onChanged(): void }) {
  const { s } = useSot();
  const { point } = usePoint();
  const list = useApi<Items<Member>>(sotApi.part(point.id, 'members'));
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [training, setTraining] = useState<TrainingTarget | null>(null);
  const remove = useSave();
  const members = list.data?.items ?? [];
  const done = () => {
    setEditing(null);
    setTraining(null);
    list.reload();
    onChanged();
  };
  return (
    <section aria-labelledby="members-title">
      <h3 id="members-title">{s('org.memberList')}</h3>
      <p className="hint">{s('org.personalNote')}</p>
      <Feedback state={remove} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && members.length === 0 && <p>{s('org.noMembers')}</p>}
      <ul className="sot-card-list member-list">
        {members.map((m) => (
          <li key={m.id} className="sot-card" data-member-id={m.id}>
            {editing === m.id ? (
              <MemberEditor member={m} members={members} onDone={done} onCancel={() => setEditing(null)} />
            ) : (
              <MemberCard
                member={m}
                members={members}
                trainingActions={
                  point.access.write && training?.memberId !== m.id
                    ? (tr) => (
                        <TrainingActions
                          member={m}
                          training={tr}
                          remove={remove}
                          onEdit={() => setTraining({ memberId: m.id, training: tr })}
                          onDeleted={done}
                        />
                      )
                    : undefined
                }
              />
            )}
            {training?.memberId === m.id && (
              <TrainingEditor
                key={training.training?.id ?? 'new'}
                memberId={m.id}
                memberName={m.name}
                training={training.training}
                onDone={done}
                onCancel={() => setTraining(null)}
              />
            )}
            {point.access.write && editing !== m.id && training?.memberId !== m.id && (
              <p className="sot-card-actions">
                <button type="button" className="button button-small" onClick={() => setEditing(m.id)}>
                  {s('common.edit')}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setTraining({ memberId: m.id, training: null })}
                >
                  {s('org.addTraining')}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={async () => {
                    if (!window.confirm(s('org.removeConfirm', { name: m.name }))) return;
                    if (
                      await remove.run(
                        () => api.delete(sotApi.item(point.id, 'members', m.id)),
                        s('org.removed', { name: m.name }),
                      )
                    )
                      done();
                  }}
                >
                  {s('org.remove')}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
      {point.access.write &&
        (editing === 'new' ? (
          <div className="sot-card">
            <MemberEditor member={null} members={members} onDone={done} onCancel={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {s('org.addMember')}
          </button>
        ))}
    </section>
  );
}

/** Change and delete for one training record; deleting asks first. */
function TrainingActions({
  member,
  training: tr,
  remove,
  onEdit,
  onDeleted,
}: {
  member: Member;
  training: Training;
  /** The member list's save state: its notice reports the deletion. */
  remove: SaveState;
  onEdit(): void;
  onDeleted(): void;
}) {
  const { s, l } = useSot();
  const { point } = usePoint();
  // Names the record in the buttons' accessible names and the question (several may look alike).
  const what = s('org.trainingOf', {
    training: tr.title || l(TRAINING_LABELS[tr.course]),
    date: formatDate(tr.completedOn),
    name: member.name,
  });
  return (
    <span className="training-actions">
      <button type="button" className="button button-small" onClick={onEdit}>
        {s('common.edit')}
        <span className="visually-hidden"> {what}</span>
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        onClick={async () => {
          if (!window.confirm(s('org.trainingRemoveConfirm', { training: what }))) return;
          const deleted = await remove.run(
            () => api.delete(sotApi.item(point.id, 'trainings', tr.id)),
            s('org.trainingRemoved', { training: what }),
          );
          if (deleted) onDeleted();
        }}
      >
        {s('common.delete')}
        <span className="visually-hidden"> {what}</span>
      </button>
    </span>
  );
}

function MemberCard({
  member: m,
  members,
  trainingActions,
}: {
  member: Member;
  members: Member[];
  /** Buttons after each training record (for those who may change them). */
  trainingActions?: (training: Training) => ReactNode;
}) {
  const { s, l } = useSot();
  const caller = members.find((x) => x.id === m.calledBy);
  return (
    <>
      <h4 className="sot-card-title">
        {m.name}
        {!m.reachable && <span className="flag flag-bad"> {s('org.unreachable')}</span>}
      </h4>
      <dl className="details compact-details">
        {m.phone && (
          <div className="details-row">
            <dt>{s('org.phone')}</dt>
            <dd>
              <a href={`tel:${m.phone.replace(/\s/g, '')}`}>{m.phone}</a>
            </dd>
          </div>
        )}
        {m.email && (
          <div className="details-row">
            <dt>{s('org.email')}</dt>
            <dd>
              <a href={`mailto:${m.email}`}>{m.email}</a>
            </dd>
          </div>
        )}
        {m.address && (
          <div className="details-row">
            <dt>{s('org.address')}</dt>
            <dd>{m.address}</dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.roles')}</dt>
          <dd>{m.roles.length ? m.roles.map((r) => l(MEMBER_ROLE_LABELS[r])).join(', ') : '–'}</dd>
        </div>
        {m.competences.length > 0 && (
          <div className="details-row">
            <dt>{s('org.competences')}</dt>
            <dd>{m.competences.join(', ')}</dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.calledBy')}</dt>
          <dd>{caller ? caller.name : s('org.calledFirst')}</dd>
        </div>
        {m.trainings.length > 0 && (
          <div className="details-row">
            <dt>{s('org.trainings')}</dt>
            <dd>
              <ul className="plain-list">
                {m.trainings.map((tr) => (
                  <li key={tr.id} data-training-id={tr.id} data-expired={String(tr.expired)}>
                    {tr.title || l(TRAINING_LABELS[tr.course])}, {formatDate(tr.completedOn)}
                    {tr.expiresOn && ` – ${formatDate(tr.expiresOn)}`}
                    {tr.expired && (
                      <span className="flag flag-bad">
                        {' '}
                        <span aria-hidden="true">⚠ </span>
                        {s('org.expired')}
                      </span>
                    )}
                    {!tr.expired && tr.expiresSoon && (
                      <span className="flag flag-warn"> {s('org.expiresSoon')}</span>
                    )}
                    {trainingActions?.(tr)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

function MemberEditor({
  member,
  members,
  onDone,
  onCancel,
}: {
  member: Member | null;
  members: Member[];
  onDone(): void;
  onCancel(): void;
}) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const [form, setForm] = useState<MemberForm>(() => (member ? memberForm(member) : emptyMember()));
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<MemberForm>) => setForm((f) => ({ ...f, ...patch }));
  const p = (key: string) => `member.${key}`;
  const labels: Record<string, string> = {
    name: s('org.memberName'),
    phone: s('org.phone'),
    email: s('org.email'),
    address: s('org.address'),
    roles: s('org.roles'),
    competences: s('org.competences'),
    calledBy: s('org.calledBy'),
    callOrder: s('org.callOrder'),
  };
  // Server paths are the body's field names; the controls are prefixed so two forms never share ids.
  const err = (key: string) => e[key];
  return (
    <form
      noValidate
      className="entity-form item-form"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const { body, result } = checkMember(form);
        const errors = result.success ? {} : zodErrors(result.error.issues, t);
        const ok = await save.run(() => saveItem(point.id, 'members', member?.id, body), undefined, errors);
        if (ok) onDone();
      }}
    >
      <h4>{member ? s('org.editMember', { name: member.name }) : s('org.addMember')}</h4>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(e, 'member')}
        labels={(path) => labels[path.replace(/^member\./, '').split('.')[0]]}
        idPrefix={`member-${member?.id ?? 'new'}`}
      />
      <TextField
        path={p('name')}
        label={s('org.memberName')}
        required
        value={form.name}
        error={err('name')}
        autoComplete="off"
        onChange={(name) => set({ name })}
      />
      <div className="field-row">
        <TextField
          path={p('phone')}
          label={s('org.phone')}
          hint={s('org.phoneHint')}
          value={form.phone}
          error={err('phone')}
          inputMode="text"
          onChange={(phone) => set({ phone })}
        />
        <TextField
          path={p('email')}
          label={s('org.email')}
          value={form.email}
          error={err('email')}
          onChange={(email) => set({ email })}
        />
      </div>
      <TextField
        path={p('address')}
        label={s('org.address')}
        value={form.address}
        error={err('address')}
        onChange={(address) => set({ address })}
      />
      <CheckboxGroup
        path={p('roles')}
        label={s('org.roles')}
        values={form.roles}
        error={err('roles')}
        onChange={(roles) => set({ roles: roles as MemberRole[] })}
        options={MEMBER_ROLES.map((r) => ({ value: r, label: l(MEMBER_ROLE_LABELS[r]) }))}
      />
      <TextField
        path={p('competences')}
        label={s('org.competences')}
        hint={s('org.competencesHint')}
        value={form.competences}
        error={err('competences')}
        onChange={(competences) => set({ competences })}
      />
      <div className="field-row">
        <SelectField
          path={p('calledBy')}
          label={s('org.calledBy')}
          hint={s('org.calledByHint')}
          value={form.calledBy}
          error={err('calledBy')}
          emptyLabel={s('org.calledFirst')}
          onChange={(calledBy) => set({ calledBy })}
          options={members
            .filter((x) => x.id !== member?.id)
            .map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <TextField
          path={p('callOrder')}
          label={s('org.callOrder')}
          value={form.callOrder}
          error={err('callOrder')}
          inputMode="numeric"
          onChange={(callOrder) => set({ callOrder })}
        />
      </div>
      <TextField
        path={p('note')}
        label={s('ov.note')}
        value={form.note}
        error={err('note')}
        rows={2}
        onChange={(note) => set({ note })}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.saving}>
          {save.saving ? t('common.saving') : s('org.saveMember')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Adds a training record to a member (`training` null) or changes an existing record. */
function TrainingEditor({
  memberId,
  memberName,
  training,
  onDone,
  onCancel,
}: {
  memberId: number;
  memberName: string;
  training: Training | null;
  onDone(): void;
  onCancel(): void;
}) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const [form, setForm] = useState<TrainingForm>(() =>
    training ? trainingForm(training) : emptyTraining(memberId),
  );
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<TrainingForm>) => setForm((f) => ({ ...f, ...patch }));
  const p = (key: string) => `training.${key}`;
  const labels: Record<string, string> = {
    course: s('org.course'),
    title: s('org.trainingTitle'),
    completedOn: s('org.completedOn'),
    expiresOn: s('org.expiresOn'),
    provider: s('org.provider'),
  };
  return (
    <form
      noValidate
      className="entity-form item-form"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const { body, result } = checkTraining(form, training !== null);
        const errors = result.success ? {} : zodErrors(result.error.issues, t);
        // An empty date fails as a malformed one; say what is actually missing.
        if (!form.completedOn) errors.completedOn = t('val.required');
        const ok = await save.run(
          () => saveItem(point.id, 'trainings', training?.id, body),
          undefined,
          errors,
        );
        if (ok) onDone();
      }}
    >
      <h4>
        {training
          ? s('org.editTraining', {
              training: training.title || l(TRAINING_LABELS[training.course]),
              name: memberName,
            })
          : s('org.addTrainingFor', { name: memberName })}
      </h4>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(e, 'training')}
        labels={(path) => labels[path.replace(/^training\./, '')]}
        idPrefix={`training-${training?.id ?? 'new'}`}
      />
      <div className="field-row">
        <SelectField
          path={p('course')}
          label={s('org.course')}
          value={form.course}
          error={e.course}
          onChange={(v) => set({ course: v as TrainingCourse })}
          options={TRAINING_COURSES.map((c) => ({ value: c, label: l(TRAINING_LABELS[c]) }))}
        />
        <TextField
          path={p('title')}
          label={s('org.trainingTitle')}
          value={form.title}
          error={e.title}
          onChange={(title) => set({ title })}
        />
      </div>
      <div className="field-row">
        <DateField
          path={p('completedOn')}
          label={s('org.completedOn')}
          required
          value={form.completedOn}
          error={e.completedOn}
          onChange={(completedOn) => set({ completedOn })}
        />
        <DateField
          path={p('expiresOn')}
          label={s('org.expiresOn')}
          value={form.expiresOn}
          error={e.expiresOn}
          onChange={(expiresOn) => set({ expiresOn })}
        />
        <TextField
          path={p('provider')}
          label={s('org.provider')}
          value={form.provider}
          error={e.provider}
          onChange={(provider) => set({ provider })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.saving}>
          {save.saving ? t('common.saving') : s('org.saveTraining')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
