// The portable full-text index on the test engine (SQLite, or PostgreSQL by env): Chinese
// words of two characters match, every word of a query is required, tenants stay apart and
// no user input can break out of the query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../src/server/platform/db/database.ts';
import {
  createFullTextIndex,
  dropFullTextIndex,
  fullTextMatchSql,
  indexDocument,
  removeDocument,
  searchDocuments,
} from '../../src/server/platform/search/full-text.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-deps.ts';

const INDEX = 'search_test_appeal';
const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';

const appeals: Array<{ id: string; tenantId: string; status: 'open' | 'closed'; text: string }> = [
  { id: 'a01', tenantId: TENANT_A, status: 'open', text: '楼上装修噪音太大，晚上十点还在施工' },
  { id: 'a02', tenantId: TENANT_A, status: 'closed', text: '广场舞音响噪音扰民，每天晚上八点开始' },
  { id: 'a03', tenantId: TENANT_A, status: 'open', text: '长华里社区3号楼暖气不热，已经三天了' },
  { id: 'a04', tenantId: TENANT_A, status: 'open', text: '5号楼供暖温度只有十五度，老人受不了' },
  { id: 'a05', tenantId: TENANT_A, status: 'open', text: '鼓楼街路面坑洼，雨天积水严重' },
  { id: 'a06', tenantId: TENANT_A, status: 'closed', text: '井盖丢失，晚上行人容易摔倒' },
  { id: 'a07', tenantId: TENANT_A, status: 'closed', text: '邻里关系和谐，感谢社区调解' },
  { id: 'a08', tenantId: TENANT_A, status: 'open', text: '小区垃圾清运不及时，气味难闻' },
  { id: 'a09', tenantId: TENANT_A, status: 'open', text: '路灯不亮，晚上出行不便' },
  { id: 'a10', tenantId: TENANT_A, status: 'open', text: '装修垃圾堆在楼道里没人清理' },
  { id: 'a11', tenantId: TENANT_A, status: 'open', text: '长华里社区停车位不足' },
  { id: 'a12', tenantId: TENANT_A, status: 'open', text: 'WiFi信号差，社区服务中心上不了网' },
  { id: 'b01', tenantId: TENANT_B, status: 'open', text: '工地夜间施工噪音扰民' },
  { id: 'b02', tenantId: TENANT_B, status: 'open', text: '暖气不热，室温太低' },
  { id: 'b03', tenantId: TENANT_B, status: 'open', text: '关于和谐社区建设的意见' },
  { id: 'b04', tenantId: TENANT_B, status: 'open', text: '道路坑洼，井盖松动' },
  { id: 'b05', tenantId: TENANT_B, status: 'closed', text: '楼下饭店油烟扰民' },
  { id: 'b06', tenantId: TENANT_B, status: 'open', text: '长华里社区3号楼电梯故障' },
  { id: 'b07', tenantId: TENANT_B, status: 'open', text: '小区绿化带杂草丛生' },
  { id: 'b08', tenantId: TENANT_B, status: 'open', text: '晚上十点以后还有噪音' },
];

let test: TestDatabase;
let db: Kysely<any>;
let engine: Engine;

const search = (tenantId: string, query: string, limit = 50) => searchDocuments(db, engine, INDEX, tenantId, query, limit);
const searchSorted = async (tenantId: string, query: string) => (await search(tenantId, query)).sort();

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.deps.db;
  engine = test.deps.engine;
  await createFullTextIndex(db, engine, INDEX);
  await db.schema
    .createTable('appeal_fixture')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('tenant_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .execute();
  for (const appeal of appeals) {
    await db.insertInto('appeal_fixture').values({ id: appeal.id, tenant_id: appeal.tenantId, status: appeal.status }).execute();
    await indexDocument(db, engine, INDEX, appeal.tenantId, appeal.id, appeal.text);
  }
});

afterAll(async () => {
  await test?.close();
});

