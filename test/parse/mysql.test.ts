import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMysqlStatement } from '../../server/src/core/parse/mysql';
import { recoverStatement } from '../../server/src/core/parse/fallback';
import type { AlterAction, ColumnDef, Fact, Span, TableDef } from '../../server/src/core/model/types';
import { lowerFile, snapshotJson } from '../helpers/snapshot';

// Non-ASCII (incl. a surrogate pair) before every statement: spans must be UTF-16 file offsets.
const PREFIX = '-- schéma « test » 表 😀\n';

/**
 * Lowers one statement the way the file layer does: node-sql-parser's verdict, then the token walk (trusted), or
 * recovery when node-sql-parser rejects valid MySQL it does not know (BOOL, NVARCHAR, RENAME INDEX, ALTER COLUMN …).
 */
function parse(sql: string) {
  const file = PREFIX + sql;
  const res = parseMysqlStatement(sql, PREFIX.length, 'mysql');
  const facts = res.error ? recoverStatement(sql, PREFIX.length, 'mysql') : res.facts;
  assert.ok(!res.error || facts.length, `no facts from: ${sql} (${res.error})`);
  return { facts, status: res.error ? 'recovered' : 'parsed', at: (s: Span | undefined) => (s ? file.slice(s.start, s.end) : undefined) };
}

function table(sql: string) {
  const p = parse(sql);
  assert.equal(p.facts.length, 1);
  const f = p.facts[0];
  assert.equal(f.kind, 'createTable');
  return { ...p, t: (f as Extract<Fact, { kind: 'createTable' }>).table };
}

