/**
 * An analyzer that lives through edits (parse reuse, model reuse, findings moved past the edit) must report
 * exactly what a fresh analyzer reports for the same text: findings, ranges, fixes, related locations.
 * Random edits include meaning-preserving ones (spaces, line breaks, comments) and meaning-changing ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../server/src/core/engine';
import { allDiagnostics, analyze, initCore } from '../helpers/workspace';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import type { SourceFile } from '../../server/src/core/api';
import { rng } from '../helpers/random';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

const INSERTS = [' ', ' ', '\n', '-- note\n', '/* c */', 'x', '_', ';', "'", '(', ',', 'CREATE INDEX ON t0 (parent_id);\n'];

function schema(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const pk = i % 7 === 3 ? '' : ' PRIMARY KEY';
    parts.push(
      `-- table ${i}\nCREATE TABLE t${i} (\n  id bigint${pk},\n  parent_id bigint REFERENCES t${Math.max(0, i - 1)} (id),\n  created_at timestamp DEFAULT now(),\n  price float,\n  flag boolean DEFAULT false\n);\n` +
        (i % 3 === 0 ? `CREATE INDEX t${i}_parent_idx ON t${i} (parent_id);\nCREATE INDEX t${i}_parent_idx2 ON t${i} (parent_id);\n` : ''),
    );
  }
  return parts.join('\n');
}

function fuzz(base: string, seed: number, edits: number, path = '/w/schema.sql', others: Record<string, string> = {}) {
  const rand = rng(seed);
  const live = new Analyzer();
  const config = mergeConfig(defaultConfig(), {});
  let text = base;
  // As the server does: the files not edited are the same objects from one analysis to the next.
  const list: SourceFile[] = [...Object.entries(others).map(([p, t]) => ({ path: p, text: t })), { path, text }];
  live.analyze(list, config);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * text.length);
    if (rand() < 0.75) text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 2));
    list[list.length - 1] = { path, text };
    const got = allDiagnostics(live.analyze(list, config));
    const want = allDiagnostics(analyze({ ...others, [path]: text }));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const k = got.findIndex((d, j) => JSON.stringify(d) !== JSON.stringify(want[j]));
      assert.fail(`edit ${i} (seed ${seed}) at ${at}: ${got.length} vs ${want.length} findings; first difference:\n got  ${JSON.stringify(got[k])}\n want ${JSON.stringify(want[k])}`);
    }
  }
}

/** Queries over the generated schema: served ones, ones no index serves, wrapped columns, pagination. */
function queries(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = `t${i % 40}`;
    out.push(
      `-- name: Q${i} :many\n` +
        [
          `SELECT id, price FROM ${t} WHERE parent_id = $1 ORDER BY created_at DESC LIMIT 20;`,
          `SELECT * FROM ${t} x JOIN t0 p ON p.id = x.parent_id WHERE x.price > $1 AND date(x.created_at) = $2;`,
          `UPDATE ${t} SET flag = true WHERE id = $1 AND created_at < now();`,
          `SELECT id FROM ${t} WHERE parent_id IN ($1, $2) OR flag ORDER BY id OFFSET $3;`,
        ][i % 4],
    );
  }
  return out.join('\n\n');
}

test('a living analyzer equals a fresh one after every random edit (generated schema, many rules firing)', async () => {
  await initCore();
  const text = schema(160);
  assert.ok(text.length > 16 * 1024);
  fuzz(text, 1, 120);
  fuzz(text, 2, 120);
});

test('a living analyzer equals a fresh one after every random edit (a real dump)', { skip: existsSync(CORPUS) ? false : 'shared corpus not found: skipped' }, async () => {
  await initCore();
  fuzz(readFileSync(join(CORPUS, 'postgresql', 'pagila', 'pagila-schema.sql'), 'utf8'), 3, 60);
});

