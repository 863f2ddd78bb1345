/**
 * What a migration statement does to a live table: the lock it takes and what that lock blocks, whether it
 * rewrites or scans the table — PostgreSQL from its documented lock levels (ALTER TABLE, CREATE/DROP INDEX), MySQL
 * from InnoDB's online DDL matrix (ALGORITHM INSTANT / INPLACE / COPY, LOCK NONE / SHARED) for the configured
 * version. Used by the hover on DDL statements in migration files; statements we do not know say nothing.
 */
import type { AlterAction, Dialect, Fact } from './model/types';
import type { Schema } from './model/schema';

export interface LockInfo {
  /** What the statement is, in a few words: "add column `x`". */
  what: string;
  /** PG lock mode, or MySQL `ALGORITHM=…, LOCK=…`. */
  lock: string;
  /** Who waits while it holds the lock. */
  blocks: 'reads and writes' | 'writes' | 'other schema changes only' | 'nothing';
  /** Rewrites every row (a full copy), scans every row (validation), or only changes the catalog. */
  work: 'rewrite' | 'scan' | 'build' | 'metadata';
  note?: string;
}

const BLOCKS: Record<string, LockInfo['blocks']> = {
  'ACCESS EXCLUSIVE': 'reads and writes',
  EXCLUSIVE: 'writes',
  'SHARE ROW EXCLUSIVE': 'writes',
  SHARE: 'writes',
  'SHARE UPDATE EXCLUSIVE': 'other schema changes only',
};

function pg(what: string, mode: string, work: LockInfo['work'], note?: string): LockInfo {
  return { what, lock: mode, blocks: BLOCKS[mode] ?? 'reads and writes', work, ...(note ? { note } : {}) };
}