describe('full-text search', () => {
  it('finds only the matching documents of the searching tenant', async () => {
    expect(await searchSorted(TENANT_A, '噪音')).toEqual(['a01', 'a02']);
    expect(await searchSorted(TENANT_B, '噪音')).toEqual(['b01', 'b08']);
  });

  it.each([
    ['和谐', ['a07']],
    ['暖气', ['a03']],
    ['井盖', ['a06']],
    ['坑洼', ['a05']],
    ['供暖', ['a04']],
    ['wifi', ['a12']],
    ['ＷＩＦＩ', ['a12']],
  ])('matches the word %s', async (query, expected) => {
    expect(await searchSorted(TENANT_A, query)).toEqual(expected);
  });

  it('finds a place name by its parts and as a whole', async () => {
    expect(await searchSorted(TENANT_A, '长华里')).toEqual(['a03', 'a11']);
    expect(await searchSorted(TENANT_A, '长华里社区')).toEqual(['a03', 'a11']);
    expect(await searchSorted(TENANT_A, '社区')).toEqual(['a03', 'a07', 'a11', 'a12']);
    expect(await searchSorted(TENANT_B, '和谐社区')).toEqual(['b03']);
  });

  it('tells house numbers apart', async () => {
    expect(await searchSorted(TENANT_A, '3号楼')).toEqual(['a03']);
    expect(await searchSorted(TENANT_A, '５号楼')).toEqual(['a04']);
  });

  it('requires every word of the query', async () => {
    expect(await searchSorted(TENANT_A, '晚上')).toEqual(['a01', 'a02', 'a06', 'a09']);
    expect(await searchSorted(TENANT_A, '晚上 噪音')).toEqual(['a01', 'a02']);
    expect(await searchSorted(TENANT_A, '装修噪音')).toEqual(['a01']);
    expect(await searchSorted(TENANT_A, '装修 暖气')).toEqual([]);
  });

  it('ignores stop words and punctuation in the query', async () => {
    expect(await searchSorted(TENANT_A, '我们的噪音！')).toEqual(['a01', 'a02']);
  });

  it('returns nothing for a query without words, and honours the limit', async () => {
    expect(await search(TENANT_A, '')).toEqual([]);
    expect(await search(TENANT_A, '的了吗？！')).toEqual([]);
    expect(await search(TENANT_A, '晚上', 2)).toHaveLength(2);
    expect(await search(TENANT_A, '晚上', 0)).toEqual([]);
  });

  it.each([
    ['" OR 1=1 --', []],
    ['*', []],
    ['NEAR(', []],
    ['NEAR(噪音 扰民)', []],
    ["'", []],
    ['\\', []],
    ['噪音" OR "施工', []],
    ["噪音'; drop table appeal_fixture; --", []],
    ['body:噪音', []],
    ['噪音*', ['a01', 'a02']],
    ['-噪音', ['a01', 'a02']],
    ['^噪音 AND', []],
    ['(噪音) & !扰民 | 晚上', ['a02']],
  ])('treats %j as plain words', async (query, expected) => {
    expect(await searchSorted(TENANT_A, query)).toEqual(expected);
    const matched = await db.selectFrom('appeal_fixture').select('id').where(sql<boolean>`id in (${fullTextMatchSql(engine, INDEX, TENANT_A, query)})`).execute();
    expect(matched.map((row) => row.id).sort()).toEqual(expected);
  });

  it('rejects index names that are not plain identifiers', async () => {
    await expect(searchDocuments(db, engine, 'x; drop table appeal_fixture', TENANT_A, '噪音', 5)).rejects.toThrow(/invalid full-text index name/);
    expect(() => fullTextMatchSql(engine, 'Search-Index', TENANT_A, '噪音')).toThrow(/invalid full-text index name/);
  });
});

describe('index maintenance', () => {
  it('replaces the text of a document indexed again', async () => {
    await indexDocument(db, engine, INDEX, TENANT_A, 'u01', '下水道堵塞，污水外溢');
    expect(await search(TENANT_A, '下水道')).toEqual(['u01']);
    await indexDocument(db, engine, INDEX, TENANT_A, 'u01', '楼顶漏水，屋内潮湿');
    expect(await search(TENANT_A, '下水道')).toEqual([]);
    expect(await search(TENANT_A, '漏水')).toEqual(['u01']);
    const rows = await sql<{ count: number }>`select count(*) as count from ${sql.id(INDEX)} where doc_id = ${'u01'}`.execute(db);
    expect(Number(rows.rows[0]!.count)).toBe(1);
  });

  it('indexes inside a caller transaction and rolls back with it', async () => {
    await db.transaction().execute((trx) => indexDocument(trx, engine, INDEX, TENANT_A, 'u02', '消防通道被占用'));
    expect(await search(TENANT_A, '消防通道')).toEqual(['u02']);
    await expect(
      db.transaction().execute(async (trx) => {
        await indexDocument(trx, engine, INDEX, TENANT_A, 'u03', '消防通道堆放杂物');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await search(TENANT_A, '消防通道')).toEqual(['u02']);
  });

  it('removes a document, but only for its own tenant', async () => {
    await indexDocument(db, engine, INDEX, TENANT_B, 'u04', '楼道灯坏了');
    await removeDocument(db, engine, INDEX, TENANT_A, 'u04');
    expect(await search(TENANT_B, '楼道')).toEqual(['u04']);
    await removeDocument(db, engine, INDEX, TENANT_B, 'u04');
    expect(await search(TENANT_B, '楼道')).toEqual([]);
  });

  it('creates idempotently and drops an index', async () => {
    await createFullTextIndex(db, engine, INDEX);
    expect(await searchSorted(TENANT_A, '噪音')).toEqual(['a01', 'a02']);

    await createFullTextIndex(db, engine, 'search_test_dropped');
    await indexDocument(db, engine, 'search_test_dropped', TENANT_A, 'd01', '噪音');
    expect(await searchDocuments(db, engine, 'search_test_dropped', TENANT_A, '噪音', 5)).toEqual(['d01']);
    await dropFullTextIndex(db, engine, 'search_test_dropped');
    await expect(searchDocuments(db, engine, 'search_test_dropped', TENANT_A, '噪音', 5)).rejects.toThrow();
    await dropFullTextIndex(db, engine, 'search_test_dropped');
  });
});

describe('fullTextMatchSql', () => {
  it('combines full-text search with other filters in one query', async () => {
    const openMatching = (tenantId: string, query: string) =>
      db
        .selectFrom('appeal_fixture')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'open')
        .where(sql<boolean>`${sql.ref('appeal_fixture.id')} in (${fullTextMatchSql(engine, INDEX, tenantId, query)})`)
        .orderBy('id')
        .execute();
    expect((await openMatching(TENANT_A, '噪音')).map((row) => row.id)).toEqual(['a01']);
    expect((await openMatching(TENANT_A, '晚上')).map((row) => row.id)).toEqual(['a01', 'a09']);
    expect((await openMatching(TENANT_B, '扰民')).map((row) => row.id)).toEqual(['b01']);
  });

  it('keeps tenants apart and matches nothing for a query without words', async () => {
    const matching = async (tenantId: string, query: string) =>
      (await db.selectFrom('appeal_fixture').select('id').where(sql<boolean>`id in (${fullTextMatchSql(engine, INDEX, tenantId, query)})`).orderBy('id').execute()).map(
        (row) => row.id,
      );
    expect(await matching(TENANT_B, '暖气')).toEqual(['b02']);
    expect(await matching(TENANT_A, '。。。')).toEqual([]);
  });
});
