/**
 * Shared by the PostgreSQL index-lock rules (blocking-index-creation, blocking-index-drop,
 * concurrent-index-in-transaction, unique-constraint-addition): is a statement's table one that may hold rows, which
 * table an index named by `DROP INDEX` belongs to, and in which transaction a CONCURRENTLY statement would run.
 */
import type { Fact, IndexDef, QName } from '../model/types';
import type { Schema, StatementRecord } from '../model/schema';
import { columnKey, nameKey } from '../model/schema';
import { nameIndex } from '../model/names';
import type { TransactionInfo } from '../migrations';
import type { RuleContext } from './types';
import { emptyBefore } from './_fresh-table';

/**
 * Did `table` exist before the statement's file, holding rows a lock would make wait? The replay's answer
 * (`existing`), except when an earlier statement of the same file created the table (see `createdEarlierInFile`):
 * a migration set beside a schema dump declares every table before the first migration runs, so the replay calls
 * all of them existing; and a table built under another name and renamed into place is new.
 */
export function tableHasRows(ctx: RuleContext, r: StatementRecord, table: QName): boolean {
  // Also the other rules' notion (`emptyBefore`): an earlier part of a split migration created it, or the
  // migration emptied it with TRUNCATE.
  return ctx.migrations.existing(r) && !createdEarlierInFile(ctx, r, table) && !(r.facts.length > 0 && emptyBefore(ctx, r, r.facts[0], table));
}

const creators = new WeakMap<Schema, Map<string, string>>();

/** Per table key, the first migration file that creates it. */
function firstCreated(ctx: RuleContext): Map<string, string> {
  let m = creators.get(ctx.schema);
  if (!m) {
    m = new Map();
    for (const r of ctx.migrations.statements())
      for (const f of r.facts) if (f.kind === 'createTable' && !m.has(nameKey(f.table.name, 'postgresql'))) m.set(nameKey(f.table.name, 'postgresql'), r.file);
    creators.set(ctx.schema, m);
  }
  return m;
}

/**
 * Is `table`, when `r` runs, one that a statement of `r`'s migration file created earlier (under this name, or under
 * another and then renamed: `CREATE TABLE t2 …; DROP TABLE t; ALTER TABLE t2 RENAME TO t`)?
 */
export function createdEarlierInFile(ctx: RuleContext, r: StatementRecord, table: QName): boolean {
  const key = (q: QName) => nameKey(q, 'postgresql');
  const fresh = new Set<string>();
  const gone = new Set<string>();
  const rename = (from: QName, to: QName) => {
    const k = key({ schema: to.schema ?? from.schema, name: to.name });
    gone.add(key(from));
    if (fresh.delete(key(from))) fresh.add(k);
  };
  for (const s of ctx.migrations.fileStatements(r.file)) {
    if (s === r) break;
    for (const f of s.facts) {
      if (f.kind === 'createTable') {
        const k = key(f.table.name);
        // `IF NOT EXISTS` of a table that is still there creates nothing, unless only a schema file (a dump of
        // a later state) declared it: then this migration is the one that created it.
        if (!(f.ifNotExists && s.tableExistedBeforeFile && !gone.has(k) && firstCreated(ctx).get(k) !== r.file)) fresh.add(k);
      } else if (f.kind === 'dropTable') {
        for (const t of f.tables) {
          fresh.delete(key(t));
          gone.add(key(t));
        }
      } else if (f.kind === 'renameTable') rename(f.from, f.to);
      else if (f.kind === 'alterTable') for (const a of f.actions) if (a.action === 'renameTable') rename(f.table, a.to);
    }
  }
  return fresh.has(key(table));
}

/** A statement made only of `CREATE INDEX CONCURRENTLY` / `DROP INDEX CONCURRENTLY` (`self` counted as one). */
function concurrentOnly(r: StatementRecord, self?: StatementRecord): boolean {
  if (r === self) return true;
  return r.facts.length > 0 && r.facts.every((f) => (f.kind === 'createIndex' && f.index.concurrently) || (f.kind === 'dropIndex' && f.concurrently));
}