/** PostgreSQL: one ALTER TABLE action. */
function pgAction(a: AlterAction, version: number): LockInfo | undefined {
  switch (a.action) {
    case 'addColumn': {
      const d = a.column.default;
      const volatile = d !== undefined && /\b(random|clock_timestamp|gen_random_uuid|uuid_generate_v4|timeofday|nextval)\s*\(/i.test(d);
      if (volatile) return pg(`add column \`${a.column.name}\` with a volatile default`, 'ACCESS EXCLUSIVE', 'rewrite', 'each row gets its own value: the table is rewritten');
      if (d !== undefined && version < 11) return pg(`add column \`${a.column.name}\` with a default`, 'ACCESS EXCLUSIVE', 'rewrite', 'before PostgreSQL 11 a default rewrites the table');
      return pg(`add column \`${a.column.name}\``, 'ACCESS EXCLUSIVE', 'metadata', 'brief: only the catalog changes');
    }
    case 'dropColumn':
      return pg(`drop column \`${a.name}\``, 'ACCESS EXCLUSIVE', 'metadata', 'brief: the column is hidden, its space reclaimed by later updates');
    case 'alterColumnType':
      return pg(`change the type of \`${a.name}\``, 'ACCESS EXCLUSIVE', 'rewrite', 'rewrites the table and its indexes unless the change is binary-coercible (e.g. varchar(n) → text or a longer varchar)');
    case 'setNotNull':
      return pg(`set \`${a.name}\` NOT NULL`, 'ACCESS EXCLUSIVE', 'scan', version >= 12 ? 'scans every row, unless a validated CHECK (… IS NOT NULL) proves it' : 'scans every row');
    case 'dropNotNull':
    case 'setDefault':
    case 'dropDefault':
    case 'renameColumn':
    case 'dropConstraint':
    case 'addIdentity':
      return pg(a.action === 'renameColumn' ? `rename column \`${a.from}\`` : a.action.replace(/([A-Z])/g, ' $1').toLowerCase(), 'ACCESS EXCLUSIVE', 'metadata', 'brief');
    case 'addConstraint': {
      const c = a.constraint;
      if (c.kind === 'foreign')
        return c.notValid
          ? pg('add a foreign key NOT VALID', 'SHARE ROW EXCLUSIVE', 'metadata', 'on both tables, brief: existing rows are not checked until VALIDATE')
          : pg('add a foreign key', 'SHARE ROW EXCLUSIVE', 'scan', 'on both tables, while every existing row is checked');
      if (c.kind === 'check')
        return c.notValid ? pg('add a CHECK constraint NOT VALID', 'ACCESS EXCLUSIVE', 'metadata', 'brief') : pg('add a CHECK constraint', 'ACCESS EXCLUSIVE', 'scan', 'while every existing row is checked');
      if (c.kind === 'unique' || c.kind === 'primary') return pg(`add a ${c.kind === 'primary' ? 'primary key' : 'unique constraint'}`, 'ACCESS EXCLUSIVE', 'build', 'while its index is built (unless it is added USING INDEX of one built CONCURRENTLY)');
      return undefined;
    }
    case 'validateConstraint':
      return pg(`validate constraint \`${a.name}\``, 'SHARE UPDATE EXCLUSIVE', 'scan', 'reads and writes go on while the rows are checked');
    case 'attachPartition':
      return pg('attach a partition', 'SHARE UPDATE EXCLUSIVE', 'scan', 'on the parent; the partition is scanned unless a CHECK constraint proves the bound');
    case 'renameTable':
      return pg('rename the table', 'ACCESS EXCLUSIVE', 'metadata', 'brief');
    default:
      return undefined;
  }
}

/** MySQL/InnoDB: one ALTER TABLE action, for version [major, minor, patch]. */
function mysqlAction(a: AlterAction, v: [number, number, number]): LockInfo | undefined {
  const atLeast = (major: number, minor: number, patch: number) => (v[0] !== major ? v[0] > major : v[1] !== minor ? v[1] > minor : v[2] >= patch);
  const my = (what: string, algorithm: 'INSTANT' | 'INPLACE' | 'COPY', work: LockInfo['work'], note?: string): LockInfo => ({
    what,
    lock: algorithm === 'COPY' ? 'ALGORITHM=COPY, LOCK=SHARED' : `ALGORITHM=${algorithm}, LOCK=NONE`,
    blocks: algorithm === 'COPY' ? 'writes' : 'nothing',
    work,
    ...(note ? { note } : {}),
  });
  switch (a.action) {
    case 'addColumn':
      return atLeast(8, 0, 29)
        ? my(`add column \`${a.column.name}\``, 'INSTANT', 'metadata')
        : atLeast(8, 0, 12)
          ? my(`add column \`${a.column.name}\``, 'INSTANT', 'metadata', 'INSTANT only as the last column before 8.0.29; elsewhere INPLACE with a table rebuild')
          : my(`add column \`${a.column.name}\``, 'INPLACE', 'rewrite', 'rebuilds the table; concurrent DML allowed');
    case 'dropColumn':
      return atLeast(8, 0, 29) ? my(`drop column \`${a.name}\``, 'INSTANT', 'metadata') : my(`drop column \`${a.name}\``, 'INPLACE', 'rewrite', 'rebuilds the table; concurrent DML allowed');
    case 'modifyColumn':
    case 'alterColumnType':
      // The action holds the new definition only: say both cases rather than guess which one this is.
      return {
        what: `change column \`${a.action === 'modifyColumn' ? a.from : a.name}\``,
        lock: 'ALGORITHM=COPY, LOCK=SHARED for a type change; INPLACE otherwise',
        blocks: 'writes',
        work: 'rewrite',
        note: 'a data type change copies the table while writes wait (extending a VARCHAR within the same length byte, or changing only NULL/NOT NULL, is done in place)',
      };
    case 'setDefault':
    case 'dropDefault':
      return my(`${a.action === 'setDefault' ? 'set' : 'drop'} the default of \`${a.name}\``, 'INSTANT', 'metadata');
    case 'renameColumn':
      return my(`rename column \`${a.from}\``, atLeast(8, 0, 28) ? 'INSTANT' : 'INPLACE', 'metadata');
    case 'addIndex':
      return my(`add index${a.index.name ? ` \`${a.index.name}\`` : ''}`, 'INPLACE', 'build', 'reads and writes go on during the build');
    case 'dropIndex':
      return my(`drop index \`${a.name}\``, 'INPLACE', 'metadata');
    case 'addConstraint': {
      const c = a.constraint;
      if (c.kind === 'primary') return my('add a primary key', 'INPLACE', 'rewrite', 'rebuilds the table (the clustered index)');
      if (c.kind === 'unique') return my('add a unique key', 'INPLACE', 'build');
      if (c.kind === 'foreign') return my('add a foreign key', 'COPY', 'rewrite', 'INPLACE only with foreign_key_checks=0');
      return undefined;
    }
    case 'dropPrimaryKey':
      return my('drop the primary key', 'COPY', 'rewrite', 'unless a new primary key is added in the same statement (then INPLACE)');
    case 'renameTable':
      return my('rename the table', 'INSTANT', 'metadata');
    case 'setOptions':
      return a.charset ? my('convert the character set', 'COPY', 'rewrite') : undefined;
    default:
      return undefined;
  }
}

/** `8.0.29` → [8, 0, 29]; a version without patch (`8.0`) means that series' current release. */
export function mysqlVersionParts(v: string): [number, number, number] {
  const [a, b, c] = v.split('.').map(Number);
  return [a || 8, b || 0, Number.isFinite(c) ? c : 99];
}