function col(t: TableDef, name: string): ColumnDef {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name}`);
  return c;
}

function alter(sql: string) {
  const p = parse(sql);
  assert.equal(p.facts.length, 1);
  const f = p.facts[0] as Extract<Fact, { kind: 'alterTable' }>;
  assert.equal(f.kind, 'alterTable');
  return { ...p, f, a: f.actions };
}

function action<K extends AlterAction['action']>(a: AlterAction[], kind: K, i = 0): Extract<AlterAction, { action: K }> {
  const found = a.filter((x) => x.action === kind);
  assert.ok(found[i], `action ${kind}`);
  return found[i] as Extract<AlterAction, { action: K }>;
}

test('column basics: raw type as written, normalized type, unsigned, nullability, default, auto_increment', () => {
  const { t, at } = table(
    'CREATE TABLE `shop`.`Users` (\n  `id` INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,\n  nom VARCHAR (255) NULL DEFAULT \'Zoë\',\n  score decimal(8,2) DEFAULT -1.5\n)',
  );
  assert.deepEqual(t.name, { schema: 'shop', name: 'Users' });
  assert.equal(at(t.origin.parts?.name), '`shop`.`Users`');
  assert.equal(at(t.origin.parts?.keyword), 'CREATE TABLE');
  const id = col(t, 'id');
  assert.equal(id.rawType, 'INT(10) UNSIGNED');
  assert.deepEqual(id.type, { name: 'integer', length: 10, unsigned: true });
  assert.equal(id.nullable, false);
  assert.equal(id.autoIncrement, 'auto_increment');
  assert.equal(at(id.origin.span), '`id` INT(10) UNSIGNED NOT NULL AUTO_INCREMENT');
  assert.equal(at(id.origin.parts?.name), '`id`');
  assert.equal(at(id.origin.parts?.type), 'INT(10) UNSIGNED');
  assert.equal(at(id.origin.parts?.nullability), 'NOT NULL');
  const nom = col(t, 'nom');
  assert.equal(nom.rawType, 'VARCHAR (255)');
  assert.equal(nom.nullable, true);
  assert.equal(nom.default, "'Zoë'");
  assert.equal(at(nom.origin.parts?.default), "'Zoë'");
  assert.equal(at(nom.origin.parts?.nullability), 'NULL');
  assert.equal(col(t, 'score').default, '-1.5');
});

test('trap: NOT NULL UNIQUE DEFAULT keeps NOT NULL (and the inline unique)', () => {
  const { t, at, status } = table("CREATE TABLE t (email varchar(50) NOT NULL UNIQUE DEFAULT 'x', code int NOT NULL UNIQUE KEY)");
  assert.equal(status, 'parsed');
  const email = col(t, 'email');
  assert.equal(email.nullable, false);
  assert.equal(email.default, "'x'");
  assert.equal(at(email.origin.parts?.nullability), 'NOT NULL');
  const uniques = t.constraints.filter((k) => k.kind === 'unique');
  assert.deepEqual(
    uniques.map((k) => [k.columns, k.inline, at(k.origin.span)]),
    [
      [['email'], true, 'UNIQUE'],
      [['code'], true, 'UNIQUE KEY'],
    ],
  );
  assert.equal(col(t, 'code').nullable, false);
});

test('CHARACTER SET / CHARSET / COLLATE / COMMENT on columns, ON UPDATE is not part of the default', () => {
  const { t, at } = table(
    "CREATE TABLE t (a varchar(10) CHARACTER SET latin1 COLLATE latin1_bin COMMENT 'l''été \\\\ ok', b text CHARSET utf8mb4, c timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, d varchar(40) BINARY DEFAULT NULL)",
  );
  const a = col(t, 'a');
  assert.equal(a.charset, 'latin1');
  assert.equal(a.collation, 'latin1_bin');
  assert.equal(a.comment, "l'été \\ ok");
  assert.equal(col(t, 'b').charset, 'utf8mb4');
  const c = col(t, 'c');
  assert.equal(c.default, 'CURRENT_TIMESTAMP');
  assert.equal(at(c.origin.span), 'c timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP');
  assert.equal(col(t, 'd').rawType, 'varchar(40)');
  assert.equal(col(t, 'd').default, 'NULL');
});

test('generated columns: VIRTUAL and STORED, with and without GENERATED ALWAYS', () => {
  const { t } = table('CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a  *  2) STORED, c int AS (a + 1), d varchar(9) AS (concat(a, \'x\')) VIRTUAL)');
  assert.deepEqual(col(t, 'b').generated, { expression: 'a * 2', stored: true });
  assert.deepEqual(col(t, 'c').generated, { expression: 'a + 1', stored: false });
  assert.deepEqual(col(t, 'd').generated, { expression: "concat(a, 'x')", stored: false });
});

test('inline PRIMARY KEY and REFERENCES', () => {
  const { t, at } = table('CREATE TABLE t (id bigint PRIMARY KEY, owner_id bigint REFERENCES users (id) ON DELETE SET NULL)');
  assert.equal(col(t, 'id').nullable, false);
  const [pk, fk] = t.constraints;
  assert.equal(pk.kind, 'primary');
  assert.equal(pk.inline, true);
  assert.equal(at(pk.origin.span), 'PRIMARY KEY');
  assert.equal(at(pk.columnSpans?.[0]), 'id');
  assert.equal(fk.kind, 'foreign');
  assert.deepEqual(fk.references, { table: { name: 'users' }, columns: ['id'], onDelete: 'set null' });
  assert.equal(at(fk.origin.span), 'REFERENCES users (id) ON DELETE SET NULL');
  assert.equal(at(fk.origin.parts?.references), 'users (id)');
});

test('table-level keys: PRIMARY KEY, UNIQUE KEY → unique constraint, KEY → index, FULLTEXT/SPATIAL → method', () => {
  const { t, at } = table(
    'CREATE TABLE t (id int NOT NULL, email varchar(100), bio text, pt point NOT NULL,\n' +
      '  PRIMARY KEY USING BTREE (`id`),\n' +
      '  UNIQUE KEY `uq_email` (`email`),\n' +
      '  UNIQUE INDEX uq_prefix (email(20)),\n' +
      '  KEY `idx_email` (email(10) DESC, id),\n' +
      '  INDEX (bio(5)) USING HASH COMMENT \'x\',\n' +
      '  FULLTEXT KEY ft_bio (bio),\n' +
      '  SPATIAL INDEX sp (pt))',
  );
  const pk = t.constraints.find((k) => k.kind === 'primary')!;
  assert.deepEqual(pk.columns, ['id']);
  assert.equal(at(pk.origin.span), 'PRIMARY KEY USING BTREE (`id`)');
  assert.equal(at(pk.origin.parts?.columns), '(`id`)');
  assert.equal(at(pk.columnSpans?.[0]), '`id`');
  const uq = t.constraints.find((k) => k.kind === 'unique')!;
  assert.equal(uq.name, 'uq_email');
  assert.equal(at(uq.origin.parts?.name), '`uq_email`');
  assert.equal(at(uq.origin.parts?.keyword), 'UNIQUE KEY');
  assert.equal(t.constraints.length, 2);

  const byName = (n: string | undefined) => t.indexes.find((i) => i.name === n)!;
  const prefixUnique = byName('uq_prefix');
  assert.equal(prefixUnique.unique, true);
  assert.deepEqual(prefixUnique.keys.map((k) => [k.column, k.prefixLength]), [['email', 20]]);
  const idx = byName('idx_email');
  assert.equal(idx.unique, false);
  assert.deepEqual(idx.table, { name: 't' });
  assert.equal(at(idx.origin.span), 'KEY `idx_email` (email(10) DESC, id)');
  assert.equal(at(idx.origin.parts?.name), '`idx_email`');
  assert.equal(at(idx.origin.parts?.keyword), 'KEY');
  assert.equal(at(idx.origin.parts?.columns), '(email(10) DESC, id)');
  assert.deepEqual(
    idx.keys.map((k) => [k.column, k.prefixLength, k.order, at(k.span)]),
    [
      ['email', 10, 'desc', 'email(10) DESC'],
      ['id', undefined, undefined, 'id'],
    ],
  );
  const anon = byName(undefined);
  assert.equal(anon.method, 'hash');
  assert.equal(at(anon.origin.span), "INDEX (bio(5)) USING HASH COMMENT 'x'");
  assert.equal(byName('ft_bio').method, 'fulltext');
  assert.equal(at(byName('ft_bio').origin.parts?.keyword), 'FULLTEXT KEY');
  assert.equal(byName('sp').method, 'spatial');
});

test('CONSTRAINT … FOREIGN KEY … REFERENCES … ON DELETE / ON UPDATE, and CHECK', () => {
  const { t, at } = table(
    'CREATE TABLE o (id int, cid int, n int,\n  CONSTRAINT `fk_o_c` FOREIGN KEY (`cid`) REFERENCES `db`.`customers` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,\n  CONSTRAINT chk_n CHECK (n > 0),\n  FOREIGN KEY idx_n (n) REFERENCES other(x))',
  );
  const [fk, chk, fk2] = t.constraints;
  assert.equal(fk.name, 'fk_o_c');
  assert.deepEqual(fk.columns, ['cid']);
  assert.deepEqual(fk.references, { table: { schema: 'db', name: 'customers' }, columns: ['id'], onDelete: 'cascade', onUpdate: 'no action' });
  assert.equal(at(fk.origin.span), 'CONSTRAINT `fk_o_c` FOREIGN KEY (`cid`) REFERENCES `db`.`customers` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
  assert.equal(at(fk.origin.parts?.name), '`fk_o_c`');
  assert.equal(at(fk.origin.parts?.keyword), 'FOREIGN KEY');
  assert.equal(at(fk.origin.parts?.columns), '(`cid`)');
  assert.equal(at(fk.origin.parts?.references), '`db`.`customers` (`id`)');
  assert.equal(at(fk.columnSpans?.[0]), '`cid`');
  assert.equal(chk.kind, 'check');
  assert.equal(chk.name, 'chk_n');
  assert.equal(chk.expression, 'n > 0');
  assert.equal(at(chk.origin.span), 'CONSTRAINT chk_n CHECK (n > 0)');
  assert.equal(fk2.name, 'idx_n'); // MySQL uses the index name when CONSTRAINT gives none
  assert.deepEqual(fk2.references?.table, { name: 'other' });
});

test('table options: ENGINE, DEFAULT CHARSET, COLLATE, COMMENT (values as written)', () => {
  const { t } = table("CREATE TEMPORARY TABLE IF NOT EXISTS t (a int) ENGINE = InnoDB AUTO_INCREMENT=5 DEFAULT CHARACTER SET = utf8mb4 COLLATE=utf8mb4_bin ROW_FORMAT=DYNAMIC COMMENT='Données'");
  assert.equal(t.engine, 'InnoDB');
  assert.equal(t.charset, 'utf8mb4');
  assert.equal(t.collation, 'utf8mb4_bin');
  assert.equal(t.comment, 'Données');
  assert.equal(t.temporary, true);
  const { facts } = parse('CREATE TABLE IF NOT EXISTS t (a int) ENGINE=MyISAM, DEFAULT CHARSET=latin1');
  assert.equal((facts[0] as Extract<Fact, { kind: 'createTable' }>).ifNotExists, true);
  assert.equal((facts[0] as Extract<Fact, { kind: 'createTable' }>).table.charset, 'latin1');
});

test('CREATE TABLE … LIKE and CREATE TABLE … AS SELECT give no table', () => {
  assert.deepEqual(parse('CREATE TABLE t2 LIKE t1').facts, []);
  assert.deepEqual(parse('CREATE TABLE t2 (LIKE t1)').facts, []);
  assert.deepEqual(parse('CREATE TABLE t2 AS SELECT * FROM t1').facts, []);
});

test('MySQL executable comments are code: the column inside /*!50705 … */ is a column', () => {
  const { t, at } = table('CREATE TABLE a (id int NOT NULL,\n  /*!50705 location GEOMETRY NOT NULL,*/\n  x int)');
  assert.deepEqual(t.columns.map((c) => c.name), ['id', 'location', 'x']);
  assert.equal(at(col(t, 'location').origin.span), 'location GEOMETRY NOT NULL');
});

test('names keep their case and lose their quotes; "…" in a name position is a name (ANSI_QUOTES)', () => {
  const { t } = table('CREATE TABLE `My Table` (`Weird``Name` int, CamelCase int)');
  assert.equal(t.name.name, 'My Table');
  assert.deepEqual(t.columns.map((c) => c.name), ['Weird`Name', 'CamelCase']);
  const ansi = table('CREATE TABLE "t" ("a" int DEFAULT "x", KEY "k" ("a"))');
  assert.equal(ansi.t.name.name, 't');
  assert.equal(col(ansi.t, 'a').default, '"x"');
  assert.deepEqual(ansi.t.indexes.map((i) => [i.name, i.keys[0].column]), [['k', 'a']]);
});