test('a living analyzer equals a fresh one after every random edit in a query file, and in the schema its queries read', async () => {
  await initCore();
  const db = schema(40);
  const qs = queries(120);
  fuzz(qs, 4, 120, '/w/queries/app.sql', { '/w/schema.sql': db });
  fuzz(db, 5, 60, '/w/schema.sql', { '/w/queries/app.sql': qs });
  // A small query file (whole-file re-split path).
  fuzz(queries(12), 6, 80, '/w/queries/small.sql', { '/w/schema.sql': db });
});

/** A Prisma schema and a service file of queries over it (equality + range on an ERS-violating index, N+1, contains). */
const APP_PRISMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id        BigInt   @id @default(autoincrement())
  email     String   @unique
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id        BigInt   @id @default(autoincrement())
  authorId  BigInt
  status    String
  createdAt DateTime @default(now())
  author    User     @relation(fields: [authorId], references: [id])

  @@index([createdAt, status])
}
`;
const appService = (n: number) => `import { prisma } from './db';
export async function recent${n}(status: string, since: Date, page: number) {
  return prisma.post.findMany({ where: { status, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, take: 20, skip: page * 20 });
}
export async function byAuthor${n}(authorId: bigint) {
  return prisma.post.findMany({ where: { authorId } });
}
export async function each${n}(ids: bigint[]) {
  for (const id of ids) await prisma.user.findUnique({ where: { id } });
  return prisma.user.findMany({ where: { email: { contains: 'x' } } });
}
`;
const APP_DB = "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n";

test('a living analyzer equals a fresh one after every random edit in application code and in the Prisma schema it reads', async () => {
  await initCore();
  const others = { '/w/prisma/schema.prisma': APP_PRISMA, '/w/src/b.service.ts': appService(2), '/w/src/db.ts': APP_DB };
  fuzz(appService(1), 7, 60, '/w/src/a.service.ts', others);
  fuzz(APP_PRISMA, 8, 40, '/w/prisma/schema.prisma', { '/w/src/a.service.ts': appService(1), '/w/src/b.service.ts': appService(2) });
});

/** MySQL with charsets, an enum, inline keys and a FK between tables of different collations. */
function mysqlSchema(n: number): string {
  const parts: string[] = ["CREATE DATABASE shop DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"];
  for (let i = 0; i < n; i++) {
    const cs = i % 4 === 1 ? ' DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci' : ' DEFAULT CHARSET=utf8mb4';
    parts.push(
      `CREATE TABLE m${i} (\n  id int unsigned NOT NULL AUTO_INCREMENT,\n  parent_code varchar(20) DEFAULT NULL,\n  code varchar(20) NOT NULL,\n` +
        `  status enum('new','paid') DEFAULT 'new',\n  price double DEFAULT NULL,\n  created_at timestamp NULL DEFAULT NULL,\n` +
        `  PRIMARY KEY (id),\n  UNIQUE KEY m${i}_code (code),\n  KEY m${i}_status (status),\n  KEY m${i}_status_price (status, price),\n` +
        `  CONSTRAINT m${i}_parent FOREIGN KEY (parent_code) REFERENCES m${Math.max(0, i - 1)} (code)\n) ENGINE=InnoDB${cs};\n`,
    );
  }
  return parts.join('\n');
}

test('a living analyzer equals a fresh one after every random edit (MySQL: charsets, enums, keys across tables)', async () => {
  await initCore();
  const text = mysqlSchema(60);
  assert.ok(text.length > 16 * 1024);
  fuzz(text, 9, 100);
});

test('a living analyzer equals a fresh one after every random edit in the newest migration (renames, drops, keys across files)', async () => {
  await initCore();
  const first = schema(30);
  const second =
    'ALTER TABLE t3 RENAME TO t3_old;\nCREATE TABLE t3 (id bigint PRIMARY KEY, t3_old_id bigint REFERENCES t3_old (id), amount float);\n' +
    'ALTER TABLE t5 ADD COLUMN owner_id bigint REFERENCES t4 (id);\nDROP INDEX t6_parent_idx2;\nALTER TABLE t7 ALTER COLUMN price TYPE numeric(12,2);\n';
  const latest =
    'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  t3_id bigint REFERENCES t3 (id),\n  t5_id bigint,\n  commentable_type text,\n  commentable_id bigint,\n  deleted_at timestamp\n);\n' +
    'CREATE UNIQUE INDEX orders_t5 ON orders (t5_id);\nALTER TABLE t8 ADD CONSTRAINT t8_owner FOREIGN KEY (parent_id) REFERENCES orders (id);\nCREATE INDEX t9_flag ON t9 (flag);\n';
  fuzz(latest, 10, 100, '/w/migrations/003_orders.sql', { '/w/migrations/001_init.sql': first, '/w/migrations/002_change.sql': second });
  fuzz(second, 11, 60, '/w/migrations/002_change.sql', { '/w/migrations/001_init.sql': first, '/w/migrations/003_orders.sql': latest });
});

test('an edit in one table re-runs the per-table rules on that table and on the tables that looked it up, and the result equals a fresh analysis', async () => {
  await initCore();
  const { RULES } = await import('../../server/src/core/rules/registry');
  const seen = new Map<string, string[]>();
  const restore: (() => void)[] = [];
  for (const id of ['unindexed-foreign-key', 'foreign-key-type-mismatch']) {
    const rule = RULES.find((r) => r.meta.id === id)!;
    const original = rule.checkTable!;
    seen.set(id, []);
    rule.checkTable = (ctx, t) => {
      seen.get(id)!.push(t.key);
      original.call(rule, ctx, t);
    };
    restore.push(() => (rule.checkTable = original));
  }
  const calls = (id: string) => [...seen.get(id)!].sort();
  const reset = () => [...seen.values()].forEach((l) => (l.length = 0));
  try {
    const live = new Analyzer();
    let text = schema(40);
    analyze({ '/w/schema.sql': text }, {}, live);
    assert.equal(calls('unindexed-foreign-key').length, 40);
    // A letter typed into an index name of t9: t9 is judged again, and by the type rule t10 too (its key looked t9 up).
    reset();
    const at = text.indexOf('t9_parent_idx ') + 2;
    text = text.slice(0, at) + 'x' + text.slice(at);
    const got1 = allDiagnostics(analyze({ '/w/schema.sql': text }, {}, live));
    assert.deepEqual(calls('unindexed-foreign-key'), ['t9']);
    assert.deepEqual(calls('foreign-key-type-mismatch'), ['t10', 't9']);
    assert.deepEqual(got1, allDiagnostics(analyze({ '/w/schema.sql': text })));
    // t9's key changes type: the type rule now reports t10's key.
    reset();
    const col = text.indexOf('id bigint', text.indexOf('CREATE TABLE t9 '));
    text = text.slice(0, col) + 'id text' + text.slice(col + 'id bigint'.length);
    const got = allDiagnostics(analyze({ '/w/schema.sql': text }, {}, live));
    assert.deepEqual(calls('unindexed-foreign-key'), ['t9']);
    assert.deepEqual(calls('foreign-key-type-mismatch'), ['t10', 't9']);
    assert.deepEqual(got, allDiagnostics(analyze({ '/w/schema.sql': text })));
    assert.ok(got.some((d) => d.ruleId === 'foreign-key-type-mismatch' && d.message.includes('t10')));
  } finally {
    restore.forEach((f) => f());
  }
});

/** Prisma: relations across models, @map on referenced fields, enums used by other models, implicit m2m, @@map. */
function prismaSchema(n: number): string {
  const out = ['datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n', 'enum Status {\n  NEW\n  PAID @map("paid")\n}\n'];
  for (let i = 0; i < n; i++) {
    const prev = `M${Math.max(0, i - 1)}`;
    out.push(
      `/// model ${i}\nmodel M${i} {\n  id        Int      @id @default(autoincrement())\n  code      String   @unique @map("code_${i}")\n` +
        `  status    Status   @default(NEW)\n  price     Float\n  createdAt DateTime @default(now())\n` +
        (i > 0 ? `  parentId  Int\n  parent    ${prev} @relation("P${i}", fields: [parentId], references: [id])\n  parentCode String?\n  byCode    ${prev}? @relation("C${i}", fields: [parentCode], references: [code])\n` : '') +
        (i + 1 < n ? `  children  M${i + 1}[] @relation("P${i + 1}")\n  coded     M${i + 1}[] @relation("C${i + 1}")\n` : '') +
        (i % 4 === 0 ? `  tags      Tag[]\n` : '') +
        `\n  @@index([status, createdAt])\n  @@map("m_${i}")\n}\n`,
    );
  }
  out.push(`model Tag {\n  id     String @id\n  models ${Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 === 0).map((i) => `M${i}`)[0]}[]\n}\n`);
  return out.join('\n');
}

