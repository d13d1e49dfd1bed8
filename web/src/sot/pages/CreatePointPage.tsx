/**
 * `/sot-punkter/ny`: a new SOT-punkt from a grocery store in the registry and, optionally, the
 * fuel station beside it (nearest first, with the distance check). The point starts as `idé`;
 * everything else is filled in on its page.
 */
import { useState } from 'react';
import { ESTABLISHMENT_LABELS, ESTABLISHMENT_MODELS } from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { Link } from '../../components/Link.js';
import { Notice } from '../../components/Notice.js';
import { setFlash } from '../../flash.js';
import { useDocumentTitle } from '../../hooks.js';
import { navigate, paths } from '../../router.js';
import { useSession } from '../../session.js';
import { canEditSot } from '../access.js';
import { Feedback } from '../components/Feedback.js';
import { FuelPicker, StorePicker } from '../components/PointPickers.js';
import { ErrorList, SelectField, TextField } from '../fields.js';
import { useSot } from '../i18n.js';
import { type CreateForm, checkCreate } from '../model/point-form.js';
import { useSave } from '../save.js';
import type { SotPoint } from '../types.js';
import { sotApi } from '../urls.js';
import { zodErrors } from '../validation.js';

export function CreatePointPage() {
  const { s, l, t } = useSot();
  const { user } = useSession();
  useDocumentTitle(t('app.documentTitle', { page: s('sot.new') }));
  const [form, setForm] = useState<CreateForm>({
    name: '',
    establishmentModel: '',
    store: null,
    fuel: null,
    fuelMaxDistanceM: '300',
  });
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<CreateForm>) => setForm((f) => ({ ...f, ...patch }));
  if (!canEditSot(user)) return <Notice kind="error">{t('error.forbidden')}</Notice>;
  const max = Number(form.fuelMaxDistanceM) > 0 ? Number(form.fuelMaxDistanceM) : 300;
  const labels: Record<string, string> = {
    storeId: s('pick.store'),
    fuelStationId: s('pick.fuel'),
    name: s('ov.name'),
    establishmentModel: s('ov.model'),
    fuelMaxDistanceM: s('ov.maxDistance'),
  };
  return (
    <section aria-labelledby="page-title" className="form-page sot-page">
      <p className="breadcrumb">
        <Link href={paths.sot}>{s('point.back')}</Link>
      </p>
      <h1 id="page-title">{s('sot.new')}</h1>
      <p className="lead">{s('create.intro')}</p>
      <Feedback state={save} />
      <ErrorList errors={e} labels={(p) => labels[p]} idPrefix="create" />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkCreate(form);
          const errors = result.success
            ? {}
            : zodErrors(result.error.issues, t, (path) => path === 'storeId' && !form.store);
          if (!form.store) errors.storeId = s('create.pickStore');
          await save.run(
            async () => {
              const created = await api.post<SotPoint>(sotApi.points, body);
              setFlash(s('create.created', { name: created.name }));
              navigate(paths.sotPoint(created.id), { replace: true });
            },
            undefined,
            errors,
          );
        }}
      >
        <fieldset className="form-section">
          <legend>{s('ov.links')}</legend>
          <StorePicker
            value={form.store}
            error={e.storeId}
            onChange={(store) => set({ store, fuel: null })}
          />
          <FuelPicker
            store={form.store}
            value={form.fuel}
            maxDistanceM={max}
            error={e.fuelStationId}
            onChange={(fuel) => set({ fuel })}
          />
          <TextField
            path="fuelMaxDistanceM"
            label={s('ov.maxDistance')}
            hint={s('ov.maxDistanceHint')}
            value={form.fuelMaxDistanceM}
            error={e.fuelMaxDistanceM}
            inputMode="numeric"
            onChange={(fuelMaxDistanceM) => set({ fuelMaxDistanceM })}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('form.basics')}</legend>
          <TextField
            path="name"
            label={s('ov.name')}
            hint={
              form.store
                ? s('create.nameHint', { name: `SOT-punkt ${form.store.name}` })
                : s('create.nameHintNoStore')
            }
            value={form.name}
            error={e.name}
            onChange={(name) => set({ name })}
          />
          <SelectField
            path="establishmentModel"
            label={s('ov.model')}
            value={form.establishmentModel}
            error={e.establishmentModel}
            emptyLabel={s('common.notSet')}
            onChange={(v) => set({ establishmentModel: v as CreateForm['establishmentModel'] })}
            options={ESTABLISHMENT_MODELS.map((m) => ({ value: m, label: l(ESTABLISHMENT_LABELS[m]) }))}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.saving}>
            {save.saving ? t('common.saving') : s('create.submit')}
          </button>
          <Link href={paths.sot} className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