test('SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT', () => {
  const { t } = table('CREATE TABLE t (id SERIAL)');
  const id = col(t, 'id');
  assert.equal(id.autoIncrement, 'auto_increment');
  assert.equal(id.nullable, false);
  assert.deepEqual(id.type, { name: 'bigint', unsigned: true });
});

test('CREATE INDEX: prefix key (node-sql-parser sees a function call), order, USING, spans', () => {
  const sql = 'CREATE UNIQUE INDEX `idx_name` USING BTREE ON `db`.`users` (name(10), `created_at` DESC, (lower(email))) ALGORITHM=INPLACE';
  const { facts, at, status } = parse(sql);
  assert.equal(status, 'parsed');
  assert.equal(facts.length, 1);
  const f = facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  const i = f.index;
  assert.equal(i.name, 'idx_name');
  assert.deepEqual(i.table, { schema: 'db', name: 'users' });
  assert.equal(i.unique, true);
  assert.equal(i.method, 'btree');
  assert.equal(at(f.span), sql);
  assert.equal(at(i.origin.span), sql);
  assert.equal(at(i.origin.parts?.name), '`idx_name`');
  assert.equal(at(i.origin.parts?.keyword), 'UNIQUE INDEX');
  assert.equal(at(i.origin.parts?.columns), '(name(10), `created_at` DESC, (lower(email)))');
  assert.deepEqual(
    i.keys.map((k) => [k.column, k.prefixLength, k.expression, k.order, at(k.span)]),
    [
      ['name', 10, undefined, undefined, 'name(10)'],
      ['created_at', undefined, undefined, 'desc', '`created_at` DESC'],
      [undefined, undefined, 'lower(email)', undefined, '(lower(email))'],
    ],
  );
});

