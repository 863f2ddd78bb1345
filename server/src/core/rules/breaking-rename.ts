import type { Rule } from './types';
import type { Dialect } from '../model/types';
import { displayName } from '../model/schema';
import { columnNameRetaken, introducedBefore, tableNameFreedBefore, tableNameRetaken } from './_same-file';

/**
 * A migration that renames a column (`RENAME COLUMN`, MySQL `CHANGE old new …`) or a table (`RENAME TO`, MySQL
 * `RENAME TABLE`) that existed before the file. The application code running when the migration runs still uses the
 * old name until the new code is deployed, and every query with it fails in between.
 *
 * Silent where nothing deployed can use the old name or it keeps existing: a table created earlier in the same
 * migration, a column added in it, an old name the migration gives back (a rebuild: `RENAME TO x_old` then
 * `CREATE TABLE x`; a column re-added; a view of the old name bridging a table rename), and the second half of a
 * swap (`RENAME TABLE t TO t_old, t_new TO t`).
 */
export const rule: Rule = {
  meta: {
    id: 'breaking-rename',
    type: 'problem',
    category: 'migrations',
    description: 'Renaming a column or table in a migration breaks the application code still running against the old name',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      column: 'Renaming column `{{table}}.{{from}}` to `{{to}}` breaks running code that still uses `{{from}}`',
      table: 'Renaming table `{{from}}` to `{{to}}` breaks running code that still uses `{{from}}`',
    },
  },
  check(ctx) {
    const d = ctx.schema.dialect;
    for (const r of ctx.migrations.statements()) {
      for (const t of r.targets ?? []) {
        const { fact, action } = t;
        if (!t.existedBeforeFile || introducedBefore(ctx, r, fact, t.table, t.column)) continue;
        const newTable = fact.kind === 'renameTable' ? fact.to : action?.action === 'renameTable' ? action.to : undefined;
        if (newTable) {
          if (tableNameRetaken(ctx, r, fact, t.table) || tableNameFreedBefore(ctx, r, fact, newTable)) continue;
          const from = displayName(t.table);
          const to = displayName({ schema: newTable.schema ?? t.table.schema, name: newTable.name });
          ctx.report({
            messageId: 'table',
            data: { from, to },
            at: { file: r.file, span: action?.action === 'renameTable' ? action.span : fact.span },
            help: `${BREAKS(from)} ${EXPAND_CONTRACT} ${viewBridge(d, from, to)}`,
          });
          continue;
        }
        if (fact.kind !== 'alterTable' || !action || !t.column) continue;
        if (action.action !== 'renameColumn' && action.action !== 'modifyColumn') continue;
        const from = action.from;
        const to = action.action === 'renameColumn' ? action.to : action.column.name;
        if (columnNameRetaken(ctx, r, fact, t.table, from)) continue;
        ctx.report({
          messageId: 'column',
          data: { table: displayName(t.table), from, to },
          ...(action.action === 'renameColumn' ? { at: { file: r.file, span: action.span } } : { at: action.column, part: 'name' as const }),
          help:
            `${BREAKS(from)} Expand and contract instead: add \`${to}\`, write both columns, backfill \`${to}\` from \`${from}\`, ` +
            `switch reads to \`${to}\`, and drop \`${from}\` in a later migration once no deployed code uses it.`,
        });
      }
    }
  },
};

const BREAKS = (from: string) =>
  `The application deployed when the migration runs keeps using \`${from}\` until the new code is out: its queries fail in between (and a rollback of the code fails too).`;

const EXPAND_CONTRACT =
  'Expand and contract instead: create the new table, write to both, backfill it, switch reads to it, and drop the old one in a later migration.';

function viewBridge(d: Dialect, from: string, to: string): string {
  const view = `\`CREATE VIEW ${from} AS SELECT * FROM ${to}\``;
  if (d === 'sqlite') return `Or bridge the deploy with a view of the old name, ${view}, until no deployed code uses it (SQLite views are read-only without INSTEAD OF triggers).`;
  return `Or bridge the deploy with a view of the old name in the same migration, ${view} (a simple view is updatable), and drop it once no deployed code uses it.`;
}