test('a living analyzer equals a fresh one after every random edit in a Prisma schema of related models (blocks lowered again only when they or what they read changed)', async () => {
  await initCore();
  const text = prismaSchema(14);
  fuzz(text, 12, 150, '/w/prisma/schema.prisma');
  fuzz(text, 13, 150, '/w/prisma/schema.prisma');
  // A schema folder: the enum and half the models in other files.
  const [head, ...models] = text.split('\n/// ');
  fuzz(head, 14, 60, '/w/prisma/schema/main.prisma', { '/w/prisma/schema/a.prisma': models.slice(0, 7).map((m) => '/// ' + m).join('\n'), '/w/prisma/schema/b.prisma': models.slice(7).map((m) => '/// ' + m).join('\n') });
  fuzz(models.slice(0, 7).map((m) => '/// ' + m).join('\n'), 15, 100, '/w/prisma/schema/a.prisma', { '/w/prisma/schema/main.prisma': head, '/w/prisma/schema/b.prisma': models.slice(7).map((m) => '/// ' + m).join('\n') });
});

test('an analyzer that keeps nothing (the CLI) reports exactly what one that keeps per-table findings reports', async () => {
  await initCore();
  const cases: Record<string, string>[] = [
    { '/w/schema.sql': schema(60) },
    { '/w/my.sql': mysqlSchema(30) },
    { '/w/prisma/schema.prisma': prismaSchema(10) },
    { '/w/migrations/001_init.sql': schema(20), '/w/migrations/002_more.sql': 'ALTER TABLE t3 ADD COLUMN owner_id bigint REFERENCES t4 (id);\nCREATE INDEX t5_flag ON t5 (flag);\n' },
  ];
  if (existsSync(CORPUS)) cases.push({ '/w/pagila.sql': readFileSync(join(CORPUS, 'postgresql', 'pagila', 'pagila-schema.sql'), 'utf8') });
  for (const files of cases) {
    const kept = allDiagnostics(analyze(files));
    const single = allDiagnostics(analyze(files, {}, new Analyzer({ reuse: false })));
    assert.ok(kept.length > 0);
    assert.deepEqual(single, kept, Object.keys(files).join(', '));
  }
});