test('CREATE FULLTEXT / SPATIAL INDEX, USING after the keys', () => {
  const ft = parse('CREATE FULLTEXT INDEX ft ON posts (title, body)').facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  assert.equal(ft.index.method, 'fulltext');
  assert.equal(ft.index.unique, false);
  const h = parse('CREATE INDEX h ON t (a) USING HASH').facts[0] as Extract<Fact, { kind: 'createIndex' }>;
  assert.equal(h.index.method, 'hash');
});

test('ALTER TABLE: ADD COLUMN / INDEX / KEY / UNIQUE / CONSTRAINT FOREIGN KEY / PRIMARY KEY, several actions', () => {
  const { f, a, at } = alter(
    "ALTER TABLE `db`.`orders` ADD COLUMN note varchar(20) NOT NULL DEFAULT '' AFTER id, ADD INDEX idx_c (customer_id), ADD KEY (placed_at), ADD UNIQUE KEY uq_ref (ref), ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE, ADD PRIMARY KEY (id)",
  );
  assert.deepEqual(f.table, { schema: 'db', name: 'orders' });
  assert.equal(at(f.nameSpan), '`db`.`orders`');
  assert.deepEqual(
    a.map((x) => x.action),
    ['addColumn', 'addIndex', 'addIndex', 'addConstraint', 'addConstraint', 'addConstraint'],
  );
  const add = action(a, 'addColumn');
  assert.equal(add.column.name, 'note');
  assert.equal(add.column.nullable, false);
  assert.equal(at(add.column.origin.span), "note varchar(20) NOT NULL DEFAULT ''"); // AFTER id is a position, not the definition
  const idx = action(a, 'addIndex');
  assert.equal(idx.index.name, 'idx_c');
  assert.deepEqual(idx.index.table, { schema: 'db', name: 'orders' });
  assert.equal(at(idx.index.origin.span), 'INDEX idx_c (customer_id)');
  const uq = action(a, 'addConstraint', 0).constraint;
  assert.deepEqual([uq.kind, uq.name, uq.columns], ['unique', 'uq_ref', ['ref']]);
  const fk = action(a, 'addConstraint', 1).constraint;
  assert.equal(fk.kind, 'foreign');
  assert.equal(fk.name, 'fk_c');
  assert.equal(fk.references?.onDelete, 'cascade');
  assert.equal(at(fk.origin.span), 'CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE');
  assert.equal(action(a, 'addConstraint', 2).constraint.kind, 'primary');
});

