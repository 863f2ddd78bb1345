import type { Rule } from './types';
import type { Schema, Table } from '../model/schema';
import { columnKey, displayName, findColumn, findTable, primaryKey } from '../model/schema';
import { indexesOf } from '../model/indexes';
import { enforcesForeignKeys } from './foreign-key-type-mismatch';

/**
 * A foreign key whose referenced columns are not, as a set, the primary key or a unique key of the referenced
 * table. PostgreSQL refuses it; SQLite accepts the CREATE TABLE and then fails every write that checks it with
 * "foreign key mismatch"; MySQL 8.4 refuses it by default, older MySQL and MariaDB accept it (a child row then
 * has several possible parents).
 */

/** Is there a primary key, unique constraint or non-partial unique index on exactly these columns (any order)? */
function hasUniqueOn(table: Table, columns: string[], schema: Schema): boolean {
  const want = new Set(columns.map((c) => columnKey(c, schema.dialect)));
  if (want.size !== columns.length) return false;
  const owners = [table];
  // A PostgreSQL partition has the keys of its partitioned parent.
  if (table.partitionOf) {
    const p = findTable(schema, table.partitionOf);
    if (p) owners.push(p);
  }
  return owners.some((t) =>
    indexesOf(t).some(
      (ix) =>
        ix.unique &&
        ix.where === undefined &&
        ix.keys.length === want.size &&
        ix.keys.every((k) => k.column !== undefined && !k.prefixLength && want.has(columnKey(k.column, schema.dialect))) &&
        new Set(ix.keys.map((k) => columnKey(k.column!, schema.dialect))).size === want.size,
    ),
  );
}

/** MySQL/InnoDB: is there an index whose first columns are the referenced ones, in this order? Without one every version refuses the key. */
function hasLeadingIndex(table: Table, columns: string[]): boolean {
  return indexesOf(table).some(
    (ix) => ix.keys.length >= columns.length && columns.every((c, i) => ix.keys[i].column !== undefined && columnKey(ix.keys[i].column!, table.dialect) === columnKey(c, table.dialect)),
  );
}

const MYSQL_NO_INDEX = 'MySQL and MariaDB refuse this foreign key: no index of the referenced table starts with these columns ("Missing index for constraint").';

const HELP: Record<string, string> = {
  postgresql: 'PostgreSQL refuses this foreign key ("there is no unique constraint matching given keys for referenced table").',
  sqlite: 'SQLite accepts the table, but with foreign_keys on every insert, update or delete that checks this key fails with "foreign key mismatch".',
  mysql:
    'MySQL 8.4 refuses this foreign key by default (restrict_fk_on_non_standard_key); older MySQL and MariaDB accept it, but then a child row matches several parent rows and ON DELETE/ON UPDATE actions fire for any of them.',
};

export const rule: Rule = {
  meta: {
    id: 'foreign-key-to-non-unique',
    type: 'problem',
    category: 'integrity',
    description: 'Foreign keys should reference the primary key or a unique key of the referenced table',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'error',
    fixable: 'never',
    messages: {
      nonUnique: 'Foreign key `{{table}}({{columns}})` references `{{parent}}({{refColumns}})`, which is neither its primary key nor unique',
      noPrimaryKey: 'Foreign key `{{table}}({{columns}})` references `{{parent}}`, which has no primary key',
    },
  },
  checkTable(ctx, t) {
    const schema = ctx.schema;
    if (t.unclosed || t.virtual || !enforcesForeignKeys(t)) return;
    for (const fk of t.constraints) {
      if (fk.kind !== 'foreign' || !fk.references || fk.columns.length === 0) continue;
      const parent = findTable(schema, fk.references.table);
      // Unknown, being typed, or keys that may come from elsewhere (inheritance, foreign/virtual tables).
      if (!parent || parent.unclosed || parent.virtual || parent.inherits?.length || !enforcesForeignKeys(parent)) continue;
      const refs = fk.references.columns;
      const data = { table: displayName(t.name), columns: fk.columns.join(', '), parent: displayName(parent.name), refColumns: refs.join(', ') };
      const related = [{ at: parent, part: 'name' as const, message: `\`${displayName(parent.name)}\` is declared here` }];
      if (refs.length === 0) {
        // MySQL requires the column list; a partition's primary key is its parent's.
        if (schema.dialect === 'mysql' || primaryKey(parent) || parent.partitionOf) continue;
        ctx.report({
          messageId: 'noPrimaryKey',
          data,
          at: fk,
          part: 'references',
          help: `${HELP[schema.dialect]} Give \`${displayName(parent.name)}\` a primary key, or name the unique columns it references.`,
          related,
        });
        continue;
      }
      if (!refs.every((c) => findColumn(parent, c))) continue;
      if (hasUniqueOn(parent, refs, schema)) continue;
      // PostgreSQL and SQLite refuse it; MySQL before 8.4 and MariaDB accept it when an index leads with the columns.
      const accepted = schema.dialect === 'mysql' && hasLeadingIndex(parent, refs);
      ctx.report({
        messageId: 'nonUnique',
        severity: accepted ? 'warning' : 'error',
        data,
        at: fk,
        part: 'references',
        help: `${schema.dialect === 'mysql' && !hasLeadingIndex(parent, refs) ? MYSQL_NO_INDEX : HELP[schema.dialect]} Add a unique constraint on \`${displayName(parent.name)}(${refs.join(', ')})\`, or reference its primary key.`,
        related,
      });
    }
  },
};