/**
 * The transaction a CONCURRENTLY index statement runs in (`r` itself, or `r` once the fix made it concurrent).
 * `transactionOf`, refined for two frameworks that run some files outside one:
 * - Flyway runs a migration whose statements all refuse a transaction (CONCURRENTLY ones) without one; it refuses a
 *   migration that mixes them with other statements (unless `mixed=true`): reported as in a transaction.
 * - Prisma sends a migration as one query, which PostgreSQL wraps in a transaction only when it holds several
 *   statements (as golang-migrate).
 */
export function concurrentTransaction(ctx: RuleContext, r: StatementRecord): TransactionInfo {
  const tx = ctx.migrations.transactionOf(r);
  if (!tx.inTransaction || tx.by === 'explicit') return tx;
  const file = ctx.migrations.fileStatements(r.file);
  if (tx.by === 'flyway' && file.every((s) => concurrentOnly(s, r))) return { inTransaction: false };
  if (tx.by === 'prisma' && file.length === 1) return { inTransaction: false };
  return tx;
}

/** How to run a statement outside the transaction `by` opens (a clause completing "…: <how>"). */
export function outsideTransaction(by: TransactionInfo['by']): string {
  switch (by) {
    case 'explicit':
      return 'move it out of the `BEGIN … COMMIT` block';
    case 'dbmate':
      return 'give it a migration of its own marked `-- migrate:up transaction:false` (dbmate wraps every other migration in a transaction)';
    case 'flyway':
      return 'give it a migration of its own (Flyway runs a migration made only of such statements outside a transaction), or set `mixed=true` or `executeInTransaction=false` for this script';
    case 'golang-migrate':
      return 'put it alone in a migration file (golang-migrate sends a file as one multi-statement query, which PostgreSQL runs as one transaction)';
    case 'diesel':
      return 'set `run_in_transaction = false` in the migration\'s `metadata.toml` (Diesel runs every other migration in a transaction)';
    case 'prisma':
      return 'put it alone in a migration of its own (Prisma Migrate sends a migration as one query, which PostgreSQL runs as one transaction when it holds several statements), or apply it outside Prisma and mark it applied with `prisma migrate resolve`';
    default:
      return 'run it outside a transaction block';
  }
}

/** Who opened the transaction, for a message ("…, and <who> runs it in one"). */
export function transactionOpener(by: TransactionInfo['by']): string {
  switch (by) {
    case 'explicit':
      return 'the `BEGIN` before it';
    case 'dbmate':
      return 'dbmate (no `transaction:false` on `-- migrate:up`)';
    case 'flyway':
      return 'Flyway (the migration mixes it with statements that need one)';
    case 'golang-migrate':
      return 'golang-migrate (the file is one multi-statement query)';
    case 'prisma':
      return 'Prisma Migrate (the migration is one multi-statement query)';
    case 'diesel':
      return 'Diesel (no `run_in_transaction = false` in its metadata.toml)';
    default:
      return 'the migration';
  }
}

/** An index a `DROP INDEX` removes: its table, and whether that table may hold rows at the drop. */
export interface DroppedIndex {
  name: QName;
  table: QName;
  tableHasRows: boolean;
}

interface Owner {
  table: QName;
  tableKey: string;
  index: IndexDef;
  /** The `CREATE INDEX` statement. */
  created: StatementRecord;
}

interface IndexReplay {
  /** Per `DROP INDEX` record: the indexes it names that the replay knows (in the order written). */
  drops: Map<StatementRecord, DroppedIndex[]>;
  /** `CREATE INDEX IF NOT EXISTS` records whose index already existed: a no-op. */
  noOps: Set<StatementRecord>;
}

const replays = new WeakMap<Schema, IndexReplay>();

/**
 * Replays the PostgreSQL indexes created by `CREATE INDEX` (the only ones `DROP INDEX` may drop: an index backing
 * a constraint goes with `DROP CONSTRAINT`) over the statements, to find each dropped index's table. Index names
 * are unique per schema; an unqualified name is in `public`. Unnamed indexes get the name PostgreSQL generates.
 */