test('ALTER TABLE: DROP COLUMN / INDEX / KEY / FOREIGN KEY / PRIMARY KEY', () => {
  const { a, at } = alter('ALTER TABLE t DROP COLUMN old, DROP legacy, DROP INDEX i2, DROP KEY k3, DROP FOREIGN KEY fk_old, DROP PRIMARY KEY');
  assert.deepEqual(
    a.map((x) => [x.action, 'name' in x ? x.name : undefined, 'span' in x ? at(x.span) : undefined]),
    [
      ['dropColumn', 'old', 'DROP COLUMN old'],
      ['dropColumn', 'legacy', 'DROP legacy'],
      ['dropIndex', 'i2', 'DROP INDEX i2'],
      ['dropIndex', 'k3', 'DROP KEY k3'],
      ['dropConstraint', 'fk_old', 'DROP FOREIGN KEY fk_old'],
      ['dropPrimaryKey', undefined, 'DROP PRIMARY KEY'],
    ],
  );
});

test('ALTER TABLE: MODIFY, CHANGE, RENAME COLUMN / INDEX / TO', () => {
  const { a, at } = alter('ALTER TABLE t MODIFY COLUMN a bigint unsigned NOT NULL FIRST, CHANGE b b2 int NULL, RENAME COLUMN x TO y, RENAME INDEX i3 TO i4, RENAME TO t2');
  const m = action(a, 'modifyColumn', 0);
  assert.equal(m.from, 'a');
  assert.equal(m.column.rawType, 'bigint unsigned');
  assert.equal(m.column.type.unsigned, true);
  assert.equal(m.column.nullable, false);
  assert.equal(at(m.column.origin.span), 'a bigint unsigned NOT NULL');
  const c = action(a, 'modifyColumn', 1);
  assert.deepEqual([c.from, c.column.name, c.column.nullable], ['b', 'b2', true]);
  assert.equal(at(c.column.origin.parts?.name), 'b2');
  const rc = action(a, 'renameColumn');
  assert.deepEqual([rc.from, rc.to, at(rc.span)], ['x', 'y', 'RENAME COLUMN x TO y']);
  const ri = action(a, 'renameIndex');
  assert.deepEqual([ri.from, ri.to], ['i3', 'i4']);
  const rt = action(a, 'renameTable');
  assert.deepEqual(rt.to, { name: 't2' });
  assert.equal(at(rt.span), 'RENAME TO t2');
});

test('ALTER TABLE: ALTER [COLUMN] … SET DEFAULT / DROP DEFAULT', () => {
  const { a, at } = alter("ALTER TABLE t ALTER COLUMN z SET DEFAULT 'a b', ALTER w DROP DEFAULT");
  const set = action(a, 'setDefault');
  assert.deepEqual([set.name, set.default, at(set.span)], ['z', "'a b'", "ALTER COLUMN z SET DEFAULT 'a b'"]);
  const drop = action(a, 'dropDefault');
  assert.deepEqual([drop.name, at(drop.span)], ['w', 'ALTER w DROP DEFAULT']);
});

