import type { Rule, RuleContext } from './types';
import type { Fact, QName } from '../model/types';
import type { StatementRecord } from '../model/schema';
import { displayName, nameKey } from '../model/schema';
import type { TransactionInfo } from '../migrations';
import { statementLocks } from '../locks';
import { createdEarlierInFile, indexReplay, tableHasRows } from './_concurrent-index';

/**
 * A PostgreSQL migration file that, inside one transaction (an explicit BEGIN … COMMIT, or the framework's wrapping
 * of the file), first changes the schema of a table that existed before the file and then backfills with `UPDATE`
 * or `DELETE`: the DDL's lock (ACCESS EXCLUSIVE for most ALTERs) is held until COMMIT, so the whole backfill runs
 * under it. Reported once per file, on the first such backfill.
 *
 * Migration files are parsed for schema facts only: an UPDATE or DELETE is a statement record without facts, found
 * (and its table named) by its text. A backfill before the DDL is not reported: the DDL's lock is taken after it and
 * held only until the COMMIT that follows. MySQL commits each DDL statement implicitly and SQLite locks the whole
 * database for any write transaction, so neither holds a schema lock across a backfill the way PostgreSQL does.
 */
export const rule: Rule = {
  meta: {
    id: 'mixed-ddl-and-dml',
    type: 'problem',
    category: 'migrations',
    description: 'a backfill in the same transaction as a schema change runs under the schema change’s lock',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      backfill:
        '`{{statement}}` runs in the same transaction as a schema change to `{{table}}`, whose {{lock}} lock blocks the {{blocks}} of `{{table}}` until the backfill commits',
    },
  },
  check(ctx) {
    const m = ctx.migrations;
    const files = new Set(m.statements().map((r) => r.file));
    for (const file of files) {
      const text = ctx.fixes.text(file);
      if (text === undefined) continue;
      const list = m.fileStatements(file);
      const txs = list.map((r) => m.transactionOf(r));
      // A framework that wraps the file makes it one transaction, explicit blocks inside it included.
      const wrapped = txs.some((t) => t.inTransaction && t.by !== 'explicit');
      const held = new Map<string, Held[]>();
      let block = 0;
      for (let i = 0; i < list.length; i++) {
        const r = list[i];
        const tx = txs[i];
        if (r.facts.some((f) => f.kind === 'transaction' && f.control === 'begin')) block++;
        if (!tx.inTransaction) continue;
        const key = wrapped ? 'file' : `explicit ${block}`;
        const ddl = blockingDdl(ctx, r);
        if (ddl) {
          held.set(key, [...(held.get(key) ?? []), { ...ddl, record: r, tx }]);
          continue;
        }
        const locks = held.get(key);
        if (!locks) continue;
        const dml = backfill(text.slice(r.span.start, r.span.end));
        if (!dml || createdEarlierInFile(ctx, r, dml.table)) continue;
        // The lock on the backfilled table when there is one (its own writers wait), else the first one taken.
        const h = locks.find((l) => same(l.table, dml.table)) ?? locks[0];
        const table = displayName(h.table);
        ctx.report({
          messageId: 'backfill',
          data: { statement: `${dml.verb} ${displayName(dml.table)}`, table, lock: h.lock, blocks: h.blocks },
          severity: m.isLarge(h.table) || m.isLarge(dml.table) ? 'error' : undefined,
          at: { file, span: { start: r.span.start + dml.start, end: r.span.start + dml.end } },
          related: [{ at: { file, span: h.fact.span }, message: `${h.what} takes ${h.lock} on \`${table}\` here, held until ${until(h.tx)}` }],
          help:
            'Move the backfill to a migration of its own that runs after this one has committed, and batch it ' +
            '(`UPDATE … WHERE id BETWEEN … AND …`, one short transaction per batch) so no lock is held for the whole ' +
            'table; keep the transaction that changes the schema short.',
        });
        break;
      }
    }
  },
};

interface Held {
  record: StatementRecord;
  fact: Fact;
  table: QName;
  lock: string;
  blocks: string;
  what: string;
  tx: TransactionInfo;
}

