import type { Rule } from './types';
import type { Column, Schema, Table } from '../model/schema';
import { indexLookup, type TableIndex } from '../model/reads';
import { columnKey, displayName, findColumn, findTable, primaryKey } from '../model/schema';
import { describeIndex, describeKeys, indexesOf } from '../model/indexes';
import { capitalize } from './duplicate-index';

/** Column names that mark a row as soft-deleted when set, by default. `archived_at` is not one: an archived row (a project, a repository) usually still holds its name, so a unique key counting it is meant. */
const SOFT_DELETE = ['deleted_at', 'discarded_at'];

/** PostgreSQL types a soft-delete timestamp is written in (SQLite accepts any declared type: its types are affinities). */
const PG_TIMESTAMPS = new Set(['timestamp', 'timestamptz', 'date']);

/** Columns whose values are generated and never re-entered by a person: a unique on them never blocks re-creating a row. */
const GENERATED_VALUE = /(?:^|_)(?:uuid|guid|token|hash|digest|nonce|secret|checksum|(?:access|invite|invitation|api)_(?:code|key))$/i;

/**
 * A soft-delete table (a nullable `deleted_at` / `discarded_at` timestamp, or the columns the `columns` option names) with no partial index
 * on live rows, whose full UNIQUE constraints or unique indexes still count the soft-deleted rows: deleting a row
 * by setting `deleted_at` then blocks creating a new row with the same natural key (an email, a slug).
 * Not reported: uniques that include the soft-delete column or the primary key, uniques on generated values
 * (uuid, token, hash), uniques a foreign key references (a partial index cannot back a foreign key), and tables
 * that already have a partial index `WHERE <column> IS NULL` (the full uniques left there are deliberate).
 */
export const rule: Rule = {
  meta: {
    id: 'soft-delete-unindexed',
    type: 'suggestion',
    category: 'indexing',
    description: 'Unique keys of soft-delete tables should ignore soft-deleted rows',
    dialects: ['postgresql', 'sqlite'],
    defaultSeverity: 'hint',
    fixable: 'never',
    options: {
      columns: {
        type: 'string[]',
        default: SOFT_DELETE,
        description: 'Names of the nullable timestamp columns that mark a row as soft-deleted when set (e.g. add `archived_at` if archiving hides a row for good).',
      },
    },
    messages: {
      blocks: '{{index}} on `{{table}}({{keys}})` also counts soft-deleted rows, so a row with `{{column}}` set blocks re-creating one with the same `({{keys}})`',
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    const opt = ctx.options.columns;
    const names = Array.isArray(opt) ? opt.filter((x): x is string => typeof x === 'string') : SOFT_DELETE;
    if (t.unclosed || t.virtual || t.temporary) return;
    const col = softDeleteColumn(t, names);
    if (!col) return;
    const all = indexesOf(t);
    const colRe = new RegExp(`(?:^|[^\\w$"])"?${escapeRe(col.name.toLowerCase())}"?\\s+is\\s+null\\b`);
    if (all.some((ix) => ix.where !== undefined && colRe.test(ix.where))) return;
    const pk = primaryKey(t);
    const referenced = referencedKeys(ctx.schema, t);
    for (const ix of all) {
      if (!ix.unique || ix.kind === 'primary' || ix.where !== undefined) continue;
      if (ix.keys.some((k) => (k.column !== undefined ? columnKey(k.column, d) === columnKey(col.name, d) : mentions(k.expression ?? '', col.name)))) continue;
      const cols = ix.keys.map((k) => k.column).filter((c): c is string => c !== undefined);
      // A key that holds the whole primary key is unique anyway; a new row gets a new primary key.
      if (pk && pk.columns.length > 0 && pk.columns.every((p) => cols.some((c) => columnKey(c, d) === columnKey(p, d)))) continue;
      if (cols.length === ix.keys.length && cols.every((c) => generatedValue(t, c))) continue;
      if (cols.length === ix.keys.length && referenced.some((r) => sameSet(r, cols, d))) continue;
      const table = displayName(t.name);
      const keys = describeKeys(ix.keys);
      ctx.report({
        messageId: 'blocks',
        data: { index: capitalize(describeIndex(ix)), table, keys, column: col.name },
        at: ix,
        part: ix.kind === 'index' || ix.name ? 'name' : 'columns',
        help:
          `Replace it with a partial unique index on live rows only, \`CREATE UNIQUE INDEX … ON ${table} (${keys}) WHERE ${col.name} IS NULL\`, ` +
          `and give the queries that filter \`${col.name} IS NULL\` partial indexes too. An upsert on these columns must then name the predicate: \`ON CONFLICT (${keys}) WHERE ${col.name} IS NULL\`.` +
          (d === 'postgresql' ? ' Build it with CREATE UNIQUE INDEX CONCURRENTLY on a table that holds data, then drop the old key.' : ''),
        related: [{ at: col, part: 'name', message: `\`${col.name}\` marks soft-deleted rows of \`${table}\`` }],
      });
    }
  },
};

function softDeleteColumn(t: Table, names: string[]): Column | undefined {
  for (const name of names) {
    const c = findColumn(t, name);
    if (!c || !c.nullable || c.generated) continue;
    if (t.dialect === 'postgresql' ? PG_TIMESTAMPS.has(c.type.name) && !c.type.array : c.type.name !== 'boolean') return c;
  }
  return undefined;
}

function generatedValue(t: Table, name: string): boolean {
  const c = findColumn(t, name);
  return GENERATED_VALUE.test(name) || c?.type.name === 'uuid' || !!c?.autoIncrement;
}

/** Keys of the tables that hold a foreign key naming each table (by its key) with explicit columns. */
const referencing: TableIndex = {
  perTable: (schema, o, add) => {
    const targets = new Set<string>();
    for (const c of o.constraints) {
      if (c.kind !== 'foreign' || !c.references || c.references.columns.length === 0) continue;
      const t = findTable(schema, c.references.table);
      if (t) targets.add(t.key);
    }
    targets.forEach(add);
  },
};

/** Column sets of `t` that foreign keys (of any table) reference explicitly. */
function referencedKeys(schema: Schema, t: Table): string[][] {
  const out: string[][] = [];
  for (const key of indexLookup(schema, referencing, t.key)) {
    const o = schema.tables.get(key);
    if (!o) continue;
    for (const c of o.constraints) {
      if (c.kind !== 'foreign' || !c.references || c.references.columns.length === 0) continue;
      if (findTable(schema, c.references.table) !== t) continue;
      out.push(c.references.columns);
    }
  }
  return out;
}

function sameSet(a: string[], b: string[], d: Table['dialect']): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a.map((x) => columnKey(x, d)));
  return b.every((x) => s.has(columnKey(x, d)));
}

function mentions(expr: string, column: string): boolean {
  return new RegExp(`(?:^|[^\\w$])"?${escapeRe(column)}"?(?:$|[^\\w$])`, 'i').test(expr);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