export function indexReplay(ctx: RuleContext): IndexReplay {
  const hit = replays.get(ctx.schema);
  if (hit) return hit;
  const out: IndexReplay = { drops: new Map(), noOps: new Set() };
  const owners = new Map<string, Owner>();
  const ixKey = (schema: string | undefined, name: string) => (schema && schema !== 'public' ? schema : '') + '.' + name;
  const dropWhere = (pred: (o: Owner) => boolean) => {
    for (const [k, o] of owners) if (pred(o)) owners.delete(k);
  };
  const renameTable = (fromKey: string, to: QName, from: QName) => {
    const target = { schema: to.schema ?? from.schema, name: to.name };
    const toKey = nameKey(target, 'postgresql');
    for (const o of owners.values()) if (o.tableKey === fromKey) Object.assign(o, { table: target, tableKey: toKey });
  };
  const apply = (r: StatementRecord, f: Fact) => {
    switch (f.kind) {
      case 'createIndex': {
        const schema = f.index.table.schema;
        const named = nameIndex(f.index, {
          dialect: 'postgresql',
          table: f.index.table.name,
          taken: (n) => owners.has(ixKey(schema, n)),
          nextFk: () => 1,
        });
        if (!named.name) return;
        const k = ixKey(schema, named.name);
        if (owners.has(k)) {
          if (f.ifNotExists) out.noOps.add(r);
          return;
        }
        owners.set(k, { table: f.index.table, tableKey: nameKey(f.index.table, 'postgresql'), index: named, created: r });
        return;
      }
      case 'dropIndex': {
        const found: DroppedIndex[] = [];
        for (const n of f.names) {
          const k = ixKey(n.schema, n.name);
          const o = owners.get(k);
          if (!o) continue;
          owners.delete(k);
          // Created in an earlier file: its table has been there since. Created in this file: as its CREATE INDEX.
          const before = o.created.file !== r.file || tableHasRows(ctx, o.created, o.table);
          const rows = r.isMigration && before && !createdEarlierInFile(ctx, r, o.table);
          found.push({ name: n, table: o.table, tableHasRows: rows });
        }
        if (found.length) out.drops.set(r, found);
        return;
      }
      case 'renameIndex': {
        const k = ixKey(f.from.schema, f.from.name);
        const o = owners.get(k);
        if (!o) return;
        owners.delete(k);
        owners.set(ixKey(f.from.schema, f.to), { ...o, index: { ...o.index, name: f.to } });
        return;
      }
      case 'dropTable':
        for (const t of f.tables) {
          const key = nameKey(t, 'postgresql');
          dropWhere((o) => o.tableKey === key);
        }
        return;
      case 'renameTable':
        renameTable(nameKey(f.from, 'postgresql'), f.to, f.from);
        return;
      case 'alterTable': {
        let key = nameKey(f.table, 'postgresql');
        let table = f.table;
        for (const a of f.actions) {
          if (a.action === 'dropColumn') {
            // Dropping a column drops the indexes that use it.
            const c = columnKey(a.name, 'postgresql');
            dropWhere((o) => o.tableKey === key && o.index.keys.some((x) => x.column !== undefined && columnKey(x.column, 'postgresql') === c));
          } else if (a.action === 'addConstraint' && a.constraint.usingIndex) {
            // The index now backs the constraint (and is renamed after it): DROP INDEX no longer applies.
            owners.delete(ixKey(table.schema, a.constraint.usingIndex));
          } else if (a.action === 'renameTable') {
            renameTable(key, a.to, table);
            table = { schema: a.to.schema ?? table.schema, name: a.to.name };
            key = nameKey(table, 'postgresql');
          }
        }
        return;
      }
      default:
        return;
    }
  };
  for (const r of ctx.schema.statements) for (const f of r.facts) apply(r, f);
  replays.set(ctx.schema, out);
  return out;
}

/** The statements of migration files that hold a fact of this kind, with the fact. */
export function* migrationFacts<K extends Fact['kind']>(ctx: RuleContext, kind: K): Generator<[StatementRecord, Extract<Fact, { kind: K }>]> {
  for (const r of ctx.migrations.statements()) for (const f of r.facts) if (f.kind === kind) yield [r, f as Extract<Fact, { kind: K }>];
}
