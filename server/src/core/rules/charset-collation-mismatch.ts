import type { Rule } from './types';
import type { Column, Schema, Table } from '../model/schema';
import { canonicalCollation, displayName, findTable } from '../model/schema';
import { enforcedForeignKeyPairs, typeAltered } from './foreign-key-type-mismatch';

/**
 * A string foreign key column whose character set or collation differs from the column it references.
 * MySQL/MariaDB (InnoDB) refuse such a foreign key: "for nonbinary (character) string columns, the character set
 * and collation must be the same". PostgreSQL accepts it, but with two different explicit `COLLATE`s a join of the
 * two columns has no collation to compare with ("could not determine which collation to use").
 * Only foreign keys for now; joins in the query workload come later.
 */

/**
 * The collation written for a MySQL column, on it or inherited from its table or database: undefined when it is
 * the default collation of a character set, which depends on the server version (utf8mb4: 0900_ai_ci on MySQL 8,
 * general_ci on MariaDB and 5.7).
 */
function writtenCollation(c: Column, t: Table, schema: Schema): string | undefined {
  if (c.collation) return canonicalCollation(c.collation);
  if (c.charset) return undefined;
  if (t.collation) return canonicalCollation(t.collation);
  if (t.charset) return undefined;
  return canonicalCollation(schema.database.collation);
}

/** Collations a server may pick as the default of a character set: MySQL 8 (0900_ai_ci), 5.7 and MariaDB (general_ci, latin1_swedish_ci), MariaDB 11.5+ (uca1400_ai_ci). */
function maybeDefault(collation: string, charset: string): boolean {
  return [`${charset}_general_ci`, `${charset}_0900_ai_ci`, `${charset}_uca1400_ai_ci`, `${charset}_swedish_ci`, 'binary'].includes(collation);
}

/**
 * Do the two effective collations (same charset) certainly differ? Two written ones: when they are not the same.
 * A written one against a charset default: only when the written one is no server's default for that charset.
 */
function collationsDiffer(co: string | undefined, rco: string | undefined, c: Column): boolean {
  const cs = c.effectiveCharset!;
  if (co && rco) return co !== rco;
  if (co) return !maybeDefault(co, cs);
  if (rco) return !maybeDefault(rco, cs);
  return false;
}

/**
 * Tables an ALTER TABLE gave a new character set or collation. The model cannot tell `CONVERT TO CHARACTER SET`
 * (which converts every string column, even one with its own CHARACTER SET) from `DEFAULT CHARSET=` (which only
 * changes the default): a column with its own charset or collation on such a table has an unknown effective one.
 */
function reconvertedTables(schema: Schema): Set<Table> {
  const out = new Set<Table>();
  for (const st of schema.statements)
    for (const f of st.facts)
      if (f.kind === 'alterTable' && f.actions.some((a) => a.action === 'setOptions' && (a.charset || a.collation))) {
        const t = findTable(schema, f.table);
        if (t) out.add(t);
      }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'charset-collation-mismatch',
    type: 'problem',
    category: 'integrity',
    description: 'Foreign key string columns should have the character set and collation of the columns they reference',
    dialects: ['mysql', 'postgresql'],
    defaultSeverity: 'error',
    fixable: 'never',
    messages: {
      charset: 'Foreign key column `{{table}}.{{column}}` uses character set `{{charset}}` but references `{{target}}` in `{{targetCharset}}`',
      collation: 'Foreign key column `{{table}}.{{column}}` uses {{collation}} but references `{{target}}` in {{targetCollation}}',
    },
  },
  check(ctx) {
    const schema = ctx.schema;
    const reconverted = schema.dialect === 'mysql' ? reconvertedTables(schema) : new Set<Table>();
    const uncertain = (c: Column, t: Table) => reconverted.has(t) && !!(c.charset || c.collation);
    for (const { t, fk, parent, child, ref } of enforcedForeignKeyPairs(schema)) {
      const target = `${displayName(parent.name)}.${ref.name}`;
      const atColumn = child.origin.file === fk.origin.file;
      const base = {
        at: atColumn ? child : fk,
        part: atColumn ? ('name' as const) : ('columns' as const),
        related: [
          { at: ref, part: 'name' as const, message: `The referenced column \`${target}\`` },
          ...(atColumn ? [] : [{ at: child, part: 'name' as const, message: `The referencing column \`${displayName(t.name)}.${child.name}\`` }]),
        ],
      };
      if (schema.dialect === 'mysql') {
        const cs = child.effectiveCharset;
        const rcs = ref.effectiveCharset;
        if (!cs || !rcs || uncertain(child, t) || uncertain(ref, parent)) continue;
        if (cs !== rcs) {
          const rco = writtenCollation(ref, parent, schema);
          ctx.report({
            ...base,
            messageId: 'charset',
            data: { table: displayName(t.name), column: child.name, charset: cs, target, targetCharset: rcs },
            help: `The server refuses this foreign key (the character set and collation of string columns must match). Declare \`${child.name}\` with \`CHARACTER SET ${rcs}${rco ? ` COLLATE ${rco}` : ''}\`, or convert \`${displayName(parent.name)}\`.`,
          });
          continue;
        }
        const co = writtenCollation(child, t, schema);
        const rco = writtenCollation(ref, parent, schema);
        if (!collationsDiffer(co, rco, child)) continue;
        const shown = (w: string | undefined) => (w ? `collation \`${w}\`` : `the default collation of \`${child.effectiveCharset}\``);
        ctx.report({
          ...base,
          messageId: 'collation',
          data: { table: displayName(t.name), column: child.name, collation: shown(co), target, targetCollation: shown(rco) },
          help: `The server refuses this foreign key (the character set and collation of string columns must match). Declare \`${child.name}\` with ${rco ? `\`COLLATE ${rco}\`` : `the collation of \`${target}\``}, or change \`${target}\`.`,
        });
      } else if (schema.dialect === 'postgresql') {
        // ALTER COLUMN … TYPE … COLLATE may have changed a collation the model keeps from the column's definition.
        if (!child.collation || !ref.collation || typeAltered(schema, t, child) || typeAltered(schema, parent, ref)) continue;
        const a = child.collation.replace(/"/g, '');
        const b = ref.collation.replace(/"/g, '');
        if (a.toLowerCase() === b.toLowerCase()) continue;
        ctx.report({
          ...base,
          messageId: 'collation',
          // PostgreSQL accepts the key; the cost is in joins: a warning.
          severity: 'warning',
          data: { table: displayName(t.name), column: child.name, collation: `collation \`${a}\``, target, targetCollation: `collation \`${b}\`` },
          help: `A join of \`${displayName(t.name)}.${child.name}\` with \`${target}\` fails with "could not determine which collation to use" unless it names a COLLATE, which the indexes may not serve. Declare \`${child.name}\` with \`COLLATE "${b}"\`.`,
        });
      }
    }
  },
};
