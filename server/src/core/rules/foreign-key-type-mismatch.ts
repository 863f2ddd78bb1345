import type { Rule } from './types';
import type { Column, Schema, Table } from '../model/schema';
import { displayName, findColumn, findTable, primaryKey } from '../model/schema';
import type { ConstraintDef, NormalizedType } from '../model/types';

/**
 * A foreign key column whose type differs from the column it references, where that difference matters:
 * - MySQL/MariaDB (InnoDB): integer types of another size or signedness, DECIMALs of another precision or scale,
 *   or an integer against a character string. The server refuses the constraint (ER_FK_INCOMPATIBLE_COLUMNS,
 *   errno 150 on MariaDB). Character sets and collations are `charset-collation-mismatch`'s.
 * - PostgreSQL: a narrower integer than the referenced one (the child cannot hold the parent's larger keys), and
 *   the pairs PostgreSQL refuses because no equality operator joins them (integer vs text, uuid vs text…).
 * Not SQLite: its types are affinities and the parent's affinity is applied to the child value before comparing.
 */

const INT_WIDTH: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, integer: 4, bigint: 8 };
const STRINGS = new Set(['char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext']);
/** MySQL storage engines that enforce foreign keys; the others parse the clause and ignore it. */
const FK_ENGINES = new Set(['innodb', 'ndb', 'ndbcluster']);

type Kind = 'int' | 'decimal' | 'string' | 'uuid' | 'other';

function kindOf(t: NormalizedType): Kind {
  if (t.array) return 'other';
  if (INT_WIDTH[t.name]) return 'int';
  if (t.name === 'numeric') return 'decimal';
  if (STRINGS.has(t.name)) return 'string';
  if (t.name === 'uuid') return 'uuid';
  return 'other';
}

/** Why the pair is a problem (the help's reason), or undefined when it is not one. */
function mismatch(child: Column, parent: Column, target: string, schema: Schema): { refused: boolean; reason: string } | undefined {
  const a = child.type;
  const b = parent.type;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (schema.dialect === 'mysql') {
    if (ka === 'int' && kb === 'int') {
      if (a.name !== b.name) return { refused: true, reason: 'InnoDB requires integer columns of a foreign key to have the same size' };
      if (!!a.unsigned !== !!b.unsigned) return { refused: true, reason: 'InnoDB requires integer columns of a foreign key to have the same signedness' };
      return undefined;
    }
    if (ka === 'decimal' && kb === 'decimal') {
      if (a.precision !== b.precision || a.scale !== b.scale) return { refused: true, reason: 'InnoDB requires DECIMAL columns of a foreign key to have the same precision and scale' };
      return undefined;
    }
    if ((ka === 'int' && kb === 'string') || (ka === 'string' && kb === 'int')) return { refused: true, reason: 'InnoDB cannot compare an integer column with a string column in a foreign key' };
    return undefined;
  }
  if (schema.dialect === 'postgresql') {
    if (ka === 'int' && kb === 'int') {
      if (INT_WIDTH[a.name] < INT_WIDTH[b.name])
        return { refused: false, reason: `once \`${target}\` grows past the range of \`${a.name}\`, rows that reference the new keys fail with "out of range"` };
      return undefined;
    }
    const strict = (k: Kind) => k === 'int' || k === 'string' || k === 'uuid';
    if (ka !== kb && strict(ka) && strict(kb))
      return { refused: true, reason: `PostgreSQL has no equality operator between \`${a.name}\` and \`${b.name}\` and refuses the constraint ("cannot be implemented")` };
    return undefined;
  }
  return undefined;
}

/** The referenced type as the child should write it: serial and identity shorthands become their plain type. */
function targetType(parent: Column, schema: Schema): string {
  // serial/bigserial/smallserial (PG), SERIAL (MySQL: BIGINT UNSIGNED): the normalized integer name is valid SQL.
  if (parent.autoIncrement === 'serial' || /serial/i.test(parent.rawType)) return parent.type.name + (schema.dialect === 'mysql' && parent.type.unsigned ? ' unsigned' : '');
  return parent.rawType;
}

/** Was the column's type changed after its definition (PG ALTER COLUMN TYPE)? Then its `type` span is stale. */
export function typeAltered(_schema: Schema, _table: Table, column: Column): boolean {
  return !!column.typeChangedAt;
}

