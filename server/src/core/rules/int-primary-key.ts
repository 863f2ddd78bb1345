import type { Rule } from './types';
import type { Column } from '../model/schema';
import { displayName, findTable, primaryKey, sameColumn } from '../model/schema';
import { inCaseOf, typeChangedAt } from './float-for-money';

/**
 * Integer types narrower than 64 bits: [signed max, unsigned max]. `TINYINT` is left out: a 255-row counter is
 * a deliberate lookup table (sakila's `language`, `staff`), not an oversight.
 */
const MAX: Record<string, [number, number]> = {
  smallint: [32_767, 65_535],
  mediumint: [8_388_607, 16_777_215],
  integer: [2_147_483_647, 4_294_967_295],
};

/** Is the column filled from a counter: serial, identity, AUTO_INCREMENT, or (pg_dump style) `DEFAULT nextval(…)`? */
function autoIncrements(c: Column): boolean {
  return !!c.autoIncrement || (c.default !== undefined && /^\s*nextval\s*\(/i.test(c.default));
}

/**
 * An auto-incrementing primary key narrower than 64 bits. When the counter passes the type's maximum every INSERT
 * fails, and widening the key then means rewriting the table and every foreign key that references it.
 * Not SQLite: its `INTEGER PRIMARY KEY` is the 64-bit rowid whatever the declared width.
 */
export const rule: Rule = {
  meta: {
    id: 'int-primary-key',
    type: 'problem',
    category: 'types',
    description: 'Auto-incrementing primary keys should be 64-bit (`bigint`)',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      narrow: 'Primary key `{{table}}.{{column}}` is an auto-incrementing `{{type}}` that runs out at {{max}}',
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    if (d === 'sqlite') return;
    if (t.unclosed || t.virtual || t.partitionOf || t.temporary) return;
    const pk = primaryKey(t);
    if (!pk) return;
    for (const c of t.columns) {
      if (!pk.columns.some((n) => sameColumn(n, c.name, d)) || !autoIncrements(c)) continue;
      const limits = MAX[c.type.name];
      if (!limits || c.type.array) continue;
      const unsigned = d === 'mysql' && !!c.type.unsigned;
      const max = (unsigned ? limits[1] : limits[0]).toLocaleString('en-US');
      const typeName = d === 'mysql' ? (c.type.name === 'integer' ? 'INT' : c.type.name.toUpperCase()) + (unsigned ? ' UNSIGNED' : '') : c.type.name;
      const table = displayName(t.name);
      // serial → bigserial (its sequence becomes bigint too); an identity column's sequence follows its column's
      // type. A pg_dump-style `DEFAULT nextval(…)` has a sequence declared `AS integer` elsewhere: no one-edit fix.
      const wide =
        d === 'mysql'
          ? inCaseOf(c.rawType, 'bigint' + (unsigned ? ' unsigned' : ''))
          : c.autoIncrement === 'serial'
            ? inCaseOf(c.rawType, 'bigserial')
            : c.autoIncrement === 'identity'
              ? inCaseOf(c.rawType, 'bigint')
              : undefined;
      const altered = typeChangedAt(ctx, t, c);
      const fix = wide && !altered ? ctx.fixes.changeColumnType(c, wide, `Change \`${table}.${c.name}\` to \`${wide}\``) : undefined;
      const referencing = [...ctx.schema.tables.values()].filter((o) =>
        o.constraints.some((k) => k.kind === 'foreign' && k.references && findTable(ctx.schema, k.references.table) === t),
      ).length;
      const how =
        d === 'mysql'
          ? `\`ALTER TABLE … MODIFY ${c.name} BIGINT${unsigned ? ' UNSIGNED' : ''} NOT NULL AUTO_INCREMENT\``
          : c.autoIncrement === 'identity'
            ? `\`ALTER TABLE … ALTER COLUMN ${c.name} TYPE bigint\``
            : `\`ALTER TABLE … ALTER COLUMN ${c.name} TYPE bigint\` and \`ALTER SEQUENCE … AS bigint\``;
      ctx.report({
        messageId: 'narrow',
        data: { table, column: c.name, type: typeName, max },
        at: altered ?? c,
        part: altered ? undefined : 'type',
        help:
          `Use \`${d === 'mysql' ? 'BIGINT' + (unsigned ? ' UNSIGNED' : '') : c.autoIncrement === 'serial' ? 'bigserial' : 'bigint'}\`: once the counter passes ${max} every INSERT fails. ` +
          `Widening it later (${how}) rewrites the whole table while blocking writes` +
          (referencing ? `, and every foreign key column referencing it (${referencing} table${referencing === 1 ? '' : 's'}) must be widened too` : '') +
          '. A few extra bytes per row cost far less',
        fixes: [fix],
      });
    }
  },
};
