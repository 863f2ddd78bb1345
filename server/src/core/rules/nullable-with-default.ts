import type { Rule } from './types';
import type { Column } from '../model/schema';
import type { Dialect } from '../model/types';
import { displayName } from '../model/schema';
import { quoteIdent } from '../fixes';
import { inForeignKey, isIntegerType } from './_naming';
import { balanced } from '../model/indexes';

/**
 * A nullable flag, counter or creation timestamp with a constant default (`DEFAULT false`, `DEFAULT 0`,
 * `DEFAULT now()`): the default says the value always exists, the missing NOT NULL lets an explicit NULL in anyway,
 * and every reader must then treat NULL as a third state.
 */
export const rule: Rule = {
  meta: {
    id: 'nullable-with-default',
    type: 'suggestion',
    category: 'integrity',
    description: 'Boolean, counter and timestamp columns with a constant default should be NOT NULL',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'info',
    fixable: 'sometimes',
    messages: {
      nullable: 'Column `{{table}}.{{column}}` has `DEFAULT {{default}}` but accepts NULL',
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    if (t.virtual || t.unclosed || t.partitionOf) return;
    for (const col of t.columns) {
      if (!col.nullable || col.default === undefined || col.generated || col.autoIncrement) continue;
      const kind = kindOf(col, d);
      if (!kind || inForeignKey(t, col.name)) continue;
      const table = displayName(t.name);
      const title = `Make \`${table}.${col.name}\` NOT NULL`;
      // An explicit `NULL` is replaced (appending NOT NULL beside it would contradict it); else NOT NULL follows the type.
      const written = col.origin.parts?.nullability;
      const fix =
        written && ctx.fixes.canAddTo(col.origin.file)
          ? { title, safe: false, edits: [{ file: col.origin.file, start: written.start, end: written.end, newText: 'NOT NULL' }] }
          : ctx.fixes.addNotNull(col, title);
      const inOldMigration = !fix && ctx.isMigrationFile(col.origin.file);
      const q = (n: string) => quoteIdent(n, d);
      const backfill = `UPDATE ${q(t.name.name)} SET ${q(col.name)} = ${col.default.trim()} WHERE ${q(col.name)} IS NULL`;
      let how: string;
      if (inOldMigration) {
        how =
          d === 'postgresql'
            ? `In a new migration: \`${backfill}\`, then \`ALTER TABLE ${q(t.name.name)} ADD CONSTRAINT ${q(`${t.name.name}_${col.name}_not_null`.slice(0, 63))} CHECK (${q(col.name)} IS NOT NULL) NOT VALID\`, \`VALIDATE CONSTRAINT\` it (no long lock), and \`ALTER COLUMN ${q(col.name)} SET NOT NULL\` (PostgreSQL 12+ uses the validated CHECK instead of scanning), then drop the CHECK`
            : d === 'mysql'
              ? `In a new migration: \`${backfill}\`, then \`ALTER TABLE ${q(t.name.name)} MODIFY ${q(col.name)} ${col.rawType} NOT NULL DEFAULT ${col.default.trim()}\` (restate the whole definition: MODIFY replaces it)`
              : `In a new migration: \`${backfill}\`, then rebuild the table with the column NOT NULL (SQLite cannot alter a column's constraints)`;
      } else {
        how = `Declare it NOT NULL`;
      }
      ctx.report({
        messageId: 'nullable',
        data: { table, column: col.name, default: col.default.trim() },
        at: col,
        part: 'name',
        help: `${how}: ${REASON[kind]}. If NULL really means something here (unknown, not applicable), keep it and suppress this finding.`,
        fixes: [fix],
      });
    }
  },
};

type Kind = 'boolean' | 'counter' | 'timestamp';

const REASON: Record<Kind, string> = {
  boolean: 'a nullable boolean has three states, and `WHERE NOT flag` silently skips the NULL rows',
  counter: 'a nullable number turns `count + 1` and `SUM` over it into NULL or a skipped row',
  timestamp: 'the default says every row has this time, yet an explicit NULL is accepted and sorts first or last unexpectedly',
};

/** The default without wrapping parentheses and PG casts, lower-cased: `('0'::integer)` → `'0'`. */
function bareDefault(raw: string): string {
  let s = raw.trim();
  for (;;) {
    const before = s;
    s = s.replace(/::[a-z_ ]+(?:\([0-9, ]*\))?(?:\[\])?\s*$/i, '').trim();
    if (/^\(.*\)$/s.test(s) && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
    if (s === before) break;
  }
  return s.toLowerCase();
}

const NOW =
  /^(?:now\(\)|current_timestamp(?:\(\d*\))?|localtimestamp(?:\(\d*\))?|transaction_timestamp\(\)|statement_timestamp\(\)|clock_timestamp\(\)|timezone\('utc'(?:::text)?, *now\(\)\)|now\(\) at time zone 'utc'(?:::text)?|datetime\('now'\)|strftime\('[^']*', *'now'\))$/;

/** Names of row-bookkeeping times (`created_at`, `updatedAt`, `last_update`, `date_added`), not of business dates. */
const STAMPED = /^(?:(?:date|time)_?)?(?:created|inserted|added|updated|modified|changed|last_?updated?|last_?modified|executed|recorded|creation)(?:_?(?:at|on|date|time|ts|timestamp))?$/i;

const TIMESTAMPS = new Set(['timestamp', 'timestamptz', 'datetime']);

function kindOf(col: Column, dialect: Dialect): Kind | undefined {
  const v = bareDefault(col.default ?? '');
  if (v === '' || v === 'null' || v.startsWith('null')) return undefined;
  const t = col.type;
  if (t.array) return undefined;
  const isBool = t.name === 'boolean' || (dialect === 'mysql' && ((t.name === 'tinyint' && t.length === 1) || (t.name === 'bit' && t.length === 1)));
  if (isBool) return /^(?:true|false|'t'|'f'|'true'|'false'|0|1|'0'|'1'|b'0'|b'1')$/.test(v) ? 'boolean' : undefined;
  // Only 0: a counter, position or lock version. A nullable limit with `DEFAULT 600` may well mean "no limit" when NULL.
  if (isIntegerType(col)) return /^'?0'?$/.test(v) ? 'counter' : undefined;
  if (NOW.test(v) && STAMPED.test(col.name) && (TIMESTAMPS.has(t.name) || (dialect === 'sqlite' && (t.name === 'text' || t.name === '')))) {
    // MySQL TIMESTAMP without an explicit NULL is NOT NULL when explicit_defaults_for_timestamp is OFF (the
    // default before 8.0.2): only a written `NULL` says it is nullable on every server.
    if (dialect === 'mysql' && t.name === 'timestamp' && !col.origin.parts?.nullability) return undefined;
    return 'timestamp';
  }
  return undefined;
}
