/**
 * Documents attached to a SOT-punkt: PDF, PNG and JPEG only, recognised by their first bytes
 * (a renamed text file is not a PDF), up to a size limit. The bytes are stored in the database
 * rather than the data directory: with PostgreSQL and several app instances there is no shared
 * disk, and backups then cover documents like every other row.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotDocuments } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { notFound, validationError } from '../errors.js';
import { loadPoint } from './access.js';
import { type DocumentCategory, documentCategorySchema } from './schemas.js';

export type DocumentMime = 'application/pdf' | 'image/png' | 'image/jpeg';

const TYPES: { mime: DocumentMime; magic: number[]; extensions: string[] }[] = [
  { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extensions: ['.pdf'] }, // %PDF-
  { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ['.png'] },
  { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff], extensions: ['.jpg', '.jpeg'] },
];

/** The document type from the file's first bytes, or null for anything else. */
export function detectDocumentType(bytes: Uint8Array): DocumentMime | null {
  for (const t of TYPES) if (t.magic.every((b, i) => bytes[i] === b)) return t.mime;
  return null;
}

/**
 * A file name safe for storage and for Content-Disposition: no directories, no control
 * characters, an extension that matches the content.
 */
export function safeFilename(name: string, mime: DocumentMime): string {
  const printable = [...path.basename(name.replaceAll('\\', '/'))]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('');
  const base = printable.trim() || 'dokument';
  const ext = path.extname(base).toLowerCase();
  const type = TYPES.find((t) => t.mime === mime)!;
  return type.extensions.includes(ext) ? base.slice(0, 200) : `${base.slice(0, 190)}${type.extensions[0]}`;
}

export interface DocumentInfo {
  id: number;
  pointId: number;
  filename: string;
  mime: DocumentMime;
  size: number;
  sha256: string;
  category: DocumentCategory;
  title: string | null;
  uploadedBy: number | null;
  uploadedByName: string | null;
  uploadedAt: string;
}

type Row = Omit<typeof sotDocuments.$inferSelect, 'bytes'>;

const { bytes: _bytes, ...metaColumns } = getTableColumns(sotDocuments);

const present = (r: Row): DocumentInfo => ({
  id: r.id,
  pointId: r.pointId,
  filename: r.filename,
  mime: r.mime as DocumentMime,
  size: r.size,
  sha256: r.sha256,
  category: r.category as DocumentCategory,
  title: r.title,
  uploadedBy: r.uploadedBy,
  uploadedByName: r.uploadedByName,
  uploadedAt: r.uploadedAt.toISOString(),
});

export interface UploadInput {
  filename: string;
  bytes: Buffer;
  category?: string;
  title?: string;
}

/** Stores a document after checking its type by content; 400 naming `file` otherwise. */
export async function uploadDocument(
  db: Db,
  actor: Actor,
  pointId: number,
  input: UploadInput,
): Promise<DocumentInfo> {
  const category = documentCategorySchema.safeParse(input.category ?? 'other');
  if (!category.success)
    throw validationError('Unknown document category', [
      { field: 'category', reason: category.error.issues[0].message },
    ]);
  const title = input.title?.trim().slice(0, 200) || null;
  if (input.bytes.length === 0)
    throw validationError('The file is empty', [{ field: 'file', reason: 'empty file' }]);
  const mime = detectDocumentType(input.bytes);
  if (!mime)
    throw validationError('Only PDF, PNG and JPEG documents can be attached', [
      { field: 'file', reason: 'the content is not a PDF, PNG or JPEG file (checked by its first bytes)' },
    ]);
  const ext = path.extname(input.filename).toLowerCase();
  const type = TYPES.find((t) => t.mime === mime)!;
  if (ext && !type.extensions.includes(ext))
    throw validationError('The file name does not match its content', [
      { field: 'file', reason: `the name ends in ${ext} but the content is ${mime}` },
    ]);
  const filename = safeFilename(input.filename, mime);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [row] = await tx
      .insert(sotDocuments)
      .values({
        pointId,
        filename,
        mime,
        size: input.bytes.length,
        sha256,
        category: category.data,
        title,
        uploadedBy: actor.userId,
        uploadedByName: actor.username,
        bytes: input.bytes,
      })
      .returning(metaColumns);
    const info = present(row);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_document',
      entityId: row.id,
      municipalityCode: point.municipalityCode,
      after: info,
    });
    return info;
  });
}

export async function listDocuments(db: DbOrTx, actor: Actor, pointId: number): Promise<DocumentInfo[]> {
  await loadPoint(db, actor, pointId);
  const rows = await db
    .select(metaColumns)
    .from(sotDocuments)
    .where(eq(sotDocuments.pointId, pointId))
    .orderBy(asc(sotDocuments.uploadedAt), asc(sotDocuments.id));
  return rows.map(present);
}

/** The document and its bytes, for download. */
export async function readDocument(
  db: DbOrTx,
  actor: Actor,
  pointId: number,
  id: number,
): Promise<{ info: DocumentInfo; bytes: Buffer }> {
  await loadPoint(db, actor, pointId);
  const [row] = await db.select().from(sotDocuments).where(eq(sotDocuments.id, id));
  if (!row || row.pointId !== pointId) throw notFound(`Document ${id}`);
  const { bytes, ...meta } = row;
  return { info: present(meta), bytes };
}

export async function deleteDocument(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [row] = await tx.select(metaColumns).from(sotDocuments).where(eq(sotDocuments.id, id));
    if (!row || row.pointId !== pointId) throw notFound(`Document ${id}`);
    await tx.delete(sotDocuments).where(eq(sotDocuments.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_document',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: present(row),
    });
  });
}

/** `attachment; filename="…"; filename*=UTF-8''…` with a plain-ASCII fallback for old clients. */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
