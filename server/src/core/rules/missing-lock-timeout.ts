import type { Locatable, Report, Rule, RuleContext } from './types';
import type { Fact, QName } from '../model/types';
import type { StatementRecord } from '../model/schema';
import { displayName } from '../model/schema';
import { statementLocks, type LockInfo } from '../locks';
import { indexReplay, tableHasRows } from './_concurrent-index';

/**
 * A PostgreSQL migration file that takes an ACCESS EXCLUSIVE lock (or builds an index under SHARE) on a table that
 * existed before it, with no `SET lock_timeout` earlier in the file. The lock waits behind every running query on the
 * table, and every later query waits behind it: a brief ALTER turns into an outage while a long report runs.
 * One finding per file, on its first such statement. Off by default: teams often set the timeout per role instead.
 */
export const rule: Rule = {
  meta: {
    id: 'missing-lock-timeout',
    type: 'suggestion',
    category: 'migrations',
    description: 'Migrations that take strong locks on existing tables should set lock_timeout first',
    dialects: ['postgresql'],
    defaultSeverity: 'off',
    fixable: 'never',
    messages: {
      missing: 'This migration takes {{lock}} lock on `{{table}}` ({{what}}) with no `lock_timeout` set before it',
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const r of ctx.migrations.statements()) {
      if (seen.has(r.file)) continue;
      const hit = strongLock(ctx, r);
      if (!hit) continue;
      seen.add(r.file);
      if (timeoutSetBefore(ctx.fixes.text(r.file) ?? '', r.span.start)) continue;
      ctx.report({
        messageId: 'missing',
        data: { what: hit.lock.what, lock: hit.lock.lock === 'SHARE' ? 'a SHARE' : 'an ACCESS EXCLUSIVE', table: displayName(hit.table) },
        at: hit.at,
        part: hit.part,
        help:
          "Put `SET lock_timeout = '5s';` at the top of the migration (`SET LOCAL` inside a transaction), and retry the migration when it times out. " +
          `Without it the statement waits for every running query on the table to finish, and every later query on the table, reads included, queues behind it until then.`,
      });
    }
  },
};

interface Hit {
  lock: LockInfo;
  table: QName;
  at: Locatable;
  part?: Report['part'];
}

/** The statement's first fact that takes ACCESS EXCLUSIVE (or SHARE for an index build) on a table holding rows. */
function strongLock(ctx: RuleContext, r: StatementRecord): Hit | undefined {
  for (const f of r.facts) {
    const lock = statementLocks([f], 'postgresql', ctx.migrations.postgresVersion, [8, 0, 99]).find((l) => l.lock === 'ACCESS EXCLUSIVE' || (l.lock === 'SHARE' && l.work === 'build'));
    if (!lock) continue;
    const target = targetOf(ctx, r, f);
    if (target && target.hasRows) return { lock, table: target.table, ...where(r, f) };
  }
  return undefined;
}

function targetOf(ctx: RuleContext, r: StatementRecord, f: Fact): { table: QName; hasRows: boolean } | undefined {
  const rows = (table: QName) => ({ table, hasRows: tableHasRows(ctx, r, table) });
  switch (f.kind) {
    case 'alterTable':
      return rows(f.table);
    case 'createIndex':
      return rows(f.index.table);
    case 'renameTable':
      return rows(f.from);
    case 'dropTable':
      // Dropping a table no deployed code reads is the usual case; the lock still waits behind readers.
      return f.tables.length === 1 ? rows(f.tables[0]) : undefined;
    case 'dropIndex': {
      const d = indexReplay(ctx).drops.get(r)?.find((x) => x.tableHasRows);
      return d && { table: d.table, hasRows: true };
    }
    default:
      return undefined;
  }
}

function where(r: StatementRecord, f: Fact): { at: Locatable; part?: Report['part'] } {
  if (f.kind === 'alterTable') return { at: { file: r.file, span: f.nameSpan } };
  if (f.kind === 'createIndex') return { at: f.index, part: 'keyword' };
  return { at: { file: r.file, span: f.span } };
}

/**
 * Does the text before `offset` set a lock timeout (`SET [LOCAL|SESSION] lock_timeout = …` / `TO …`, or
 * `set_config('lock_timeout', …)`) whose last value is not 0 or DEFAULT? Comments are skipped.
 */
export function timeoutSetBefore(text: string, offset: number): boolean {
  const before = text.slice(0, offset).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const re = /\bSET\s+(?:LOCAL\s+|SESSION\s+)?lock_timeout\s*(?:=|\bTO\b)\s*('[^']*'|[\w.]+)|\bset_config\s*\(\s*'lock_timeout'\s*,\s*('[^']*')/gi;
  let last: string | undefined;
  for (const m of before.matchAll(re)) last = (m[1] ?? m[2]).replace(/^'|'$/g, '').trim();
  return last !== undefined && !/^(?:0+(?:\.0*)?\s*(?:ms|s|min|h|d)?|default)$/i.test(last);
}
