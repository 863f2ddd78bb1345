import type { Rule, RuleContext } from './types';
import type { Column, Table } from '../model/schema';
import type { Dialect } from '../model/types';
import { displayName, findTable } from '../model/schema';
import { indexLookup, type TableIndex } from '../model/reads';
import { quoteIdent } from '../fixes';
import { compatibleKeyTypes, enforcesForeignKeys, everHadForeignKey, inForeignKey, isIntegerType, isStringType, singlePkColumn, stemOf, tableNamedBy } from './_naming';

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
    fixable: 'sometimes',
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
  tableSummary: {
    of(ctx, t) {
      const c = candidates(ctx, t);
      return [c.declared, c.found.length];
    },
    // A database that declares few of its evident references chose to do without foreign keys (Rails apps without
    // constraints, Vitess, Prisma relationMode = "prisma"): hundreds of findings would say nothing new.
    gate(ctx, [declared = 0, found = 0]) {
      const minRatio = typeof ctx.options.minDeclaredRatio === 'number' ? ctx.options.minDeclaredRatio : 0.5;
      return found > 0 && declared > 0 && declared / (declared + found) >= minRatio;
    },
  },
  checkTable(ctx, t, gate) {
    if (!gate) return;
    const d = ctx.schema.dialect;
    for (const { col, target, pk } of candidates(ctx, t).found) {
      const tableName = displayName(t.name);
      const targetName = displayName(target.name);
      const title = `Add foreign key \`${tableName}(${col.name})\` → \`${targetName}(${pk.name})\``;
      const obstacle = typeObstacle(t, col, target, pk, d);
      const planned = obstacle ? undefined : ctx.fixes.addForeignKey(t, col, target, pk, title);
      const parent = `${quoteIdent(target.name.name, d)} (${quoteIdent(pk.name, d)})`;
      let declare: string;
      if (d === 'sqlite') {
        declare = planned
          ? `declare it on the column: \`${col.name} ${col.rawType} REFERENCES ${parent}\``
          : `declare \`${col.name} … REFERENCES ${parent}\` (SQLite cannot add a foreign key to an existing table: rebuild it, per "Making Other Kinds Of Table Schema Changes")`;
        declare += '. SQLite enforces it only on connections that run `PRAGMA foreign_keys = ON`';
      } else {
        // Without a fix, a PostgreSQL migration is told the non-blocking form.
        const notValid = planned ? planned.notValid : d === 'postgresql' && ctx.isMigrationFile(col.origin.file);
        const name = quoteIdent(ctx.fixes.foreignKeyName(t, col.name), d);
        declare = `\`ALTER TABLE ${qualified(t, d)} ADD CONSTRAINT ${name} FOREIGN KEY (${quoteIdent(col.name, d)}) REFERENCES ${qualified(target, d)} (${quoteIdent(pk.name, d)})${notValid ? ' NOT VALID' : ''}\``;
        if (notValid)
          declare +=
            `, then \`ALTER TABLE ${qualified(t, d)} VALIDATE CONSTRAINT ${name}\` in a later migration${planned ? ' (the fix writes it below the ADD: move it there)' : ''}: NOT VALID skips the check of existing rows and holds its write-blocking lock only briefly; ` +
            `VALIDATE checks them under a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes go on (run in the same transaction as the ADD, it would keep the ADD's lock until commit)`;
        if (d === 'mysql') declare += ' (MySQL 8 and earlier ignore a `REFERENCES` written on the column; on a table with rows, MySQL copies the table to add the key unless `foreign_key_checks` is off)';
      }
      const orphans = `rows whose \`${col.name}\` matches no \`${targetName}.${pk.name}\``;
      ctx.report({
        messageId: 'missing',
        data: { table: tableName, column: col.name, target: targetName, pk: pk.name },
        at: col,
        part: 'name',
        help:
          `If \`${col.name}\` holds ids of \`${targetName}\`, ${obstacle ? obstacle + ', then ' : ''}${declare}. ` +
          (d === 'sqlite' ? `First look for orphans: ${orphans} (\`PRAGMA foreign_key_check\` lists them). ` : `First look for orphans: ${orphans} make the constraint fail. `) +
          `Choose its \`ON DELETE\` action (the default refuses to delete a row of \`${targetName}\` that is still referenced). ` +
          `If it holds something else (an external id), rename it or suppress this finding.`,
        related: [{ at: pk, part: 'name', message: `Primary key of \`${targetName}\`` }],
        fixes: [planned?.fix],
      });
    }
  },
};

