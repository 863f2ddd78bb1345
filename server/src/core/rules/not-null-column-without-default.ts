import type { Rule } from './types';
import type { Severity } from '../api';
import type { ColumnDef, ConstraintDef, NormalizedType } from '../model/types';
import { displayName, findColumn, findTable } from '../model/schema';
import { quoteIdent } from '../fixes';
import { emptyBefore } from './_fresh-table';

/**
 * `ALTER TABLE … ADD COLUMN c … NOT NULL` with no DEFAULT, in a migration, on a table that existed before the file
 * (a table created earlier in the same file is empty: nothing to fill). PostgreSQL refuses it as soon as the table
 * has a row; MySQL gives the existing rows the type's implicit default (`0`, `''`, the first ENUM value), silently.
 * Columns that bring their own values (identity, serial, AUTO_INCREMENT, generated) are fine.
 */
export const rule: Rule = {
  meta: {
    id: 'not-null-column-without-default',
    type: 'problem',
    category: 'migrations',
    description: 'A NOT NULL column added to an existing table needs a default',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      fails: 'Column `{{table}}.{{column}}` is added NOT NULL without a default, so the ALTER TABLE fails as soon as `{{table}}` has a row',
      fills: 'Column `{{table}}.{{column}}` is added NOT NULL without a default, so MySQL silently stores {{value}} in every existing row of `{{table}}`',
      zeroDate:
        'Column `{{table}}.{{column}}` is added NOT NULL without a default, so MySQL stores the zero {{what}} `{{value}}` in every existing row of `{{table}}`, or refuses the ALTER TABLE under the default strict SQL mode (NO_ZERO_DATE)',
    },
  },
  check(ctx) {
    const d = ctx.schema.dialect;
    const m = ctx.migrations;
    for (const r of m.statements()) {
      if (!m.existing(r)) continue;
      for (const f of r.facts) {
        if (f.kind !== 'alterTable' || emptyBefore(ctx, r, f, f.table)) continue;
        const tableName = displayName(f.table);
        const large = m.isLarge(f.table);
        for (const a of f.actions) {
          if (a.action !== 'addColumn') continue;
          const col = a.column;
          if (col.nullable || hasDefault(col) || col.generated || col.autoIncrement) continue;
          // `ADD COLUMN IF NOT EXISTS` of a column the table already had does nothing.
          if (a.ifNotExists) {
            const now = findTable(ctx.schema, f.table);
            const current = now && findColumn(now, col.name);
            if (current && current.origin !== col.origin) continue;
          }
          const q = (n: string) => quoteIdent(n, d);
          const add = `ALTER TABLE ${q(f.table.name)} ADD COLUMN ${q(col.name)} ${col.rawType}`;
          const data = { table: tableName, column: col.name };
          const severity: Severity | undefined = large ? 'error' : undefined;
          if (d === 'postgresql') {
            const constant =
              m.postgresVersion >= 11
                ? 'PostgreSQL 11+ stores a constant default in the catalog: no table rewrite, only a brief lock'
                : `before PostgreSQL 11 a default rewrites \`${tableName}\` under an ACCESS EXCLUSIVE lock, so on a large table prefer the second way`;
            ctx.report({
              messageId: 'fails',
              data,
              severity,
              at: col,
              part: col.origin.parts?.nullability ? 'nullability' : 'name',
              help:
                `PostgreSQL cannot fill the existing rows and stops with "column contains null values". Either give it a default: \`${add} NOT NULL DEFAULT …\` (${constant}; a volatile default such as \`random()\` always rewrites); ` +
                `or add it nullable, backfill it in batches, then \`SET NOT NULL\` in a later migration (see blocking-set-not-null for doing that without a long lock).`,
            });
            continue;
          }
          if (inlineKey(a.constraints)) continue;
          const implicit = mysqlImplicit(col.type);
          // Before 8.0.2 (explicit_defaults_for_timestamp off) a first TIMESTAMP column may get CURRENT_TIMESTAMP.
          if (!implicit || (col.type.name === 'timestamp' && !m.mysqlAtLeast(8, 0, 2))) continue;
          const how = `Give it the value existing rows should have: \`${add} NOT NULL DEFAULT …\`; or add it nullable, backfill it, then \`MODIFY\` it to NOT NULL in a later migration (restate the whole definition: MODIFY replaces it).`;
          ctx.report({
            messageId: implicit.zero ? 'zeroDate' : 'fills',
            data: implicit.zero ? { ...data, what: implicit.zero, value: implicit.value } : { ...data, value: implicit.value },
            severity,
            at: col,
            part: col.origin.parts?.nullability ? 'nullability' : 'name',
            help:
              (implicit.zero
                ? `Without a DEFAULT MySQL uses the type's implicit default for existing rows, which for \`${col.rawType}\` is the zero ${implicit.zero}: a value no real row has, and one strict mode with NO_ZERO_DATE (the default SQL mode) rejects. `
                : `Without a DEFAULT MySQL uses the type's implicit default for existing rows, whatever the SQL mode: they end up with values nobody wrote, indistinguishable from real ones. `) + how,
          });
        }
      }
    }
  },
};

/** A written default other than `DEFAULT NULL`. */
function hasDefault(col: ColumnDef): boolean {
  return col.default !== undefined && !/^\(*\s*null\s*\)*$/i.test(col.default.trim());
}

/** An inline PRIMARY KEY / UNIQUE: on a table with rows MySQL's implicit default collides with itself instead. */
function inlineKey(cs: ConstraintDef[]): boolean {
  return cs.some((c) => c.kind === 'primary' || c.kind === 'unique');
}

/**
 * MySQL's implicit default for a NOT NULL column of this type ("Data Type Default Values"), as the message says it:
 * numbers 0, strings the empty string, ENUM its first value, dates and times their zero value. Undefined for types
 * whose implicit default we do not state with certainty (JSON, spatial, unknown names).
 */
function mysqlImplicit(t: NormalizedType): { value: string; zero?: string } | undefined {
  switch (t.name) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'mediumint':
    case 'tinyint':
    case 'numeric':
    case 'float':
    case 'double precision':
    case 'bit':
      return { value: '`0`' };
    case 'char':
    case 'varchar':
    case 'tinytext':
    case 'text':
    case 'mediumtext':
    case 'longtext':
    case 'binary':
    case 'varbinary':
    case 'tinyblob':
    case 'blob':
    case 'mediumblob':
    case 'longblob':
      return { value: "the empty string `''`" };
    case 'set':
      return { value: "the empty set `''`" };
    case 'enum':
      return t.values?.length ? { value: `the first ENUM value \`'${t.values[0].replace(/'/g, "''")}'\`` } : undefined;
    case 'year':
      return { value: '`0000`' };
    case 'time':
      return { value: "`'00:00:00'`" };
    case 'date':
      return { value: '0000-00-00', zero: 'date' };
    case 'datetime':
    case 'timestamp':
      return { value: '0000-00-00 00:00:00', zero: t.name };
    default:
      return undefined;
  }
}
