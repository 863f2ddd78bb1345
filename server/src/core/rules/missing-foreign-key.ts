import type { Rule } from './types';
import type { Column, Table } from '../model/schema';
import type { Dialect } from '../model/types';
import { displayName, findTable } from '../model/schema';
import { quoteIdent } from '../fixes';
import { compatibleKeyTypes, enforcesForeignKeys, everHadForeignKey, inForeignKey, singlePkColumn, stemOf, tableNamedBy } from './_naming';

/**
 * A column named after another table (`customer_id` → `customers`), of the type of that table's single-column
 * primary key, with no foreign key: nothing stops it from pointing at rows that do not exist.
 * Silent in a database that declares few or no foreign keys (no-FK by design: Rails without constraints, Vitess,
 * Prisma relationMode = "prisma"), and in MySQL tables whose engine ignores foreign keys (MyISAM, MEMORY, …).
 */
export const rule: Rule = {
  meta: {
    id: 'missing-foreign-key',
    type: 'problem',
    category: 'integrity',
    description: 'Columns named after another table should be declared as foreign keys to it',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      missing: 'Column `{{table}}.{{column}}` looks like a reference to `{{target}}({{pk}})` but has no foreign key',
    },
    options: {
      minDeclaredRatio: {
        type: 'number',
        default: 0.5,
        description:
          'Report only in databases that declare at least this share of their reference-named columns as foreign keys (below it, and with none at all, the database is taken to do without foreign keys by design); 0 reports whenever the database declares any foreign key',
      },
    },
  },
  check(ctx) {
    const d = ctx.schema.dialect;
    const minRatio = typeof ctx.options.minDeclaredRatio === 'number' ? ctx.options.minDeclaredRatio : 0.5;
    const declared: number[] = [];
    const found: { t: Table; col: Column; target: Table; pk: Column }[] = [];
    for (const t of ctx.schema.tables.values()) {
      if (t.virtual || t.temporary || t.unclosed || t.partitionOf || !enforcesForeignKeys(t)) continue;
      const own = singlePkColumn(t);
      const partitions = t.partitioned ? [...ctx.schema.tables.values()].filter((p) => p.partitionOf && findTable(ctx.schema, p.partitionOf) === t) : [];
      for (const col of t.columns) {
        // The table's own key (`customer.customer_id`, `film_text.film_id`) is the table's identity, not a column to check.
        if (col.generated || col === own) continue;
        const stem = stemOf(col.name, 'id');
        if (!stem) continue;
        // A partitioned parent whose partitions carry the key (pg_dump of PG 10 partitioning) is covered.
        if (inForeignKey(t, col.name) || partitions.some((p) => inForeignKey(p, col.name))) {
          declared.push(1);
          continue;
        }
        const target = tableNamedBy(ctx.schema, t, stem);
        if (!target || target === t || target.virtual || target.temporary || !enforcesForeignKeys(target)) continue;
        const pk = singlePkColumn(target);
        if (!pk || !compatibleKeyTypes(col, pk)) continue;
        // Audit trails and history keep their rows after the referenced one is deleted: no foreign key by design.
        if (isRecordOfPast(t.name.name)) continue;
        // A foreign key the migrations declared and later dropped was dropped on purpose.
        if (everHadForeignKey(ctx.schema, t, col.name)) continue;
        found.push({ t, col, target, pk });
      }
    }
    // A database that declares few of its evident references chose to do without foreign keys (Rails apps without
    // constraints, Vitess, Prisma relationMode = "prisma"): hundreds of findings would say nothing new.
    if (found.length === 0 || declared.length === 0 || declared.length / (declared.length + found.length) < minRatio) return;
    for (const { t, col, target, pk } of found) {
      const tableName = displayName(t.name);
      const targetName = displayName(target.name);
      const sql =
        d === 'sqlite'
          ? `declare \`${col.name} … REFERENCES ${quoteIdent(target.name.name, d)} (${quoteIdent(pk.name, d)})\` (SQLite cannot add a foreign key to an existing table: rebuild it, per "Making Other Kinds Of Table Schema Changes")`
          : `\`ALTER TABLE ${qualified(t, d)} ADD CONSTRAINT ${quoteIdent(`${t.name.name}_${col.name}_fkey`.slice(0, 63), d)} FOREIGN KEY (${quoteIdent(col.name, d)}) REFERENCES ${qualified(target, d)} (${quoteIdent(pk.name, d)})${d === 'postgresql' ? ' NOT VALID' : ''}\`` +
            (d === 'postgresql' ? ', then `VALIDATE CONSTRAINT` it (checks existing rows without blocking writes)' : '');
      ctx.report({
        messageId: 'missing',
        data: { table: tableName, column: col.name, target: targetName, pk: pk.name },
        at: col,
        part: 'name',
        help:
          `If \`${col.name}\` holds ids of \`${targetName}\`, ${sql}. First look for orphans: rows whose \`${col.name}\` matches no \`${targetName}.${pk.name}\` make the constraint fail. ` +
          `If it holds something else (an external id), rename it or suppress this finding.`,
        related: [{ at: pk, part: 'name', message: `Primary key of \`${targetName}\`` }],
      });
    }
  },
};

function qualified(t: Table, d: Dialect): string {
  return (t.name.schema && d === 'postgresql' ? quoteIdent(t.name.schema, d) + '.' : '') + quoteIdent(t.name.name, d);
}

const PAST = new Set(['audit', 'audits', 'log', 'logs', 'history', 'histories', 'version', 'versions', 'archive', 'archives', 'archived', 'event', 'events']);

/** `audit_logs`, `DocumentAuditLog`, `post_versions`, `enriched_events`: tables that record the past. */
function isRecordOfPast(table: string): boolean {
  return table
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\W]+/)
    .some((w) => PAST.has(w));
}
