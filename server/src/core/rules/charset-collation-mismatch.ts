import type { Rule, RuleContext } from './types';
import type { Column, Schema, Table, WorkloadQuery } from '../model/schema';
import { canonicalCollation, displayName, findColumn } from '../model/schema';
import { refOf, resolveRef } from '../model/workload';
import { enforcedForeignKeyPairs, typeAltered } from './foreign-key-type-mismatch';

/**
 * A string foreign key column whose character set or collation differs from the column it references.
 * MySQL/MariaDB (InnoDB) refuse such a foreign key: "for nonbinary (character) string columns, the character set
 * and collation must be the same". PostgreSQL accepts it, but with two different explicit `COLLATE`s a join of the
 * two columns has no collation to compare with ("could not determine which collation to use").
 *
 * The same comparison written in a workspace query (a JOIN or WHERE of two string columns): MySQL converts one side
 * to the other's character set or collation (the index on the converted side cannot serve the comparison) or refuses
 * it ("Illegal mix of collations"); PostgreSQL refuses two different explicit collations. A warning, at the
 * comparison.
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

export const rule: Rule = {
  meta: {
    id: 'charset-collation-mismatch',
    type: 'problem',
    category: 'integrity',
    description: 'String columns that a foreign key or a query compares should have the same character set and collation',
    dialects: ['mysql', 'postgresql'],
    defaultSeverity: 'error',
    fixable: 'never',
    messages: {
      charset: 'Foreign key column `{{table}}.{{column}}` uses character set `{{charset}}` but references `{{target}}` in `{{targetCharset}}`',
      collation: 'Foreign key column `{{table}}.{{column}}` uses {{collation}} but references `{{target}}` in {{targetCollation}}',
      queryCharset: 'This query compares `{{left}}` in character set `{{leftCharset}}` with `{{right}}` in `{{rightCharset}}`',
      queryCollation: 'This query compares `{{left}}` in {{leftCollation}} with `{{right}}` in {{rightCollation}}',
    },
  },
  checkTable(ctx, table) {
    const schema = ctx.schema;
    for (const { t, fk, parent, child, ref } of enforcedForeignKeyPairs(schema, table)) {
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
        if (!cs || !rcs) continue;
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
  checkQuery,
};

/**
 * Two string columns compared in a workspace query (JOIN … ON, WHERE) whose character sets or collations differ.
 * Plain columns only (a wrapped one is converted anyway); each comparison once, whichever side it was recorded from.
 */
function checkQuery(ctx: RuleContext, q: WorkloadQuery): void {
  const schema = ctx.schema;
  {
    const seen = new Set<string>();
    for (const block of q.query.blocks) {
      for (const p of block.predicates) {
        const other = p.value.kind === 'column' ? p.value.column : undefined;
        if (!other || other.outer || p.target.outer || p.expression) continue;
        const l = resolveColumn(schema, block, p.target);
        const r = resolveColumn(schema, block, other);
        if (!l || !r || l.column === r.column) continue;
        const left = `${displayName(l.table.name)}.${l.column.name}`;
        const right = `${displayName(r.table.name)}.${r.column.name}`;
        // `a = b` is recorded from both sides (and `USING (x, y)` gives one span to several pairs).
        const key = `${p.span.start}:${p.span.end}:${[left, right].sort().join('\u0000')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const base = {
          at: { file: q.file, span: p.span },
          severity: 'warning' as const,
          related: [
            { at: l.column, part: 'name' as const, message: `\`${left}\` is defined here` },
            { at: r.column, part: 'name' as const, message: `\`${right}\` is defined here` },
          ],
        };
        if (schema.dialect === 'mysql') {
          const cs = l.column.effectiveCharset;
          const rcs = r.column.effectiveCharset;
          if (!cs || !rcs) continue;
          if (cs !== rcs) {
            ctx.report({
              ...base,
              messageId: 'queryCharset',
              data: { left, leftCharset: cs, right, rightCharset: rcs },
              help: `MySQL converts one side to the other's character set before comparing (\`utf8mb4\` wins over \`utf8mb3\` and \`latin1\`): an index on the converted column cannot serve this comparison, so a join through it scans. Give both columns the same character set and collation.`,
            });
            continue;
          }
          const co = writtenCollation(l.column, l.table, schema);
          const rco = writtenCollation(r.column, r.table, schema);
          if (!collationsDiffer(co, rco, l.column)) continue;
          const shown = (w: string | undefined) => (w ? `collation \`${w}\`` : `the default collation of \`${cs}\``);
          ctx.report({
            ...base,
            messageId: 'queryCollation',
            data: { left, leftCollation: shown(co), right, rightCollation: shown(rco) },
            help: `MySQL either refuses the comparison ("Illegal mix of collations") or compares in one column's collation (a \`_bin\` one wins), and an index in the other collation cannot serve it. Give both columns the same collation.`,
          });
        } else if (schema.dialect === 'postgresql') {
          if (!l.column.collation || !r.column.collation || typeAltered(schema, l.table, l.column) || typeAltered(schema, r.table, r.column)) continue;
          const a = l.column.collation.replace(/"/g, '');
          const b = r.column.collation.replace(/"/g, '');
          if (a.toLowerCase() === b.toLowerCase()) continue;
          ctx.report({
            ...base,
            messageId: 'queryCollation',
            data: { left, leftCollation: `collation \`${a}\``, right, rightCollation: `collation \`${b}\`` },
            help: `PostgreSQL cannot pick a collation for two different explicit ones: the query fails with "could not determine which collation to use" unless it adds \`COLLATE\`, and then the index of the column in the other collation cannot serve it. Give both columns the same collation.`,
          });
        }
      }
    }
  }
}

/** The model column (and its table) a column use of a block refers to, when it is a string column. */
function resolveColumn(schema: Schema, block: Parameters<typeof refOf>[1], use: Parameters<typeof refOf>[2]): { table: Table; column: Column } | undefined {
  const ref = refOf(schema, block, use);
  const table = ref === undefined ? undefined : resolveRef(schema, block, ref);
  const column = table && findColumn(table, use.column);
  return table && column ? { table, column } : undefined;
}