test('ALTER TABLE: ENGINE= / DEFAULT CHARSET= / CONVERT TO CHARACTER SET → setOptions', () => {
  const { a, at } = alter('ALTER TABLE t ENGINE=InnoDB, DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin, ALGORITHM=INPLACE');
  assert.deepEqual(
    a.map((x) => x.action === 'setOptions' && [x.engine, x.charset, x.collation, at(x.span)]),
    [
      ['InnoDB', undefined, undefined, 'ENGINE=InnoDB'],
      [undefined, 'utf8mb4', 'utf8mb4_bin', 'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'],
    ],
  );
  const conv = alter('ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci').a;
  assert.deepEqual(conv.map((x) => x.action === 'setOptions' && [x.charset, x.collation]), [['utf8mb4', 'utf8mb4_unicode_ci']]);
});

test('ALTER TABLE setOptions: CONVERT TO is marked convert; the charset and collation names have spans', () => {
  const conv = alter("ALTER TABLE t CONVERT TO CHARSET 'utf8' COLLATE utf8_unicode_ci, ALGORITHM=COPY");
  const c = action(conv.a, 'setOptions');
  assert.deepEqual([c.convert, c.charset, c.collation, conv.at(c.charsetSpan), conv.at(c.collationSpan)], [true, 'utf8', 'utf8_unicode_ci', "'utf8'", 'utf8_unicode_ci']);
  const def = alter('ALTER TABLE t DEFAULT CHARACTER SET = utf8mb3, COLLATE = utf8mb3_bin');
  assert.deepEqual(
    def.a.map((x) => x.action === 'setOptions' && [x.convert, x.charset, x.collation, def.at(x.charsetSpan), def.at(x.collationSpan)]),
    [
      [undefined, 'utf8mb3', undefined, 'utf8mb3', undefined],
      [undefined, undefined, 'utf8mb3_bin', undefined, 'utf8mb3_bin'],
    ],
  );
  const engine = action(alter('ALTER TABLE t ENGINE=InnoDB').a, 'setOptions');
  assert.deepEqual(Object.keys(engine).sort(), ['action', 'engine', 'span']);
});

test('charset and collation parts: columns, table options, CREATE/ALTER DATABASE (the names as written)', () => {
  const { t, at } = table(
    "CREATE TABLE `t` (a varchar(10) CHARACTER SET utf8 COLLATE utf8_bin NOT NULL, b text CHARSET `utf8mb3`, c char(2) COLLATE 'utf8_general_ci', d int) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE = UTF8_UNICODE_CI",
  );
  const parts = (c: ColumnDef) => [at(c.origin.parts?.charset), at(c.origin.parts?.collation)];
  assert.deepEqual(parts(col(t, 'a')), ['utf8', 'utf8_bin']);
  assert.deepEqual(parts(col(t, 'b')), ['`utf8mb3`', undefined]);
  assert.deepEqual(parts(col(t, 'c')), [undefined, "'utf8_general_ci'"]);
  assert.deepEqual(parts(col(t, 'd')), [undefined, undefined]);
  assert.deepEqual([at(t.origin.parts?.charset), at(t.origin.parts?.collation)], ['utf8', 'UTF8_UNICODE_CI']);
  const db = parse('CREATE DATABASE IF NOT EXISTS shop DEFAULT CHARACTER SET = utf8 DEFAULT COLLATE utf8_general_ci');
  const f = db.facts[0] as Extract<Fact, { kind: 'database' }>;
  assert.deepEqual([db.at(f.charsetSpan), db.at(f.collationSpan)], ['utf8', 'utf8_general_ci']);
  const alt = parse('ALTER DATABASE shop CHARSET utf8mb4');
  const g = alt.facts[0] as Extract<Fact, { kind: 'database' }>;
  assert.deepEqual([alt.at(g.charsetSpan), g.collationSpan], ['utf8mb4', undefined]);
});

test('RENAME TABLE a TO b, c TO d: one fact per pair', () => {
  const { facts, at } = parse('RENAME TABLE a TO b, `db`.c TO d');
  assert.deepEqual(
    facts.map((f) => f.kind === 'renameTable' && [f.from, f.to, at(f.span)]),
    [
      [{ name: 'a' }, { name: 'b' }, 'a TO b'],
      [{ schema: 'db', name: 'c' }, { name: 'd' }, '`db`.c TO d'],
    ],
  );
});