test('a per-table rule gated by counts over all tables (missing-foreign-key) reports on every table when an edit in one opens the gate, and on none when it closes', async () => {
  await initCore();
  const parents = ['a', 'b', 'c', 'd', 'e'].map((n) => `CREATE TABLE ${n}s (id bigint PRIMARY KEY);\n`).join('');
  // Two declared references, three not: 2 / 5 is under the default 0.5, so the database is taken to do without.
  const closed =
    parents +
    'CREATE TABLE t1 (id bigint PRIMARY KEY, a_id bigint REFERENCES as (id));\n' +
    'CREATE TABLE t2 (id bigint PRIMARY KEY, b_id bigint REFERENCES bs (id));\n' +
    'CREATE TABLE t3 (id bigint PRIMARY KEY, c_id bigint);\n' +
    'CREATE TABLE t4 (id bigint PRIMARY KEY, d_id bigint);\n' +
    'CREATE TABLE t5 (id bigint PRIMARY KEY, e_id bigint);\n';
  const open = closed.replace('c_id bigint);', 'c_id bigint REFERENCES cs (id));');
  const live = new Analyzer();
  const count = (text: string, analyzer?: Analyzer) => {
    const got = allDiagnostics(analyze({ '/w/s.sql': text }, {}, analyzer));
    return { got, n: got.filter((d) => d.ruleId === 'missing-foreign-key').length };
  };
  assert.equal(count(closed, live).n, 0);
  const opened = count(open, live);
  assert.equal(opened.n, 2, 'd_id and e_id, in tables the edit did not touch');
  assert.deepEqual(opened.got, count(open).got);
  const reclosed = count(closed, live);
  assert.equal(reclosed.n, 0);
  assert.deepEqual(reclosed.got, count(closed).got);
});

