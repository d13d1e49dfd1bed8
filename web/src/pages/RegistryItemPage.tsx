/**
 * The frame both registry detail pages (places, service points) share, so they load, save and
 * fail alike: load the row or start a new one, answer not-found and forbidden the same way, show
 * read-only details to readers and the form to editors; and in the form, the save and delete
 * cycle with its notices, version-conflict prompt and flash across navigation. Each page keeps its
 * own fields, details and wording.
 */
import { type Dispatch, Fragment, type ReactNode, type SetStateAction, useState } from 'react';
import { type ApiError, api } from '../api.js';
import { Link } from '../components/Link.js';
import { LoadState, useErrorMessage } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { setFlash, takeFlash } from '../flash.js';
import { ErrorSummary } from '../forms/ErrorSummary.js';
import { type FieldErrors, serverFieldErrors } from '../forms/validation.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { type MessageKey, useI18n } from '../i18n.js';
import { formsDiffer } from '../lib/unsaved-guard.js';
import { useUnsavedGuard } from '../lib/use-unsaved-guard.js';
import { navigate } from '../router.js';
import { canEdit, useSession } from '../session.js';

/** What the frame reads from a row. */
export interface RegistryItem {
  id: number;
  version: number;
  name: string;
}

/** The page at `<list>/:id` or `<list>/ny` for one registry entity. */
export function RegistryItemPage<T extends RegistryItem>({
  id,
  apiPath,
  listHref,
  createTitle,
  loadingTitle,
  details,
  editor,
}: {
  id: number | 'new';
  /** The collection URL; one row is `<apiPath>/<id>`. */
  apiPath: string;
  /** Where "back to the table" leads. */
  listHref: string;
  /** The document title of the create form. */
  createTitle: string;
  /** The document title until the row's name is known. */
  loadingTitle: string;
  /** The read-only view for users who may not edit. */
  details: (item: T) => ReactNode;
  /**
   * The form; null means a new row. It is keyed by id and version, so a row loaded afresh starts
   * a fresh form.
   */
  editor: (item: T | null) => ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const editable = canEdit(user);
  const loaded = useApi<T>(id === 'new' ? null : `${apiPath}/${id}`);
  const error = loaded.error as ApiError | null;
  const missing = id !== 'new' && (error?.status === 404 || error?.status === 403);
  // The tab names what the page shows: the row, the create form, or why there is neither.
  const page =
    id === 'new'
      ? editable
        ? createTitle
        : t('form.forbiddenTitle')
      : missing
        ? t('form.notFound')
        : (loaded.data?.name ?? loadingTitle);
  useDocumentTitle(t('app.documentTitle', { page }));

  if (id === 'new') {
    if (!editable) {
      return (
        <section aria-labelledby="page-title">
          <h1 id="page-title">{t('form.forbiddenTitle')}</h1>
          <Notice kind="error">{t('error.forbidden')}</Notice>
          <p>
            <Link href={listHref}>{t('form.backToTable')}</Link>
          </p>
        </section>
      );
    }
    return <Fragment key="new">{editor(null)}</Fragment>;
  }
  if (missing) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('form.notFound')}</h1>
        <p>
          <Link href={listHref}>{t('form.backToTable')}</Link>
        </p>
      </section>
    );
  }
  if (!loaded.data)
    return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  if (!editable) return details(loaded.data);
  return <Fragment key={`${loaded.data.id}-${loaded.data.version}`}>{editor(loaded.data)}</Fragment>;
}

/** A message above the form: the result of the last save or delete, or a flash. */
export interface EditorNotice {
  kind: 'success' | 'error';
  text: string;
}

export interface RegistryEditorOptions<T, F> {
  /** The stored row, or null for a new one. */
  initial: T | null;
  /** The collection URL; one row is `<apiPath>/<id>`. */
  apiPath: string;
  emptyForm: () => F;
  toForm: (item: T) => F;
  /** The client-side check; `version` is given when editing (the payload is then a PATCH body). */
  check: (form: F, version: number | undefined) => { payload: unknown; errors: FieldErrors };
  /** The flash on the new row's page after a create. */
  createdMessage: string;
  itemHref: (id: number) => string;
  /** Where a deleted row's page leads. */
  listHref: string;
  /**
   * Service points lock the form while a delete runs and the delete button while a save runs;
   * places never did, and keep it so.
   */
  lockDuringDelete?: boolean;
}

