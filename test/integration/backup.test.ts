// A logical backup of a lived-in district restores into a fresh database with every row intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupTables, readBackup, writeBackup } from '../../src/cli/backup.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import { seedDemoAppeals } from '../../src/modules/appeal/server/appeal.demo.ts';
import { openDemoDatabase, openTestDatabase } from '../support/test-deps.ts';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('round-trips every table, attachments and the audit chain included', async () => {
    const source = await openDemoDatabase();
    await seedDemoAppeals(source.deps, { count: 120 });
    await source.deps.db.insertInto('attachment').values({
      id: '01a2189a-0000-7000-8000-000000000001', tenantId: source.deps.tenantId, caseId: null, uploadedBy: null, fileName: '照片.png',
      contentType: 'image/png', size: 4, sha256: 'x', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), createdAt: source.clock.now().toISOString(),
    }).execute();
    const file = join(dir, 'district.jsonl.gz');
    const written = await writeBackup(source.deps.db, file);
    const target = await openTestDatabase();
    const restored = await readBackup(target.deps.db, file);
    expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
    for (const table of backupTables()) {
      const [a, b] = await Promise.all([
        source.deps.db.selectFrom(table as 'case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        target.deps.db.selectFrom(table as 'case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      expect(Number(b.n), table).toBe(Number(a.n));
    }
    const photo = await target.deps.db.selectFrom('attachment').select('content').executeTakeFirstOrThrow();
    expect(Buffer.from(photo.content)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(await verifyAuditChain(target.deps.db, source.deps.tenantId)).toMatchObject({ ok: true });
    await expect(readBackup(target.deps.db, file)).rejects.toMatchObject({ code: 'conflict' });
    await source.close();
    await target.close();
  });
});