/** Records what a rule is called on (a query's file, a table's key) until `restore()`. */
async function spy(id: string, method: 'checkQuery' | 'checkTable'): Promise<{ judged: string[]; restore: () => void }> {
  const { RULES } = await import('../../server/src/core/rules/registry');
  const rule = RULES.find((r) => r.meta.id === id)! as unknown as Record<string, (...args: unknown[]) => void>;
  const original = rule[method];
  const judged: string[] = [];
  rule[method] = (ctx: unknown, x: unknown, ...rest: unknown[]) => {
    judged.push(method === 'checkQuery' ? (x as { file: string }).file : (x as { key: string }).key);
    original.call(rule, ctx, x, ...rest);
  };
  return { judged, restore: () => (rule[method] = original) };
}

test('a letter typed into one service file of several re-judges only that file\'s queries, and the result equals a fresh analysis', async () => {
  await initCore();
  const { judged, restore } = await spy('query-without-index', 'checkQuery');
  try {
    const files: Record<string, string> = { '/w/prisma/schema.prisma': APP_PRISMA, '/w/src/db.ts': APP_DB };
    for (const n of [1, 2, 3, 4, 5]) files[`/w/src/s${n}.service.ts`] = appService(n);
    const live = new Analyzer();
    const first = allDiagnostics(analyze(files, {}, live));
    assert.equal(new Set(judged).size, 5);
    assert.ok(first.some((d) => d.ruleId === 'composite-index-order') && first.some((d) => d.ruleId === 'query-without-index'));
    for (const [k, typed] of ['y', 'yz', 'yz '].entries()) {
      judged.length = 0;
      const path = '/w/src/s3.service.ts';
      const base = appService(3);
      const at = base.indexOf("contains: 'x") + "contains: 'x".length;
      files[path] = base.slice(0, at) + typed + base.slice(at);
      const got = allDiagnostics(analyze(files, {}, live));
      assert.deepEqual([...new Set(judged)], [path], `edit ${k}: only the edited file's queries are judged again`);
      assert.deepEqual(got, allDiagnostics(analyze(files)));
    }
  } finally {
    restore();
  }
});