/** The editor state and actions {@link useRegistryEditor} returns. */
export interface RegistryEditor<T extends RegistryItem, F> {
  /** The stored row as last saved; null until a new row is created. */
  item: T | null;
  form: F;
  setForm: Dispatch<SetStateAction<F>>;
  errors: FieldErrors;
  saving: boolean;
  /** The last save met a newer version (409): the reload prompt shows. */
  conflict: boolean;
  notice: EditorNotice | null;
  save: (event: React.FormEvent) => Promise<void>;
  remove: () => Promise<void>;
  deleteDisabled: boolean;
  listHref: string;
  /** The form differs from the stored row (or, for a new row, from the empty form). */
  dirty: boolean;
  /** Reloads the page, dropping the edits without asking (the answer to a version conflict). */
  reloadDiscarding: () => void;
}

/**
 * The editor state and its save/delete cycle: client check first, then POST (and go to the new
 * row's page with a flash) or PATCH with the version read (409 shows the reload prompt, 400 with
 * details marks the fields); delete asks first and sends the version too. While the form differs
 * from the stored row, leaving the page (Avbryt, a link, Back, reload) asks first.
 */
export function useRegistryEditor<T extends RegistryItem, F>(
  options: RegistryEditorOptions<T, F>,
): RegistryEditor<T, F> {
  const { initial, apiPath, lockDuringDelete = false } = options;
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [item, setItem] = useState(initial);
  const [form, setForm] = useState<F>(() => (initial ? options.toForm(initial) : options.emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<EditorNotice | null>(() => {
    const flash = takeFlash();
    return flash ? { kind: 'success', text: flash } : null;
  });
  // The row as stored is the baseline: a save makes it the new one, so the guard falls silent.
  const dirty = formsDiffer(form, item ? options.toForm(item) : options.emptyForm());
  const guard = useUnsavedGuard(dirty);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setNotice(null);
    setConflict(false);
    const { payload, errors: clientErrors } = options.check(form, item?.version);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    setSaving(true);
    try {
      if (item) {
        const saved = await api.patch<T>(`${apiPath}/${item.id}`, payload);
        setItem(saved);
        setForm(options.toForm(saved));
        setNotice({ kind: 'success', text: t('form.saved') });
      } else {
        const created = await api.post<T>(apiPath, payload);
        setFlash(options.createdMessage);
        guard.release();
        navigate(options.itemHref(created.id), { replace: true });
      }
    } catch (err) {
      const e = err as ApiError;
      if (e.id === 'conflict' || e.status === 409) setConflict(true);
      else if (e.status === 400 && e.details.length > 0) setErrors(serverFieldErrors(e.details));
      else setNotice({ kind: 'error', text: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!item || !window.confirm(t('form.deleteConfirm', { name: item.name }))) return;
    if (lockDuringDelete) setSaving(true);
    try {
      await api.delete(`${apiPath}/${item.id}?version=${item.version}`);
      setFlash(t('form.deleted', { name: item.name }));
      guard.release();
      navigate(options.listHref);
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err as ApiError) });
      if (lockDuringDelete) setSaving(false);
    }
  }

  return {
    item,
    form,
    setForm,
    errors,
    saving,
    conflict,
    notice,
    save,
    remove,
    deleteDisabled: lockDuringDelete && saving,
    listHref: options.listHref,
    dirty,
    reloadDiscarding: () => {
      guard.release();
      window.location.reload();
    },
  };
}

/**
 * The editor page around an entity's fields: breadcrumb, title, meta line, notices, error summary,
 * and the save / cancel / delete buttons under the fields.
 */
export function RegistryEditorFrame<T extends RegistryItem, F>({
  editor,
  title,
  meta,
  labels,
  shownPaths,
  deleteLabel,
  children,
}: {
  editor: RegistryEditor<T, F>;
  title: string;
  /** The line under the title; only shown for a stored row. */
  meta: ReactNode;
  /** Label key per field path, for the error summary. */
  labels: Record<string, MessageKey>;
  /** Paths that have a control on the page. */
  shownPaths: Set<string>;
  deleteLabel: string;
  /** The fieldsets. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { item, notice, conflict, errors, saving } = editor;
  return (
    <section aria-labelledby="page-title" className="form-page">
      <p className="breadcrumb">
        <Link href={editor.listHref}>{t('form.backToTable')}</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      {item && <p className="meta">{meta}</p>}
      {notice && (
        <Notice key={notice.text + notice.kind} kind={notice.kind} focus>
          {notice.text}
        </Notice>
      )}
      {conflict && (
        <Notice kind="error" focus>
          <p>{t('form.conflict')}</p>
          <button type="button" className="button" onClick={editor.reloadDiscarding}>
            {t('form.reload')}
          </button>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={labels} shownPaths={shownPaths} />
      <form onSubmit={editor.save} noValidate className="entity-form">
        {children}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <Link href={editor.listHref} className="button button-secondary">
            {t('common.cancel')}
          </Link>
          {item && (
            <button
              type="button"
              className="button button-danger"
              onClick={editor.remove}
              disabled={editor.deleteDisabled}
            >
              {deleteLabel}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
