import type { Rule } from './types';
import { indexLookup, type TableIndex } from '../model/reads';
import type { Column, Schema, Table } from '../model/schema';
import { displayName, sameColumn } from '../model/schema';
import { inForeignKey, isIntegerType, isStringType, singlePkColumn, stemOf, tableNamedBy } from './_naming';

/**
 * A `<x>_type` + `<x>_id` pair (Rails' polymorphic `belongs_to`): the id points into whichever table the type
 * names, so no foreign key can protect it. A hint: it is a design choice, with known alternatives.
 */
export const rule: Rule = {
  meta: {
    id: 'polymorphic-association',
    type: 'suggestion',
    category: 'integrity',
    description: 'A `<x>_type` + `<x>_id` pair is a reference no foreign key can enforce',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'hint',
    fixable: 'never',
    messages: {
      polymorphic: 'Columns `{{type}}` and `{{id}}` of `{{table}}` form a polymorphic reference that no foreign key enforces',
    },
  },
  checkTable(ctx, t) {
    if (t.virtual || t.temporary || t.unclosed || t.partitionOf) return;
    for (const idCol of t.columns) {
      const stem = stemOf(idCol.name, 'id');
      if (!stem || idCol.generated) continue;
      if (!isIntegerType(idCol) && !isStringType(idCol) && idCol.type.name !== 'uuid') continue;
      const typeCol = t.columns.find((c) => c !== idCol && stemOf(c.name, 'type') === stem);
      if (!typeCol || inForeignKey(t, idCol.name) || inForeignKey(t, typeCol.name)) continue;
      // The discriminator holds a table or class name: a string, or an enum some of whose values name tables
      // (an enum of kinds, such as documenso's `templateType` PUBLIC/PRIVATE, is not one).
      const values = enumValues(ctx.schema, typeCol);
      if (!isStringType(typeCol) && !values) continue;
      if (values && !values.some((v) => tableNamedBy(ctx.schema, t, v.replace(/[^A-Za-z0-9]+/g, '_')))) continue;
      // `account_type` + `account_id` with an `accounts` table: the kind of account and a reference to it.
      if (tableNamedBy(ctx.schema, t, stem)) continue;
      // An id that is unique without its type identifies this row (`media_id` + MIME `media_type`): not a reference.
      if (uniqueWithout(t, idCol.name, typeCol.name)) continue;
      // The id must be able to hold some table's key: a `varchar` provider id in a database keyed by uuids is external.
      if (!holdsSomeKey(ctx.schema, t, idCol)) continue;
      ctx.report({
        messageId: 'polymorphic',
        data: { type: typeCol.name, id: idCol.name, table: displayName(t.name) },
        at: idCol,
        part: 'name',
        help:
          `\`${idCol.name}\` points into whichever table \`${typeCol.name}\` names, so the database cannot check it exists, cascade deletes, or index the join for one parent. ` +
          'Alternatives with real foreign keys: one nullable foreign key column per parent table with a CHECK that exactly one is set; ' +
          'a join table per parent (`<parent>_<child>` with two foreign keys); or a shared parent table (every parent row also gets a row in e.g. `commentables`, which the child references).',
        related: [{ at: typeCol, part: 'name', message: `\`${typeCol.name}\` names the table \`${idCol.name}\` points into` }],
      });
    }
  },
};

/** The values of an enum-typed column (MySQL ENUM, PG CREATE TYPE … AS ENUM), undefined for other types. */
function enumValues(schema: Schema, c: Column): string[] | undefined {
  if (c.type.values) return c.type.values;
  const wanted = c.type.name.replace(/"/g, '');
  for (const [k, e] of schema.enums) {
    if (k === wanted || e.name.name === wanted || e.name.name.toLowerCase() === wanted.toLowerCase()) return e.values;
  }
  return undefined;
}

function uniqueWithout(t: Table, id: string, type: string): boolean {
  const d = t.dialect;
  const has = (cols: string[], n: string) => cols.some((x) => sameColumn(x, n, d));
  if (t.constraints.some((k) => (k.kind === 'primary' || k.kind === 'unique') && has(k.columns, id) && !has(k.columns, type))) return true;
  return t.indexes.some((ix) => {
    const cols = ix.keys.map((k) => k.column ?? '');
    return ix.unique && !ix.where && has(cols, id) && !has(cols, type);
  });
}

const BOOKKEEPING = new Set(['schema_migrations', 'ar_internal_metadata', '_prisma_migrations', 'knex_migrations', 'migrations']);

/** The class of key a column can hold: integers, strings, or a named type (uuid, binary); undefined for others. */
function keyClass(c: Column): string | undefined {
  if (c.type.array || !c.type.name) return undefined;
  if (isIntegerType(c)) return 'integer';
  if (isStringType(c)) return 'string';
  return c.type.name === 'uuid' || c.type.name === 'binary' || c.type.name === 'varbinary' ? c.type.name : undefined;
}

/** Tables (not bookkeeping) by the class of their single-column primary key. */
const byKeyClass: TableIndex = {
  perTable: (_schema, t, add) => {
    if (BOOKKEEPING.has(t.name.name.toLowerCase())) return;
    const pk = singlePkColumn(t);
    const k = pk && keyClass(pk);
    if (k) add(k);
  },
};

/** Could `id` hold the key of some other table (see compatibleKeyTypes)? */
function holdsSomeKey(schema: Schema, from: Table, id: Column): boolean {
  const k = keyClass(id);
  return !!k && indexLookup(schema, byKeyClass, k).some((key) => key !== from.key);
}