/** Strongest first: the locks that block reads or writes. SHARE UPDATE EXCLUSIVE (VALIDATE, CONCURRENTLY) blocks neither. */
const BLOCKING = ['ACCESS EXCLUSIVE', 'EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'SHARE'];

/** The first schema change of `r` on a table that may hold rows, with the lock it keeps until COMMIT. */
function blockingDdl(ctx: RuleContext, r: StatementRecord): Omit<Held, 'record' | 'tx'> | undefined {
  const m = ctx.migrations;
  for (const f of r.facts) {
    let table: QName | undefined;
    if (f.kind === 'alterTable') table = f.table;
    else if (f.kind === 'createIndex' && !f.index.concurrently) table = f.index.table;
    else if (f.kind === 'renameTable') table = f.from;
    else if (f.kind === 'dropIndex' && !f.concurrently) {
      const d = indexReplay(ctx).drops.get(r)?.find((x) => x.tableHasRows);
      if (d) return lockOf(ctx, f, d.table);
      continue;
    }
    if (table && tableHasRows(ctx, r, table)) {
      const l = lockOf(ctx, f, table);
      if (l) return l;
    }
  }
  return undefined;
  function lockOf(ctx: RuleContext, f: Fact, table: QName): Omit<Held, 'record' | 'tx'> | undefined {
    const locks = statementLocks([f], 'postgresql', m.postgresVersion, m.mysqlVersion);
    // An ALTER TABLE the lock table does not know still takes ACCESS EXCLUSIVE (PostgreSQL's default for it).
    if (!locks.length && f.kind === 'alterTable') return { fact: f, table, lock: 'ACCESS EXCLUSIVE', blocks: 'reads and writes', what: 'ALTER TABLE' };
    const strongest = BLOCKING.map((mode) => locks.find((l) => l.lock === mode)).find((l) => l !== undefined);
    if (!strongest) return undefined;
    const what = strongest.what.charAt(0).toUpperCase() + strongest.what.slice(1);
    return { fact: f, table, lock: strongest.lock, blocks: strongest.blocks, what };
  }
}

/** Until when a lock taken in this transaction is held. */
function until(tx: TransactionInfo): string {
  switch (tx.by) {
    case 'explicit':
      return 'the `COMMIT`';
    case 'dbmate':
      return 'the end of the migration (dbmate wraps it in a transaction)';
    case 'flyway':
      return 'the end of the migration (Flyway wraps it in a transaction)';
    case 'golang-migrate':
      return 'the end of the file (golang-migrate sends it as one multi-statement query: one transaction)';
    case 'prisma':
      return 'the end of the migration (Prisma Migrate sends it as one multi-statement query: one transaction)';
    case 'diesel':
      return 'the end of the migration (Diesel runs it in a transaction)';
    default:
      return 'the end of the transaction';
  }
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)`;
const NAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;
/** `UPDATE [ONLY] t [[AS] alias] SET` or `DELETE FROM [ONLY] t`, at the start or after a WITH clause. */
const DML = new RegExp(
  String.raw`^(\s*(?:WITH\b[\s\S]*?\b)?)(?:(UPDATE)\s+(?:ONLY\s+)?${NAME}\s*\*?(?:\s+(?:AS\s+)?${IDENT})?\s+SET\b|(DELETE)\s+FROM\s+(?:ONLY\s+)?${NAME})`,
  'i',
);

/** The UPDATE or DELETE a statement's text is, if it is one: the verb, the table, and the span of both (in the text). */
function backfill(statement: string): { verb: string; table: QName; start: number; end: number } | undefined {
  const lead = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/.exec(statement)?.[0].length ?? 0;
  const x = DML.exec(statement.slice(lead));
  if (!x) return undefined;
  const verb = (x[2] ?? x[4]).toUpperCase();
  const written = x[3] ?? x[5];
  const start = lead + x[1].length;
  const nameAt = statement.indexOf(written, start);
  const table = qname(written);
  // A write to the system catalog (`UPDATE pg_index …`) is a quick catalog fix, not a backfill of data.
  if (table.schema === 'pg_catalog' || (!table.schema && table.name.startsWith('pg_'))) return undefined;
  return { verb: verb === 'DELETE' ? 'DELETE FROM' : 'UPDATE', table, start, end: nameAt + written.length };
}

function qname(written: string): QName {
  const parts = [...written.matchAll(new RegExp(IDENT, 'g'))].map(([p]) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase()));
  return parts.length > 1 ? { schema: parts[0], name: parts[1] } : { name: parts[0] };
}

/** Same table (an unqualified name matches any schema: when in doubt, the same table). */
function same(a: QName, b: QName): boolean {
  if (a.schema && b.schema) return nameKey(a, 'postgresql') === nameKey(b, 'postgresql');
  return a.name === b.name;
}