/** The lock of each part of one statement, for the given dialect and versions. */
export function statementLocks(facts: readonly Fact[], dialect: Dialect, pgVersion: number, mysqlVersion: [number, number, number]): LockInfo[] {
  const out: LockInfo[] = [];
  for (const f of facts) {
    if (dialect === 'postgresql') {
      if (f.kind === 'createIndex')
        out.push(
          f.index.concurrently
            ? pg('create index CONCURRENTLY', 'SHARE UPDATE EXCLUSIVE', 'build', 'two scans of the table; cannot run inside a transaction block')
            : pg('create index', 'SHARE', 'build', 'for the whole build'),
        );
      else if (f.kind === 'dropIndex') out.push(f.concurrently ? pg('drop index CONCURRENTLY', 'SHARE UPDATE EXCLUSIVE', 'metadata') : pg('drop index', 'ACCESS EXCLUSIVE', 'metadata', 'brief, but it waits behind every running query on the table'));
      else if (f.kind === 'dropTable') out.push(pg('drop table', 'ACCESS EXCLUSIVE', 'metadata'));
      else if (f.kind === 'renameTable') out.push(pg('rename table', 'ACCESS EXCLUSIVE', 'metadata', 'brief'));
      else if (f.kind === 'alterTable') for (const a of f.actions) {
        const l = pgAction(a, pgVersion);
        if (l) out.push(l);
      }
    } else if (dialect === 'mysql') {
      if (f.kind === 'createIndex') out.push({ what: 'create index', lock: 'ALGORITHM=INPLACE, LOCK=NONE', blocks: 'nothing', work: 'build', note: 'reads and writes go on during the build' });
      else if (f.kind === 'alterTable') for (const a of f.actions) {
        const l = mysqlAction(a, mysqlVersion);
        if (l) out.push(l);
      }
      else if (f.kind === 'renameTable') out.push({ what: 'rename table', lock: 'metadata lock', blocks: 'reads and writes', work: 'metadata', note: 'brief' });
    }
  }
  return out;
}

/** The locks as hover markdown. The strongest lock decides the headline. */
export function locksMarkdown(locks: LockInfo[], table: string | undefined, isNew: boolean): string | undefined {
  if (!locks.length) return undefined;
  const t = table ? `\`${table}\`` : 'the table';
  if (isNew) return `**Migration step** on ${t}, created earlier in this file: it holds no rows yet, so no lock here can block anyone.`;
  const order: LockInfo['blocks'][] = ['reads and writes', 'writes', 'other schema changes only', 'nothing'];
  const worst = [...locks].sort((a, b) => order.indexOf(a.blocks) - order.indexOf(b.blocks))[0];
  const head = `**Migration step** on ${t}: ${worst.blocks === 'nothing' ? 'reads and writes go on' : `blocks ${worst.blocks}`}`;
  const lines = locks.map((l) => `- ${l.what}: \`${l.lock}\` — ${l.work === 'rewrite' ? 'rewrites the table' : l.work === 'scan' ? 'scans every row' : l.work === 'build' ? 'builds an index' : 'changes the catalog only'}${l.note ? ` (${l.note})` : ''}`);
  return [head, ...lines].join('\n');
}

export interface LockHint {
  /** Offset the hint is shown at: the end of the statement (after its `;`). */
  offset: number;
  label: string;
  tooltip: string;
}

/**
 * One inlay hint per migration statement of `file` on a table that existed before the file: the strongest lock it
 * takes and whether it rewrites or scans (`ACCESS EXCLUSIVE · rewrite`). `text` is the file's text.
 */
export function lockHints(schemas: readonly Schema[], file: string, text: string, pgVersion: number, mysqlVersion: string): LockHint[] {
  const out: LockHint[] = [];
  const order: LockInfo['blocks'][] = ['reads and writes', 'writes', 'other schema changes only', 'nothing'];
  for (const schema of schemas) {
    for (const r of schema.statements) {
      if (!r.isMigration || r.file !== file || r.tableExistedBeforeFile !== true) continue;
      const locks = statementLocks(r.facts, schema.dialect, pgVersion, mysqlVersionParts(mysqlVersion));
      if (!locks.length) continue;
      const worst = [...locks].sort((a, b) => order.indexOf(a.blocks) - order.indexOf(b.blocks))[0];
      const work = locks.some((l) => l.work === 'rewrite') ? 'rewrite' : locks.some((l) => l.work === 'scan') ? 'scan' : locks.some((l) => l.work === 'build') ? 'index build' : undefined;
      let offset = r.span.end;
      const m = /^\s*;/.exec(text.slice(offset, offset + 200));
      if (m) offset += m[0].length;
      out.push({
        offset,
        label: ` ${worst.lock}${work ? ` · ${work}` : ''}`,
        tooltip: `${worst.blocks === 'nothing' ? 'Reads and writes go on' : `Blocks ${worst.blocks}`} — ${locks.map((l) => `${l.what}: ${l.lock}`).join('; ')}`,
      });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