test('DROP TABLE [IF EXISTS] a, b and DROP INDEX i ON t', () => {
  const d = parse('DROP TABLE IF EXISTS a, `b`').facts;
  assert.deepEqual(d, [{ kind: 'dropTable', tables: [{ name: 'a' }, { name: 'b' }], ifExists: true, span: d[0].span }]);
  const i = parse('DROP INDEX `idx` ON db.t').facts;
  assert.deepEqual(i, [{ kind: 'dropIndex', names: [{ name: 'idx' }], table: { schema: 'db', name: 't' }, span: i[0].span }]);
});

test('CREATE VIEW, CREATE DATABASE … CHARACTER SET … COLLATE, transactions', () => {
  const v = parse('CREATE OR REPLACE ALGORITHM=MERGE VIEW `v_active` AS SELECT 1');
  const fv = v.facts[0] as Extract<Fact, { kind: 'createView' }>;
  assert.deepEqual([fv.kind, fv.name, v.at(fv.nameSpan)], ['createView', { name: 'v_active' }, '`v_active`']);
  const db = parse('CREATE DATABASE shop DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci').facts;
  assert.deepEqual(db.map((f) => f.kind === 'database' && [f.charset, f.collation]), [['utf8mb4', 'utf8mb4_unicode_ci']]);
  assert.deepEqual(parse('CREATE DATABASE plain').facts, []);
  const alt = parse('ALTER SCHEMA shop DEFAULT CHARSET = latin1').facts;
  assert.deepEqual(alt.map((f) => f.kind === 'database' && [f.charset, f.collation]), [['latin1', undefined]]);
  for (const [sql, control] of [
    ['START TRANSACTION', 'begin'],
    ['BEGIN', 'begin'],
    ['COMMIT', 'commit'],
    ['ROLLBACK', 'rollback'],
  ] as const) {
    const f = parse(sql).facts;
    assert.deepEqual(f.map((x) => x.kind === 'transaction' && x.control), [control], sql);
  }
});

test('statements without schema facts skip the parser; rejected DDL returns an error and no facts', () => {
  assert.deepEqual(parseMysqlStatement("INSERT INTO t VALUES (1, 'x')", 0, 'mysql'), { facts: [] });
  assert.deepEqual(parseMysqlStatement('CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1', 0, 'mysql'), { facts: [] });
  const r = parseMysqlStatement('CREATE TABLE t (a NVARCHAR(10))', 0, 'mysql');
  assert.deepEqual(r.facts, []);
  assert.match(r.error ?? '', /node-sql-parser/);
  // valid MySQL node-sql-parser does not know: the file layer recovers it with the same walk
  const rec = recoverStatement('CREATE TABLE t (a NVARCHAR(10) NOT NULL, b bool)', 0, 'mysql');
  const tt = (rec[0] as Extract<Fact, { kind: 'createTable' }>).table;
  assert.deepEqual(tt.columns.map((c) => [c.name, c.rawType, c.nullable]), [['a', 'NVARCHAR(10)', false], ['b', 'bool', true]]);
});

test('never throws: every prefix of a realistic statement', () => {
  const sql = readFileSync(join(__dirname, 'fixtures/mysql/shop.sql'), 'utf8');
  const stmt = sql.slice(sql.indexOf('CREATE TABLE `customers`'), sql.indexOf(';', sql.indexOf('CREATE TABLE `customers`')));
  for (let i = 0; i <= stmt.length; i += 3) {
    const r = parseMysqlStatement(stmt.slice(0, i), 0, 'mysql');
    assert.ok(Array.isArray(r.facts));
  }
});

// ---------------------------------------------------------------------------------------------------------------
// snapshot: a realistic MySQL schema, statement by statement, as the file layer would lower it



test('snapshot: fixtures/mysql/shop.sql', () => {
  const dir = join(__dirname, 'fixtures/mysql');
  const text = readFileSync(join(dir, 'shop.sql'), 'utf8');
  const actual = snapshotJson(text, lowerFile(text, 'mysql'));
  const expectedPath = join(dir, 'shop.expected.json');
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(expectedPath, actual);
  assert.equal(actual, readFileSync(expectedPath, 'utf8'));
});