/** MySQL: only InnoDB (and NDB) enforce foreign keys; MyISAM and the others parse the clause and drop it. */
export function enforcesForeignKeys(t: Table): boolean {
  return t.dialect !== 'mysql' || !t.engine || FK_ENGINES.has(t.engine.toLowerCase());
}

/** The (referencing, referenced) column pairs of a foreign key; undefined when the other side is not in the model. */
export function foreignKeyPairs(schema: Schema, t: Table, fk: ConstraintDef): { parent: Table; pairs: [Column, Column][] } | undefined {
  if (!fk.references || fk.columns.length === 0) return undefined;
  const parent = findTable(schema, fk.references.table);
  if (!parent || parent.unclosed) return undefined;
  const refCols = fk.references.columns.length ? fk.references.columns : (primaryKey(parent)?.columns ?? []);
  if (refCols.length !== fk.columns.length) return undefined;
  const pairs: [Column, Column][] = [];
  for (let i = 0; i < fk.columns.length; i++) {
    const c = findColumn(t, fk.columns[i]);
    const p = findColumn(parent, refCols[i]);
    if (!c || !p) return undefined;
    pairs.push([c, p]);
  }
  return { parent, pairs };
}

/**
 * Every (referencing, referenced) column pair of each foreign key of `t` the database enforces: both tables complete,
 * not virtual, on an engine that enforces foreign keys. Shared by the FK type and charset/collation rules.
 */
export function* enforcedForeignKeyPairs(
  schema: Schema,
  t: Table,
): Generator<{ t: Table; fk: ConstraintDef; parent: Table; child: Column; ref: Column }> {
  if (t.unclosed || t.virtual || !enforcesForeignKeys(t)) return;
  for (const fk of t.constraints) {
    if (fk.kind !== 'foreign') continue;
    const found = foreignKeyPairs(schema, t, fk);
    if (!found || !enforcesForeignKeys(found.parent)) continue;
    for (const [child, ref] of found.pairs) yield { t, fk, parent: found.parent, child, ref };
  }
}

export const rule: Rule = {
  meta: {
    id: 'foreign-key-type-mismatch',
    type: 'problem',
    category: 'integrity',
    description: 'Foreign key columns should have the type of the columns they reference',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      mismatch: 'Foreign key column `{{table}}.{{column}}` is `{{type}}` but references `{{target}}` of type `{{targetType}}`',
    },
  },
  checkTable(ctx, table) {
    const schema = ctx.schema;
    const seen = new Map<Column, Column>();
    for (const { t, fk, parent, child, ref } of enforcedForeignKeyPairs(schema, table)) {
      // Two foreign keys over the same pair (a dump's duplicates) are one finding.
      if (seen.has(child) && seen.get(child) === ref) continue;
      seen.set(child, ref);
      const target = `${displayName(parent.name)}.${ref.name}`;
      const m = mismatch(child, ref, target, schema);
      if (!m) continue;
      const newType = targetType(ref, schema);
      const atColumn = child.origin.file === fk.origin.file;
      const fix = typeAltered(schema, t, child)
        ? undefined
        : ctx.fixes.changeColumnType(child, newType, `Change \`${displayName(t.name)}.${child.name}\` to \`${newType}\``);
      const where = !fix && ctx.isMigrationFile(child.origin.file) ? ' in a new migration' : '';
      ctx.report({
        messageId: 'mismatch',
        // An error where the database refuses the key (InnoDB, PG without an operator); a warning where it only costs.
        severity: m.refused ? 'error' : 'warning',
        data: { table: displayName(t.name), column: child.name, type: child.rawType, target, targetType: ref.rawType },
        at: atColumn ? child : fk,
        part: atColumn ? 'type' : 'columns',
        help:
          (m.refused ? `The server refuses this foreign key: ${m.reason}. ` : `Types differ: ${m.reason}. `) +
          `Declare \`${child.name}\` as \`${newType}\`${where}, the type of \`${target}\`.`,
        fixes: [fix],
        related: [{ at: ref, part: 'type', message: `\`${target}\` is \`${ref.rawType}\`` }],
      });
    }
  },
};
