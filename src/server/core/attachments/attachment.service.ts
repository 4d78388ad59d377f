// Photos and documents residents and staff attach to cases. The type is checked from the
// file's first bytes, not from what the client claims; content lives in the database so a
// backup carries it and a crash cannot leave a file without its row.
import { createHash } from 'node:crypto';
import { DomainError, notFound, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { actorId, requireSignedIn, type Actor } from '../../../shared/actor.ts';
import { requireCaseRead } from '../cases/case.service.ts';
import type { Db, Deps } from '../../deps.ts';
import { findVisibleCase } from '../cases/case.repository.ts';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export function sniffContentType(content: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(content))?.type ?? null;
}

/** A safe display name: no path, no control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim().slice(0, 120);
  return cleaned || 'attachment';
}

export async function storeAttachment(deps: Deps, actor: Actor, input: { content: Buffer; declaredType: string; fileName?: string | undefined; allowed: string[] }) {
  if (input.content.length === 0) throw validationError([{ field: 'body', message: 'The file is empty' }]);
  if (input.content.length > MAX_ATTACHMENT_BYTES) throw new DomainError('payload_too_large', `Files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const sniffed = sniffContentType(input.content);
  if (!sniffed || !input.allowed.includes(sniffed)) {
    throw new DomainError('unsupported_media_type', `The file is not one of: ${input.allowed.join(', ')}`, { field: 'body', detected: sniffed });
  }
  const id = newId();
  const row = {
    id, tenantId: deps.tenantId, caseId: null, uploadedBy: actorId(actor), fileName: cleanFileName(input.fileName), contentType: sniffed,
    size: input.content.length, sha256: createHash('sha256').update(input.content).digest('hex'), content: input.content, createdAt: deps.clock.now().toISOString(),
  };
  await deps.db.insertInto('attachment').values(row).execute();
  return { id, fileName: row.fileName, contentType: sniffed, size: row.size };
}

/** Links fresh, unlinked uploads to a new case inside its transaction; names the bad ones. */
export async function claimAttachments(trx: Db, deps: Deps, caseId: string, ids: string[], fieldPath: string) {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('attachment').select(['id', 'caseId']).where('tenantId', '=', deps.tenantId).where('id', 'in', ids).execute();
  const usable = new Set(rows.filter((r) => r.caseId === null).map((r) => r.id));
  const issues = ids.flatMap((id, i) => (usable.has(id) ? [] : [{ field: `${fieldPath}.${i}`, message: 'No such uploaded file (or it is already attached elsewhere)' }]));
  if (issues.length) throw validationError(issues);
  await trx.updateTable('attachment').set({ caseId }).where('id', 'in', ids).execute();
}

export async function readAttachment(deps: Deps, actor: Actor, id: string) {
  requireSignedIn(actor);
  const row = await deps.db.selectFrom('attachment').selectAll().where('tenantId', '=', deps.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Attachment');
  const ownUpload = row.caseId === null && row.uploadedBy !== null && row.uploadedBy === actorId(actor);
  if (!ownUpload) {
    requireCaseRead(actor);
    if (!row.caseId || !(await findVisibleCase(deps.db, deps.tenantId, actor, row.caseId, false))) throw notFound('Attachment');
  }
  return row;
}
