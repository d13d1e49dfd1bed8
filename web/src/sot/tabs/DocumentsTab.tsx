/**
 * Dokument: PDF, PNG and JPEG files attached to the point (agreements, the signed activation
 * procedure, decisions, drawings, photos). Upload with category and title, list, download,
 * delete. The server checks the type by content and the size against its limit; a too-large
 * file is reported with the limit the server names.
 */
import { useRef, useState } from 'react';
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_CATEGORY_LABELS,
  type DocumentCategory,
} from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { formatDateTime } from '../../i18n.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { DeleteButton } from '../components/ItemButtons.js';
import { ErrorList, fieldId, SelectField, TextField } from '../fields.js';
import { formatBytes } from '../format.js';
import { useSot } from '../i18n.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { Items, SotDocument } from '../types.js';
import { sotApi } from '../urls.js';
import { useDeleteItem } from '../use-delete-item.js';

/** What the file input offers (the server decides by content). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export function DocumentsTab() {
  const { s } = useSot();
  const { point } = usePoint();
  const list = useApi<Items<SotDocument>>(sotApi.part(point.id, 'documents'));
  const remove = useDeleteItem();
  return (
    <>
      {point.access.write && <UploadForm onUploaded={list.reload} />}
      <h3>{s('doc.listTitle')}</h3>
      <Feedback state={remove.state} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{s('doc.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table doc-table">
            <thead>
              <tr>
                <th scope="col">{s('doc.document')}</th>
                <th scope="col">{s('doc.category')}</th>
                <th scope="col">{s('doc.size')}</th>
                <th scope="col">{s('doc.uploaded')}</th>
                <th scope="col">
                  <span className="visually-hidden">{s('doc.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <DocumentRow
                  key={d.id}
                  doc={d}
                  onDelete={async () => {
                    const deleted = await remove.deleteItem({
                      part: 'documents',
                      id: d.id,
                      confirm: s('doc.deleteConfirm', { name: d.title || d.filename }),
                      success: s('common.deleted'),
                    });
                    if (deleted) list.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DocumentRow({ doc: d, onDelete }: { doc: SotDocument; onDelete(): void }) {
  const { l } = useSot();
  const { point } = usePoint();
  return (
    <tr data-document-id={d.id}>
      <th scope="row">
        <a href={sotApi.item(point.id, 'documents', d.id)} download={d.filename}>
          {d.title || d.filename}
        </a>
        {d.title && <div className="cell-meta">{d.filename}</div>}
      </th>
      <td>{l(DOCUMENT_CATEGORY_LABELS[d.category])}</td>
      <td className="numeric">{formatBytes(d.size)}</td>
      <td>
        {formatDateTime(d.uploadedAt)}
        <div className="cell-meta">{d.uploadedByName ?? ''}</div>
      </td>
      <td>{point.access.write && <DeleteButton name={d.title || d.filename} onClick={onDelete} />}</td>
    </tr>
  );
}

function UploadForm({ onUploaded }: { onUploaded(): void }) {
  const { s, l } = useSot();
  const { point } = usePoint();
  const [category, setCategory] = useState<DocumentCategory>('avtal');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const save = useSave();
  const e = save.errors;
  const id = fieldId('file');
  const labels: Record<string, string> = {
    file: s('doc.file'),
    category: s('doc.category'),
    title: s('doc.title'),
  };
  return (
    <section aria-labelledby="upload-title" className="sot-form-section">
      <h3 id="upload-title">{s('doc.upload')}</h3>
      <Feedback state={save} />
      <ErrorList errors={e} labels={(p) => labels[p]} idPrefix="upload" />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const clientErrors: Record<string, string> = file ? {} : { file: s('doc.noFile') };
          const body = new FormData();
          body.set('category', category);
          if (title.trim()) body.set('title', title.trim());
          if (file) body.set('file', file, file.name);
          const ok = await save.run(
            () => api.post(sotApi.part(point.id, 'documents'), body),
            s('doc.uploadedOk', { name: file?.name ?? '' }),
            clientErrors,
          );
          if (ok) {
            setFile(null);
            setTitle('');
            if (input.current) input.current.value = '';
            onUploaded();
          }
        }}
      >
        <div className={`field${e.file ? ' has-error' : ''}`}>
          <label htmlFor={id}>{s('doc.file')}</label>
          <p className="hint" id={`${id}-hint`}>
            {s('doc.fileHint')}
          </p>
          {e.file && (
            <p className="field-error" id={`${id}-error`}>
              {e.file}
            </p>
          )}
          <input
            ref={input}
            id={id}
            name="file"
            type="file"
            accept={ACCEPT}
            aria-invalid={e.file ? true : undefined}
            aria-describedby={`${id}-hint${e.file ? ` ${id}-error` : ''}`}
            onChange={(ev) => setFile(ev.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field-row">
          <SelectField
            path="category"
            label={s('doc.category')}
            value={category}
            error={e.category}
            onChange={(v) => setCategory(v as DocumentCategory)}
            options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: l(DOCUMENT_CATEGORY_LABELS[c]) }))}
          />
          <TextField path="title" label={s('doc.title')} value={title} error={e.title} onChange={setTitle} />
        </div>
        <FormActions saving={save.saving} label={s('doc.uploadButton')} savingLabel={s('doc.uploading')} />
      </form>
    </section>
  );
}