test('missing-foreign-key keeps its findings (and their fixes\' constraint names) on tables an edit did not touch', async () => {
  await initCore();
  const { judged, restore } = await spy('missing-foreign-key', 'checkTable');
  try {
    // Three declared references, two not (the fixes name their constraints), and a partitioned table whose
    // partition declares its key.
    let text =
      'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE shops (id bigint PRIMARY KEY);\n' +
      'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), shop_id bigint);\n' +
      'CREATE INDEX orders_user_idx ON orders (user_id);\n' +
      'CREATE TABLE carts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), shop_id bigint);\n' +
      'CREATE TABLE events (id bigint, user_id bigint, created_at timestamptz) PARTITION BY RANGE (created_at);\n' +
      "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n" +
      'ALTER TABLE events_2026 ADD CONSTRAINT events_2026_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n' +
      'CREATE TABLE reviews (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n';
    const live = new Analyzer();
    const first = allDiagnostics(analyze({ '/w/s.sql': text }, {}, live)).filter((d) => d.ruleId === 'missing-foreign-key');
    assert.equal(first.length, 2);
    assert.ok(first.some((d) => d.message.includes('orders')) && first.some((d) => d.message.includes('carts')));
    judged.length = 0;
    const at = text.indexOf('orders_user_idx') + 3;
    text = text.slice(0, at) + 'x' + text.slice(at);
    const got = allDiagnostics(analyze({ '/w/s.sql': text }, {}, live));
    assert.deepEqual(judged, ['orders'], 'only the edited table is judged again');
    assert.deepEqual(got, allDiagnostics(analyze({ '/w/s.sql': text })));
    // A constraint named like the one carts' fix would add: the fix picks the next name, so carts is judged again.
    judged.length = 0;
    text += 'ALTER TABLE reviews ADD CONSTRAINT carts_shop_id_fkey CHECK (id > 0);\n';
    const again = allDiagnostics(analyze({ '/w/s.sql': text }, {}, live));
    assert.ok(judged.includes('carts'));
    assert.deepEqual(again, allDiagnostics(analyze({ '/w/s.sql': text })));
    const fix = again.find((d) => d.ruleId === 'missing-foreign-key' && d.message.includes('carts'))!.fixes[0];
    assert.match(fix.edits[0].newText, /carts_shop_id_fkey1/);
  } finally {
    restore();
  }
});

test('typing in application code: a file whose calls move to another database, lose all calls or name a driver is read again with the rest, and equals a fresh analysis', async () => {
  await initCore();
  const entity = "import { Entity, PrimaryGeneratedColumn, Column, Index } from 'typeorm';\n@Entity('posts')\n@Index(['createdAt', 'status'])\nexport class Post {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() status: string;\n  @Column() createdAt: Date;\n}\n";
  const typeormService = "import { getRepository } from 'typeorm';\nimport { Post } from '../entities/post.entity';\nexport const recent = (status: string, since: Date) => getRepository(Post).find({ where: { status, createdAt: MoreThan(since) } });\n";
  const files: { path: string; text: string }[] = [
    { path: '/w/prisma/schema.prisma', text: APP_PRISMA },
    { path: '/w/src/db.ts', text: APP_DB },
    { path: '/w/src/entities/post.entity.ts', text: entity },
    { path: '/w/src/a.service.ts', text: appService(1) },
    { path: '/w/src/b.service.ts', text: appService(2) },
    { path: '/w/src/c.service.ts', text: typeormService },
  ];
  const config = (await import('../../server/src/core/config')).defaultConfig();
  const live = new Analyzer();
  const fresh = () => allDiagnostics(new Analyzer().analyze(files.map((f) => ({ ...f })), config));
  const step = (path: string, text: string) => {
    // The same array, changed in place: the analyzer must not take it for the one it saw last time.
    const i = files.findIndex((f) => f.path === path);
    files[i] = { path, text };
    const got = allDiagnostics(live.analyze(files, config));
    assert.deepEqual(got, fresh(), `after changing ${path}`);
    return got;
  };
  assert.deepEqual(allDiagnostics(live.analyze(files, config)), fresh());
  step('/w/src/a.service.ts', appService(1).replace("contains: 'x'", "contains: 'xy'"));
  assert.equal(live.lastParsedFile('/w/src/b.service.ts')?.source, 'prisma');
  // b's calls go: no database reads it any more.
  step('/w/src/b.service.ts', 'export const nothing = 1;\n');
  assert.equal(live.lastParsedFile('/w/src/b.service.ts'), undefined);
  // and come back, now as TypeORM calls.
  step('/w/src/b.service.ts', typeormService.replace('recent', 'recent2'));
  assert.equal(live.lastParsedFile('/w/src/b.service.ts')?.source, 'typeorm');
  // c names a MySQL DataSource: the TypeORM database becomes MySQL.
  const withDriver = step('/w/src/c.service.ts', typeormService + "\nexport const ds = new DataSource({ type: 'mysql', entities: [Post] });\n");
  assert.deepEqual(withDriver, fresh());
  step('/w/src/c.service.ts', typeormService);
});
