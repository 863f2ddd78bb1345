/** Replay semantics: generated names, drops by those names, name clashes, renames, migration order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import { analyze, initCore } from '../helpers/workspace';
import { compareMigrations } from '../../server/src/core/model/order';
import { makeObjectName } from '../../server/src/core/model/names';

function schemaOf(files: Record<string, string>) {
  const a = new Analyzer();
  analyze(files, {}, a);
  return a.lastSchemas()[0];
}

test('PostgreSQL generated names let later migrations drop unnamed keys', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/001.sql': 'CREATE TABLE cl (id serial PRIMARY KEY, community_id int, language_id int, UNIQUE (community_id, language_id));',
    '/p/migrations/002.sql': 'ALTER TABLE cl DROP COLUMN id, ADD PRIMARY KEY (community_id, language_id), DROP CONSTRAINT cl_community_id_language_id_key;',
  });
  const t = s.tables.get('cl')!;
  assert.deepEqual(t.constraints.map((c) => [c.kind, c.name, c.generatedName]), [['primary', 'cl_pkey', true]]);
});

test('generated index and FK names follow PostgreSQL, numbered on clash, trimmed to 63 bytes', async () => {
  await initCore();
  const s = schemaOf({
    '/p/schema.sql': `CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
CREATE INDEX ON b (a_id);
CREATE INDEX ON b (a_id);
CREATE INDEX ON b (lower(a_id::text));`,
  });
  const b = s.tables.get('b')!;
  assert.deepEqual(b.indexes.map((i) => i.name), ['b_a_id_idx', 'b_a_id_idx1', 'b_expr_idx']);
  assert.equal(b.constraints.find((c) => c.kind === 'foreign')!.name, 'b_a_id_fkey');
  const long = makeObjectName('a_really_long_table_name_that_goes_on_and_on', 'and_a_long_column_name_too', 'key');
  assert.equal(long.length, 63);
  assert.equal(long, 'a_really_long_table_name_that_go_and_a_long_column_name_too_key');
});

test('MySQL generated names: PRIMARY, first column, <table>_ibfk_N', async () => {
  await initCore();
  const s = schemaOf({
    '/m/schema.sql': '-- schemawise: dialect=mysql\nCREATE TABLE `p` (`id` int NOT NULL, `c` int, `d` int, PRIMARY KEY (`id`), KEY (`c`), KEY (`c`, `d`), FOREIGN KEY (`c`) REFERENCES `p` (`id`)) ENGINE=InnoDB;\nALTER TABLE `p` DROP INDEX `c_2`;',
  });
  const t = s.tables.get('p')!;
  assert.deepEqual(t.indexes.map((i) => i.name), ['c']);
  assert.deepEqual(t.constraints.map((c) => c.name), ['PRIMARY', 'p_ibfk_1']);
});

test('a second constraint of the same name is ignored, FK names may repeat across tables', async () => {
  await initCore();
  const s = schemaOf({
    '/p/a.sql': 'CREATE TABLE u (id int PRIMARY KEY, e text, CONSTRAINT u_e UNIQUE (e));',
    '/p/b.sql': `ALTER TABLE ONLY u ADD CONSTRAINT u_e UNIQUE (e);
CREATE TABLE x (id int PRIMARY KEY, u_id int, CONSTRAINT fk_user FOREIGN KEY (u_id) REFERENCES u (id));
CREATE TABLE y (id int PRIMARY KEY, u_id int, CONSTRAINT fk_user FOREIGN KEY (u_id) REFERENCES u (id));`,
  });
  assert.equal(s.tables.get('u')!.constraints.filter((c) => c.kind === 'unique').length, 1);
  assert.equal(s.tables.get('y')!.constraints.filter((c) => c.kind === 'foreign').length, 1);
});

test('migrations replay in version order, not path order; down migrations are ignored', async () => {
  await initCore();
  assert.ok(compareMigrations('/m/9_a.sql', '/m/10_b.sql') < 0);
  assert.ok(compareMigrations('/m/V1_2__x.sql', '/m/V1_10__y.sql') < 0);
  assert.ok(compareMigrations('/p/migrations/20231010_init/migration.sql', '/p/migrations/20240101_next/migration.sql') < 0);
  assert.ok(compareMigrations('/m/00000000000000000001_a.sql', '/m/2_b.sql') < 0);
  const s = schemaOf({
    '/p/migrations/10_rename.sql': 'ALTER TABLE t RENAME COLUMN a TO b;',
    '/p/migrations/9_create.sql': 'CREATE TABLE t (id int PRIMARY KEY, a int);',
    '/p/migrations/10_rename.down.sql': 'ALTER TABLE t RENAME COLUMN b TO a;',
  });
  assert.deepEqual(s.tables.get('t')!.columns.map((c) => c.name), ['id', 'b']);
});

test('each statement knows whether its table existed before its file', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/1.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
    '/p/migrations/2.sql': 'CREATE TABLE n (id int PRIMARY KEY);\nCREATE INDEX ON n (id);\nCREATE INDEX ON t (id);',
  });
  const two = s.statements.filter((x) => x.file === '/p/migrations/2.sql');
  assert.deepEqual(two.map((x) => x.tableExistedBeforeFile), [false, false, true]);
});

test('MySQL effective charset and collation: column, else table, else database; utf8 = utf8mb3', async () => {
  await initCore();
  const s = schemaOf({
    '/m/s.sql': `-- schemawise: dialect=mysql
CREATE DATABASE shop DEFAULT CHARACTER SET utf8;
CREATE TABLE a (id int PRIMARY KEY, x varchar(10), y varchar(10) CHARACTER SET latin1, z varchar(10) COLLATE utf8mb4_bin) ENGINE=InnoDB;
CREATE TABLE b (id int PRIMARY KEY, x varchar(10)) DEFAULT CHARSET=utf8mb4;`,
  });
  const a = s.tables.get('a')!;
  const col = (t: typeof a, n: string) => t.columns.find((c) => c.name === n)!;
  assert.deepEqual([col(a, 'x').effectiveCharset, col(a, 'x').effectiveCollation], ['utf8mb3', 'utf8mb3_general_ci']);
  assert.deepEqual([col(a, 'y').effectiveCharset, col(a, 'y').effectiveCollation], ['latin1', 'latin1_swedish_ci']);
  assert.deepEqual([col(a, 'z').effectiveCharset, col(a, 'z').effectiveCollation], ['utf8mb4', 'utf8mb4_bin']);
  const b = s.tables.get('b')!;
  assert.deepEqual([col(b, 'x').effectiveCharset, col(b, 'x').effectiveCollation], ['utf8mb4', 'utf8mb4_0900_ai_ci']);
});

test('MySQL CONVERT TO CHARACTER SET re-sets the table default and every string column; a binary one stays', async () => {
  await initCore();
  const s = schemaOf({
    '/m/migrations/001.sql': `-- schemawise: dialect=mysql
CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b varchar(10) CHARACTER SET latin1 COLLATE latin1_bin, c text COLLATE utf8_bin,
  d enum('x','y'), e char(4) CHARACTER SET binary, f varbinary(8), g int, h nvarchar(10)) DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;`,
    '/m/migrations/002.sql': `ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE t ADD COLUMN z varchar(10);`,
  });
  const t = s.tables.get('t')!;
  assert.deepEqual([t.charset, t.collation], ['utf8mb4', 'utf8mb4_unicode_ci']);
  const eff = (n: string) => {
    const c = t.columns.find((x) => x.name === n)!;
    return [c.effectiveCharset, c.effectiveCollation, c.charsetSetBy?.how];
  };
  for (const n of ['a', 'b', 'c', 'd', 'h']) assert.deepEqual(eff(n), ['utf8mb4', 'utf8mb4_unicode_ci', 'converted'], n);
  assert.deepEqual(eff('e'), ['binary', 'binary', undefined]);
  assert.deepEqual(eff('z'), ['utf8mb4', 'utf8mb4_unicode_ci', undefined]);
  for (const n of ['f', 'g']) assert.deepEqual(eff(n), [undefined, undefined, undefined], n);
  const b = t.columns.find((x) => x.name === 'b')!;
  assert.equal(b.charsetSetBy?.file, '/m/migrations/002.sql');
  // Without COLLATE: the character set's default collation, not the old one.
  const s2 = schemaOf({
    '/m/s.sql': `-- schemawise: dialect=mysql
CREATE TABLE t (id int PRIMARY KEY, a varchar(10) COLLATE latin1_german2_ci) DEFAULT CHARSET=latin1 COLLATE=latin1_bin;
ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;`,
  });
  const t2 = s2.tables.get('t')!;
  assert.deepEqual([t2.charset, t2.collation, t2.columns[1].effectiveCharset, t2.columns[1].effectiveCollation], ['utf8mb4', undefined, 'utf8mb4', 'utf8mb4_0900_ai_ci']);
});

test('MySQL DEFAULT CHARSET= changes only the table default: existing columns keep the old one, added ones take the new', async () => {
  await initCore();
  const s = schemaOf({
    '/m/s.sql': `-- schemawise: dialect=mysql
CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b varchar(10) CHARACTER SET ascii, n nchar(3)) DEFAULT CHARSET=latin1;
ALTER TABLE t DEFAULT CHARSET=utf8mb4, ADD COLUMN z varchar(10);
CREATE TABLE u (id int PRIMARY KEY, a varchar(10));
ALTER TABLE u COLLATE=utf8mb4_bin;`,
  });
  const t = s.tables.get('t')!;
  const eff = (tb: typeof t, n: string) => {
    const c = tb.columns.find((x) => x.name === n)!;
    return [c.effectiveCharset, c.effectiveCollation, c.charsetSetBy?.how];
  };
  assert.equal(t.charset, 'utf8mb4');
  assert.deepEqual(eff(t, 'a'), ['latin1', 'latin1_swedish_ci', 'kept']);
  assert.deepEqual(eff(t, 'b'), ['ascii', 'ascii_general_ci', undefined]);
  assert.deepEqual(eff(t, 'n'), ['utf8mb3', 'utf8mb3_general_ci', undefined]);
  assert.deepEqual(eff(t, 'z'), ['utf8mb4', 'utf8mb4_0900_ai_ci', undefined]);
  // u inherited the server's default: what it kept is unknown.
  const u = s.tables.get('u')!;
  assert.deepEqual([u.charset, u.collation], [undefined, 'utf8mb4_bin']);
  assert.deepEqual(eff(u, 'a'), [undefined, undefined, 'kept']);
});

test('MySQL: a new database default replaces both halves (a character set alone means its default collation)', async () => {
  await initCore();
  const s = schemaOf({
    '/m/s.sql': `-- schemawise: dialect=mysql
CREATE DATABASE shop DEFAULT CHARACTER SET latin1 COLLATE latin1_bin;
ALTER DATABASE shop CHARACTER SET utf8mb4;
CREATE TABLE t (id int PRIMARY KEY, a varchar(10));`,
  });
  assert.deepEqual(s.database, { charset: 'utf8mb4' });
  const a = s.tables.get('t')!.columns[1];
  assert.deepEqual([a.effectiveCharset, a.effectiveCollation], ['utf8mb4', 'utf8mb4_0900_ai_ci']);
});

test('ALTER INDEX … RENAME and RENAME CONSTRAINT follow the index, so a later drop by the new name finds it', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/1.sql': 'CREATE TABLE "User" (id int PRIMARY KEY, email text);\nCREATE UNIQUE INDEX "User_email_key" ON "User" (email);\nCREATE INDEX "User_email_idx" ON "User" (email);',
    '/p/migrations/2.sql': 'ALTER INDEX "User_email_idx" RENAME TO "User_email_lookup";\nDROP INDEX "User_email_lookup";\nALTER TABLE "User" RENAME CONSTRAINT "User_pkey" TO "user_pk";',
  });
  const t = s.tables.get('User')!;
  assert.deepEqual(t.indexes.map((i) => i.name), ['User_email_key']);
  assert.deepEqual(t.constraints.map((c) => c.name), ['user_pk']);
});

test('a pg_dump --clean preamble (drops IF EXISTS before any CREATE) leaves the keys the dump then creates', async () => {
  await initCore();
  const s = schemaOf({
    '/p/db/structure.sql': `ALTER TABLE IF EXISTS ONLY public.orders DROP CONSTRAINT IF EXISTS orders_pkey;
DROP INDEX IF EXISTS public.orders_customer_idx;
DROP TABLE IF EXISTS public.orders;
CREATE TABLE public.orders (id bigint NOT NULL, customer_id bigint);
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id);`,
  });
  const t = s.tables.get('orders')!;
  assert.deepEqual(t.constraints.map((c) => c.name), ['orders_pkey']);
  assert.deepEqual(t.indexes.map((i) => i.name), ['orders_customer_idx']);
});

test('declarations split over files apply whatever their path order (indexes.sql sorts before tables.sql)', async () => {
  await initCore();
  const s = schemaOf({
    '/p/schema/indexes.sql': 'CREATE INDEX t_a_idx ON t (a);\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id);',
    '/p/schema/tables.sql': 'CREATE TABLE t (id int NOT NULL, a int);',
  });
  const t = s.tables.get('t')!;
  assert.deepEqual(t.indexes.map((i) => i.name), ['t_a_idx']);
  assert.deepEqual(t.constraints.map((c) => c.kind), ['primary']);
});

test('an edit re-checks only the database it touches; the others keep their schema and findings', async () => {
  await initCore();
  const a = new Analyzer();
  const files: Record<string, string> = {
    '/r/migrations/1.postgres.up.sql': 'CREATE TABLE t (a int);',
    '/r/migrations/1.sqlite3.up.sql': 'CREATE TABLE u (a int);',
  };
  const r1 = analyze(files, {}, a);
  const [pg1, lite1] = ['postgresql', 'sqlite'].map((d) => a.lastSchemas().find((s) => s.dialect === d)!);
  files['/r/migrations/1.postgres.up.sql'] = 'CREATE TABLE t (a int, b int);';
  const r2 = analyze(files, {}, a);
  const [pg2, lite2] = ['postgresql', 'sqlite'].map((d) => a.lastSchemas().find((s) => s.dialect === d)!);
  assert.equal(lite2, lite1, 'the SQLite database was rebuilt for a PostgreSQL edit');
  assert.notEqual(pg2, pg1);
  assert.deepEqual(pg2.tables.get('t')!.columns.map((c) => c.name), ['a', 'b']);
  assert.deepEqual(r2.diagnostics.get('/r/migrations/1.sqlite3.up.sql'), r1.diagnostics.get('/r/migrations/1.sqlite3.up.sql'));
  // A config change rebuilds everything.
  analyze(files, { rules: { 'missing-primary-key': 'error' } }, a);
  assert.notEqual(a.lastSchemas().find((s) => s.dialect === 'sqlite'), lite1);
});

test('PostgreSQL names an unnamed CHECK after the one column its expression reads, else <table>_check', async () => {
  await initCore();
  const an = new Analyzer();
  analyze({ '/w/s.sql': "CREATE TABLE t (a int CHECK (a > 0), b int, c text, CHECK (b > a), CHECK (length(c) < 10 AND c <> 'b'));\nALTER TABLE t ADD CHECK (b > 1);\n" }, {}, an);
  assert.deepEqual(an.lastSchemas()[0].tables.get('t')!.constraints.map((c) => c.name), ['t_a_check', 't_check', 't_c_check', 't_b_check']);
});

test('migration timestamps of different precision sort as times (Prisma folders `20250625_x` beside `20250409154352_y`)', () => {
  assert.ok(compareMigrations('/p/migrations/20250409154352_a/migration.sql', '/p/migrations/20250625_b/migration.sql') < 0);
  assert.ok(compareMigrations('/p/migrations/20250625_b/migration.sql', '/p/migrations/20250626000000_c/migration.sql') < 0);
  // Plain sequence numbers still compare as numbers.
  assert.ok(compareMigrations('/m/9_a.sql', '/m/10_b.sql') < 0);
});

test('ALTER TYPE … RENAME TO renames the enum and the type of its columns; DROP TYPE drops it', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/1_init.sql': `CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'GUEST'); CREATE TABLE u (id int PRIMARY KEY, role "Role" NOT NULL, roles "Role"[]);`,
    '/p/migrations/2_drop_guest.sql': `CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
ALTER TABLE u ALTER COLUMN role TYPE "Role_new" USING (role::text::"Role_new");
ALTER TABLE u ALTER COLUMN roles TYPE "Role_new"[] USING (roles::text[]::"Role_new"[]);
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "public"."Role_new" RENAME TO "Role";
DROP TYPE "Role_old";`,
  });
  assert.deepEqual([...s.enums.values()].map((e) => [e.name.name, e.values]), [['Role', ['USER', 'ADMIN']]]);
  const cols = s.tables.get('u')!.columns;
  assert.deepEqual(cols.slice(1).map((c) => [c.type.name, c.type.array, c.rawType]), [['Role', undefined, '"Role"'], ['Role', 1, '"Role"[]']]);
});

test('dropping the default of a PostgreSQL serial column ends its auto-increment; an identity column keeps it', async () => {
  await initCore();
  const s = schemaOf({
    '/p/migrations/1.sql': 'CREATE TABLE a (id serial PRIMARY KEY, n int GENERATED BY DEFAULT AS IDENTITY);',
    '/p/migrations/2.sql': 'ALTER TABLE a ALTER COLUMN id DROP DEFAULT, ALTER COLUMN id SET DATA TYPE text, ALTER COLUMN n DROP DEFAULT;',
  });
  assert.deepEqual(s.tables.get('a')!.columns.map((c) => [c.name, c.autoIncrement]), [['id', undefined], ['n', 'identity']]);
});