/**
 * The reference-named columns of `t`: how many have a foreign key (`declared`), and those without one whose name
 * points at a table whose single-column key they could hold (`found`).
 */
function candidates(ctx: RuleContext, t: Table): { declared: number; found: { col: Column; target: Table; pk: Column }[] } {
  const found: { col: Column; target: Table; pk: Column }[] = [];
  let declared = 0;
  if (t.virtual || t.temporary || t.unclosed || t.partitionOf || !enforcesForeignKeys(t)) return { declared, found };
  const own = singlePkColumn(t);
  const partitions = t.partitioned ? indexLookup(ctx.schema, partitionsByParent, t.key).flatMap((k) => ctx.schema.tables.get(k) ?? []) : [];
  for (const col of t.columns) {
    // The table's own key (`customer.customer_id`, `film_text.film_id`) is the table's identity, not a column to check.
    if (col.generated || col === own) continue;
    const stem = stemOf(col.name, 'id');
    if (!stem) continue;
    // A partitioned parent whose partitions carry the key (pg_dump of PG 10 partitioning) is covered.
    if (inForeignKey(t, col.name) || partitions.some((p) => inForeignKey(p, col.name))) {
      declared++;
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
    found.push({ col, target, pk });
  }
  return { declared, found };
}

/** A partitioned table's key → its partitions' keys (looked up, not scanned: a scan reads every table). */
const partitionsByParent: TableIndex = {
  perTable: (schema, p, add) => {
    const parent = p.partitionOf && findTable(schema, p.partitionOf);
    if (parent) add(parent.key);
  },
};

const INT_WIDTH: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, integer: 4, bigint: 8 };

/**
 * What must change before the foreign key can be declared as the two columns stand (no fix until then), so that the
 * database takes it and foreign-key-type-mismatch and charset-collation-mismatch stay silent after it.
 */
function typeObstacle(t: Table, col: Column, target: Table, pk: Column, d: Dialect): string | undefined {
  if (d === 'sqlite') return undefined;
  if (d === 'mysql' && (t.partitioned || target.partitioned)) return 'take partitioning off first (MySQL has no foreign keys on partitioned tables)';
  const same = `\`${displayName(t.name)}.${col.name}\` (\`${col.rawType}\`) and \`${displayName(target.name)}.${pk.name}\` (\`${pk.rawType}\`)`;
  if (isIntegerType(col) && isIntegerType(pk)) {
    if (d === 'mysql' && (col.type.name !== pk.type.name || !!col.type.unsigned !== !!pk.type.unsigned))
      return `give ${same} the same integer size and signedness (InnoDB refuses the key otherwise)`;
    if (d === 'postgresql' && INT_WIDTH[col.type.name] < INT_WIDTH[pk.type.name]) return `widen \`${displayName(t.name)}.${col.name}\` to \`${pk.type.name}\` (it cannot hold keys past the range of \`${col.type.name}\`)`;
    return undefined;
  }
  if (isStringType(col) && isStringType(pk)) {
    const chars = (c: Column) => c.type.name === 'char' || c.type.name === 'varchar';
    if (d === 'mysql' && !(chars(col) && chars(pk)))
      return `make ${same} CHAR or VARCHAR (InnoDB cannot key a TEXT column without a prefix)`;
    if (d === 'mysql' && (col.effectiveCharset !== pk.effectiveCharset || col.effectiveCollation !== pk.effectiveCollation))
      return `give ${same} the same character set and collation (InnoDB refuses the key otherwise)`;
    if (d === 'postgresql' && col.collation && pk.collation && col.collation !== pk.collation)
      return `give ${same} the same collation (with two explicit collations their comparison has none)`;
  }
  return undefined;
}

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
