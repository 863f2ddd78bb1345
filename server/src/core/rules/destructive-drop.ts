import type { Rule } from './types';
import type { Fact } from '../model/types';
import type { StatementTarget } from '../model/schema';
import { displayName } from '../model/schema';
import { columnNameRetaken, introducedBefore, nameList, tableNameRetaken } from './_same-file';

/**
 * A migration that deletes data that existed before the file: `DROP TABLE`, `DROP COLUMN`, `TRUNCATE`, PG `DROP
 * SCHEMA … CASCADE` and MySQL `DROP DATABASE` with tables in them. The data is gone unless restored from a backup,
 * and application code still deployed that uses the table or column fails from the moment the migration runs.
 *
 * Silent on what the same file created (a table created, a column added earlier in it), on `DROP … IF EXISTS` of
 * something the replay never had, on down-migrations (not replayed), and on a table rebuild: the dropped table's
 * name is given back later in the file by a rename (`CREATE TABLE new_t …; INSERT INTO new_t SELECT … FROM t;
 * DROP TABLE t; ALTER TABLE new_t RENAME TO t`, how SQLite and Prisma change a table), and the same for a column
 * (`ADD COLUMN c_temp; UPDATE … SET c_temp = c; DROP COLUMN c; RENAME COLUMN c_temp TO c`).
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-drop',
    type: 'problem',
    category: 'migrations',
    description: 'Dropping or truncating a table, a column or a schema in a migration deletes data and breaks code still using it',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      table: 'Dropping {{tables}} deletes every row in {{them}}',
      truncate: 'Truncating {{tables}} deletes every row in {{them}}',
      column: 'Dropping column `{{table}}.{{column}}` deletes its value in every row',
      schema: 'Dropping {{what}} {{schema}} deletes {{tables}} and every row in {{them}}',
    },
  },
  check(ctx) {
    const d = ctx.schema.dialect;
    for (const r of ctx.migrations.statements()) {
      if (!r.targets) continue;
      // One finding per statement for tables (a DROP TABLE of several names them all), one per dropped column.
      const tables = new Map<Fact, StatementTarget[]>();
      for (const t of r.targets) {
        const { fact, action } = t;
        if (!t.existedBeforeFile || introducedBefore(ctx, r, fact, t.table, t.column)) continue;
        if (fact.kind === 'alterTable') {
          if (action?.action !== 'dropColumn' || !t.column) continue;
          // A column rebuild: a copy made in this file is renamed into the dropped column's place.
          if (columnNameRetaken(ctx, r, fact, t.table, action.name, 'rename')) continue;
          ctx.report({
            messageId: 'column',
            data: { table: displayName(t.table), column: action.name },
            at: { file: r.file, span: action.span },
            help:
              `Code deployed before this migration that reads or writes \`${action.name}\` fails from the moment it runs, and the data is gone unless restored from a backup. ` +
              `Expand and contract instead: first deploy code that no longer uses \`${action.name}\`, then drop it in a later migration (with a backup, or after copying what is still needed).`,
          });
          continue;
        }
        if (fact.kind !== 'dropTable' && fact.kind !== 'truncate' && fact.kind !== 'dropSchema') continue;
        // A rebuild: the table's name comes back by a rename later in this file (its rows copied into the new table).
        if (fact.kind === 'dropTable' && tableNameRetaken(ctx, r, fact, t.table, 'rename')) continue;
        let list = tables.get(fact);
        if (!list) tables.set(fact, (list = []));
        list.push(t);
      }
      for (const [fact, list] of tables) {
        const names = list.map((t) => displayName(t.table));
        const data = { tables: `${names.length > 1 ? 'tables' : 'table'} ${nameList(names)}`, them: names.length > 1 ? 'them' : 'it' };
        const at = { file: r.file, span: fact.span };
        if (fact.kind === 'truncate') {
          ctx.report({
            messageId: 'truncate',
            data,
            at,
            help: 'The rows are gone unless restored from a backup. Keep a backup (or a copy of the rows) before emptying a table that holds data, and make sure no deployed code still expects them.',
          });
        } else if (fact.kind === 'dropSchema') {
          ctx.report({
            messageId: 'schema',
            data: { ...data, what: d === 'mysql' ? 'database' : 'schema', schema: nameList([...new Set(list.map((t) => t.table.schema ?? 'public'))]) },
            at,
            help: `${STILL_USED} Drop the tables one by one in a later migration, each once no deployed code uses it, and keep a backup.`,
          });
        } else {
          ctx.report({
            messageId: 'table',
            data,
            at,
            help: `${STILL_USED} Expand and contract instead: first deploy code that no longer reads or writes ${names.length > 1 ? 'them' : 'it'}, then drop ${names.length > 1 ? 'them' : 'it'} in a later migration, and keep a backup.`,
          });
        }
      }
    }
  },
};

const STILL_USED = 'Code deployed before this migration that uses the table fails from the moment it runs, and the data is gone unless restored from a backup.';
