import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeType, formatType } from '../../server/src/core/parse/sqltype';
import type { Dialect, NormalizedType } from '../../server/src/core/model/types';

function cases(dialect: Dialect, table: [string, NormalizedType][]): void {
  for (const [raw, expected] of table) {
    test(`${dialect}: ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(normalizeType(raw, dialect), expected);
    });
  }
}

cases('postgresql', [
  ['int', { name: 'integer' }],
  ['INT4', { name: 'integer' }],
  ['integer', { name: 'integer' }],
  ['int8', { name: 'bigint' }],
  ['int2', { name: 'smallint' }],
  ['serial', { name: 'integer' }],
  ['bigserial', { name: 'bigint' }],
  ['smallserial', { name: 'smallint' }],
  ['serial8', { name: 'bigint' }],
  ['float8', { name: 'double precision' }],
  ['double  precision', { name: 'double precision' }],
  ['float4', { name: 'real' }],
  ['real', { name: 'real' }],
  ['float', { name: 'double precision' }],
  ['float(24)', { name: 'real' }],
  ['float(25)', { name: 'double precision' }],
  ['decimal(12, 4)', { name: 'numeric', precision: 12, scale: 4 }],
  ['numeric(5)', { name: 'numeric', precision: 5, scale: 0 }],
  ['numeric', { name: 'numeric' }],
  ['varchar', { name: 'varchar' }],
  ['character varying(255)', { name: 'varchar', length: 255 }],
  ['VARCHAR(20)', { name: 'varchar', length: 20 }],
  ['char', { name: 'char', length: 1 }],
  ['character(3)', { name: 'char', length: 3 }],
  ['bpchar', { name: 'char' }],
  ['bool', { name: 'boolean' }],
  ['boolean', { name: 'boolean' }],
  ['timestamp', { name: 'timestamp' }],
  ['timestamp without time zone', { name: 'timestamp' }],
  ['timestamp(6) without time zone', { name: 'timestamp', precision: 6 }],
  ['timestamptz', { name: 'timestamptz' }],
  ['timestamp with time zone', { name: 'timestamptz' }],
  ['TIMESTAMP(3) WITH TIME ZONE', { name: 'timestamptz', precision: 3 }],
  ['time', { name: 'time' }],
  ['time with time zone', { name: 'timetz' }],
  ['timetz', { name: 'timetz' }],
  ['uuid', { name: 'uuid' }],
  ['json', { name: 'json' }],
  ['jsonb', { name: 'jsonb' }],
  ['bytea', { name: 'bytea' }],
  ['text[]', { name: 'text', array: 1 }],
  ['integer[][]', { name: 'integer', array: 2 }],
  ['int[3]', { name: 'integer', array: 1 }],
  ['text ARRAY', { name: 'text', array: 1 }],
  ['character varying(255)[]', { name: 'varchar', length: 255, array: 1 }],
  ['_int4', { name: 'integer', array: 1 }],
  ['_text', { name: 'text', array: 1 }],
  ['pg_catalog.int8', { name: 'bigint' }],
  ['public.mood', { name: 'mood' }],
  ['app.mood', { name: 'app.mood' }],
  ['"MyEnum"', { name: 'MyEnum' }],
  ['"char"', { name: '"char"' }],
  ['interval', { name: 'interval' }],
  ['interval day to second(3)', { name: 'interval', precision: 3 }],
  ['bit', { name: 'bit', length: 1 }],
  ['bit varying(8)', { name: 'varbit', length: 8 }],
  ['citext', { name: 'citext' }],
  ['geometry(Point, 4326)', { name: 'geometry' }],
  ['numeric(/* é */ 10, 2) -- money', { name: 'numeric', precision: 10, scale: 2 }],
]);

cases('mysql', [
  ['int', { name: 'integer' }],
  ['INTEGER', { name: 'integer' }],
  ['int(11)', { name: 'integer', length: 11 }],
  ['int(10) unsigned', { name: 'integer', length: 10, unsigned: true }],
  ['INT UNSIGNED ZEROFILL', { name: 'integer', unsigned: true }],
  ['int zerofill', { name: 'integer', unsigned: true }],
  ['tinyint(1)', { name: 'tinyint', length: 1 }],
  ['tinyint', { name: 'tinyint' }],
  ['smallint', { name: 'smallint' }],
  ['mediumint(8) unsigned', { name: 'mediumint', length: 8, unsigned: true }],
  ['bigint(20) unsigned', { name: 'bigint', length: 20, unsigned: true }],
  ['serial', { name: 'bigint', unsigned: true }],
  ['boolean', { name: 'tinyint', length: 1 }],
  ['double', { name: 'double precision' }],
  ['double precision', { name: 'double precision' }],
  ['real', { name: 'double precision' }],
  ['double(10,2)', { name: 'double precision', precision: 10, scale: 2 }],
  ['float', { name: 'float' }],
  ['float(7,4)', { name: 'float', precision: 7, scale: 4 }],
  ['float(53)', { name: 'double precision' }],
  ['decimal(10,2)', { name: 'numeric', precision: 10, scale: 2 }],
  ['numeric(8)', { name: 'numeric', precision: 8, scale: 0 }],
  ['dec', { name: 'numeric', precision: 10, scale: 0 }],
  ['fixed(6,3)', { name: 'numeric', precision: 6, scale: 3 }],
  ['decimal(10,2) unsigned', { name: 'numeric', precision: 10, scale: 2, unsigned: true }],
  ['varchar(191)', { name: 'varchar', length: 191 }],
  ['VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', { name: 'varchar', length: 255 }],
  ['varchar(10) binary', { name: 'varchar', length: 10 }],
  ['national varchar(10)', { name: 'varchar', length: 10 }],
  ['char(36)', { name: 'char', length: 36 }],
  ['char', { name: 'char', length: 1 }],
  ['tinytext', { name: 'tinytext' }],
  ['text', { name: 'text' }],
  ['mediumtext', { name: 'mediumtext' }],
  ['longtext', { name: 'longtext' }],
  ['blob', { name: 'blob' }],
  ['longblob', { name: 'longblob' }],
  ['datetime', { name: 'datetime' }],
  ['datetime(6)', { name: 'datetime', precision: 6 }],
  ['timestamp', { name: 'timestamp' }],
  ["enum('a','b')", { name: 'enum', values: ['a', 'b'] }],
  ["ENUM('it''s', 'back\\'slash', 'x')", { name: 'enum', values: ["it's", "back'slash", 'x'] }],
  ["set('r','w','x')", { name: 'set', values: ['r', 'w', 'x'] }],
  ['json', { name: 'json' }],
  ['bit(1)', { name: 'bit', length: 1 }],
  ['binary(16)', { name: 'binary', length: 16 }],
  ['varbinary(255)', { name: 'varbinary', length: 255 }],
  ['year(4)', { name: 'year', length: 4 }],
  ['year', { name: 'year' }],
  ['geometry', { name: 'geometry' }],
]);

cases('sqlite', [
  ['INTEGER', { name: 'integer' }],
  ['INT', { name: 'integer' }],
  ['TEXT', { name: 'text' }],
  ['REAL', { name: 'real' }],
  ['BLOB', { name: 'blob' }],
  ['NUMERIC', { name: 'numeric' }],
  ['DECIMAL(10,5)', { name: 'numeric', precision: 10, scale: 5 }],
  ['VARCHAR(40)', { name: 'varchar', length: 40 }],
  ['NVARCHAR(120)', { name: 'varchar', length: 120 }],
  ['VARYING CHARACTER(255)', { name: 'varchar', length: 255 }],
  ['CHARACTER(20)', { name: 'char', length: 20 }],
  ['BOOLEAN', { name: 'boolean' }],
  ['DATETIME', { name: 'datetime' }],
  ['DATE', { name: 'date' }],
  ['DOUBLE', { name: 'double precision' }],
  ['BIGINT', { name: 'bigint' }],
  ['UNSIGNED BIG INT', { name: 'bigint', unsigned: true }],
  ['', { name: '' }],
  ['   ', { name: '' }],
  ['SomeCustomThing', { name: 'somecustomthing' }],
]);

test('stops at column-definition clauses when given more than the type', () => {
  assert.deepEqual(normalizeType('int(11) unsigned NOT NULL AUTO_INCREMENT', 'mysql'), { name: 'integer', length: 11, unsigned: true });
  assert.deepEqual(normalizeType("varchar(20) DEFAULT 'x'", 'mysql'), { name: 'varchar', length: 20 });
  assert.deepEqual(normalizeType('INTEGER PRIMARY KEY AUTOINCREMENT', 'sqlite'), { name: 'integer' });
  assert.deepEqual(normalizeType('bigserial primary key', 'postgresql'), { name: 'bigint' });
  assert.deepEqual(normalizeType('point SRID 4326', 'mysql'), { name: 'point' });
  assert.deepEqual(normalizeType('timestamp with time zone not null', 'postgresql'), { name: 'timestamptz' });
});

test('never throws on junk', () => {
  for (const raw of ['(((', ')', "enum('unterminated", '"unterminated', '[]', ',,,', '\u0000', 'int(', 'a.b.c.', '-- x']) {
    for (const d of ['postgresql', 'mysql', 'sqlite'] as const) {
      const t = normalizeType(raw, d);
      assert.equal(typeof t.name, 'string');
      formatType(t, d);
    }
  }
  assert.deepEqual(normalizeType(undefined as unknown as string, 'postgresql'), { name: '' });
});

test('formatType renders per dialect', () => {
  assert.equal(formatType({ name: 'varchar', length: 255 }, 'postgresql'), 'varchar(255)');
  assert.equal(formatType({ name: 'numeric', precision: 10, scale: 2 }, 'postgresql'), 'numeric(10,2)');
  assert.equal(formatType({ name: 'numeric', precision: 10, scale: 2 }, 'mysql'), 'decimal(10,2)');
  assert.equal(formatType({ name: 'integer', length: 10, unsigned: true }, 'mysql'), 'int(10) unsigned');
  assert.equal(formatType({ name: 'integer', unsigned: true }, 'postgresql'), 'integer');
  assert.equal(formatType({ name: 'text', array: 2 }, 'postgresql'), 'text[][]');
  assert.equal(formatType({ name: 'timestamptz' }, 'postgresql'), 'timestamptz');
  assert.equal(formatType({ name: 'timestamptz', precision: 3 }, 'postgresql'), 'timestamp(3) with time zone');
  assert.equal(formatType({ name: 'enum', values: ['a', "b'c"] }, 'mysql'), "enum('a','b''c')");
  assert.equal(formatType({ name: 'MyEnum' }, 'postgresql'), '"MyEnum"');
  assert.equal(formatType({ name: 'double precision' }, 'mysql'), 'double');
});

test('formatType output normalizes back to the same type', () => {
  const samples: [string, Dialect][] = [
    ['character varying(255)', 'postgresql'],
    ['timestamp(3) with time zone', 'postgresql'],
    ['numeric(12,4)', 'postgresql'],
    ['integer[]', 'postgresql'],
    ['"MyEnum"', 'postgresql'],
    ['int(11) unsigned', 'mysql'],
    ["enum('a','b''c')", 'mysql'],
    ['decimal', 'mysql'],
    ['datetime(6)', 'mysql'],
    ['VARCHAR(40)', 'sqlite'],
  ];
  for (const [raw, d] of samples) {
    const t = normalizeType(raw, d);
    assert.deepEqual(normalizeType(formatType(t, d), d), t, raw);
  }
});
