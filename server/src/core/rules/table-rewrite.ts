import type { Rule, RuleContext } from './types';
import type { AlterAction, Fact, NormalizedType, QName } from '../model/types';
import type { StatementRecord } from '../model/schema';
import { columnKey, displayName, nameKey } from '../model/schema';

/**
 * A migration statement that rewrites every row of a table that existed before the file: the table (and its
 * indexes) is copied while a lock is held — PostgreSQL ACCESS EXCLUSIVE (no reads, no writes), MySQL
 * ALGORITHM=COPY with LOCK=SHARED (no writes) or an online rebuild. Minutes to hours on a large table.
 *
 * PostgreSQL: `ALTER COLUMN … TYPE` unless binary-coercible (varchar(n) → longer varchar / varchar / text,
 * varchar → text, numeric(p,s) → numeric(p2 ≥ p, s) or numeric, cidr → inet), `ADD COLUMN` with a volatile default
 * (random(), clock_timestamp(), gen_random_uuid(), a serial/identity/stored generated column; a constant default
 * or now() is stored once since PostgreSQL 11). timestamp ↔ timestamptz is not reported: PostgreSQL 12+ skips the
 * rewrite when the session time zone is UTC, which a migration cannot be checked for.
 * MySQL/InnoDB: a column type change (ALGORITHM=COPY; a longer VARCHAR may be in place — not reported), CONVERT TO
 * CHARACTER SET (COPY), adding a primary key (online rebuild), dropping the primary key without adding one (COPY),
 * adding a column before 8.0.29 when it is not appended last (FIRST / AFTER), or any column before 8.0.12.
 */
export const rule: Rule = {
  meta: {
    id: 'table-rewrite',
    type: 'problem',
    category: 'migrations',
    description: 'A migration statement rewrites a whole existing table under a lock',
    dialects: ['postgresql', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      rewrite: '{{what}} rewrites `{{table}}` under {{lock}}',
    },
  },
  check(ctx) {
    const types = new TypeTimeline(ctx);
    for (const r of ctx.schema.statements) {
      // Statements the model has no fact for (VACUUM FULL, CLUSTER, SET LOGGED …): read from their text.
      if (r.isMigration && r.facts.length === 0 && ctx.schema.dialect === 'postgresql') {
        const hit = textRewrite(ctx.fixes.text(r.file)?.slice(r.span.start, r.span.end) ?? '');
        if (hit && types.existedBefore(hit.table, r.file)) {
          ctx.report({
            messageId: 'rewrite',
            data: { what: hit.what, table: displayName(hit.table), lock: PG_LOCK },
            severity: ctx.migrations.isLarge(hit.table) ? 'error' : undefined,
            at: { file: r.file, span: r.span },
            help: hit.help,
          });
        }
      }
      if (!r.isMigration || !ctx.migrations.existing(r)) {
        types.after(r);
        continue;
      }
      let reported = false;
      for (const f of r.facts) {
        if (f.kind !== 'alterTable') continue;
        const dropsPk = f.actions.some((a) => a.action === 'dropPrimaryKey');
        const addsPk = f.actions.some((a) => a.action === 'addConstraint' && a.constraint.kind === 'primary');
        for (const a of f.actions) {
          const hit =
            ctx.schema.dialect === 'postgresql'
              ? postgres(a, types, f.table, ctx.migrations.postgresVersion)
              : mysql(a, types, f.table, dropsPk && !addsPk, ctx.migrations.mysqlVersion);
          if (!hit) continue;
          const table = displayName(f.table);
          ctx.report({
            messageId: 'rewrite',
            data: { what: hit.what, table, lock: hit.lock },
            severity: ctx.migrations.isLarge(f.table) ? 'error' : undefined,
            ...(a.action === 'addColumn' || a.action === 'modifyColumn'
              ? { at: a.column, part: 'name' as const }
              : a.action === 'addConstraint'
                ? { at: a.constraint }
                : { at: { file: r.file, span: 'span' in a && a.span ? a.span : f.span } }),
            help: hit.help,
          });
          reported = true;
        }
        // MySQL: `ALGORITHM=COPY` written out forces the copy whatever the change (e.g. an ADD INDEX).
        if (!reported && ctx.schema.dialect === 'mysql' && /\bALGORITHM\s*=?\s*COPY\b/i.test(ctx.fixes.text(r.file)?.slice(r.span.start, r.span.end) ?? '')) {
          ctx.report({
            messageId: 'rewrite',
            data: { what: '`ALGORITHM=COPY`', table: displayName(f.table), lock: 'ALGORITHM=COPY (writes wait for the whole copy)' },
            severity: ctx.migrations.isLarge(f.table) ? 'error' : undefined,
            at: { file: r.file, span: f.span },
            help: 'ALGORITHM=COPY copies the table while writes wait. Leave the algorithm to InnoDB (or ask for INPLACE / INSTANT and let MySQL refuse if it cannot).',
          });
          reported = true;
        }
      }
      types.after(r);
    }
  },
};

interface Hit {
  what: string;
  lock: string;
  help: string;
}

const NAME = String.raw`((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)`;
const VACUUM_FULL = new RegExp(String.raw`^\s*VACUUM\s*(?:\(([^)]*)\)|((?:FULL|FREEZE|VERBOSE|ANALYZE)(?:\s+(?:FULL|FREEZE|VERBOSE|ANALYZE))*))\s+${NAME}`, 'i');
const CLUSTER = new RegExp(String.raw`^\s*CLUSTER\s+(?:VERBOSE\s+)?${NAME}`, 'i');
const SET_STORAGE = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${NAME}\s+SET\s+(LOGGED|UNLOGGED|TABLESPACE)\b`, 'i');

function tableName(written: string): QName {
  const parts = written.split('.').map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase()));
  return parts.length > 1 && parts[0] !== 'public' ? { schema: parts[0], name: parts[1] } : { name: parts[parts.length - 1] };
}

/** PostgreSQL statements with no fact that rewrite a named table. */
function textRewrite(text: string): (Omit<Hit, 'lock'> & { table: QName }) | undefined {
  const v = VACUUM_FULL.exec(text);
  if (v && /\bFULL\b/i.test(v[1] ?? v[2] ?? ''))
    return { table: tableName(v[3]), what: '`VACUUM FULL`', help: 'VACUUM FULL writes a new copy of the table and its indexes. Plain VACUUM (no lock on reads or writes) reclaims space for reuse; pg_repack compacts online.' };
  const c = CLUSTER.exec(text);
  if (c) return { table: tableName(c[1]), what: '`CLUSTER`', help: 'CLUSTER rewrites the table in index order. pg_repack can reorder it online.' };
  const s = SET_STORAGE.exec(text);
  if (s)
    return {
      table: tableName(s[1]),
      what: `\`SET ${s[2].toUpperCase()}\``,
      help: s[2].toUpperCase() === 'TABLESPACE' ? 'Moving a table copies every page to the new tablespace.' : 'Switching between logged and unlogged writes a new copy of the table (and, to LOGGED, all of it to the WAL).',
    };
  return undefined;
}

const PG_LOCK = 'an ACCESS EXCLUSIVE lock (no reads or writes until it ends)';

function postgres(a: AlterAction, types: TypeTimeline, table: QName, version: number): Hit | undefined {
  if (a.action === 'alterColumnType') {
    const from = types.typeOf(table, a.name);
    if (!from || binaryCoercible(from, a.type)) return undefined;
    return {
      what: `Changing \`${a.name}\` from \`${describe(from)}\` to \`${a.rawType}\``,
      lock: PG_LOCK,
      help:
        'Every row and every index of the table is rewritten while the lock is held. Expand–contract instead: add a new column of the new type, ' +
        'backfill it in batches, switch the application to it, then drop the old column. Changes that need no rewrite: a longer varchar, varchar → text, a larger numeric precision with the same scale.',
    };
  }
  if (a.action === 'addColumn') {
    const c = a.column;
    const d = c.default;
    const volatile = d !== undefined && /\b(random|clock_timestamp|gen_random_uuid|uuid_generate_v[14]|timeofday|nextval)\s*\(/i.test(d);
    const generated = !!c.generated?.stored || c.autoIncrement === 'serial' || c.autoIncrement === 'identity';
    const oldDefault = d !== undefined && !volatile && version < 11;
    if (!volatile && !generated && !oldDefault) return undefined;
    const why = generated ? (c.generated ? 'a stored generated column' : 'a serial/identity column') : oldDefault ? `a default (before PostgreSQL 11)` : `the volatile default \`${d}\``;
    return {
      what: `Adding \`${c.name}\` with ${why}`,
      lock: PG_LOCK,
      help: generated || volatile
        ? 'Each existing row gets its own value, so every row is rewritten. Add the column without the default (or nullable), set the default for new rows, and backfill existing rows in batches.'
        : 'Before PostgreSQL 11 any default rewrites the table; add the column without a default, then SET DEFAULT and backfill in batches (or set `postgresVersion` if you run 11 or later).',
    };
  }
  return undefined;
}

function mysql(a: AlterAction, types: TypeTimeline, table: QName, dropsPkOnly: boolean, version: [number, number, number]): Hit | undefined {
  const COPY = 'ALGORITHM=COPY (writes wait for the whole copy)';
  const atLeast = (x: number, y: number, z: number) => (version[0] !== x ? version[0] > x : version[1] !== y ? version[1] > y : version[2] >= z);
  if (a.action === 'addColumn' && !atLeast(8, 0, 29) && (a.position || !atLeast(8, 0, 12)))
    return {
      what: `Adding \`${a.column.name}\`${a.position ? (a.position === 'first' ? ' FIRST' : ' with AFTER') : ''}`,
      lock: 'ALGORITHM=INPLACE with a table rebuild (writes go on, the whole table is copied)',
      help: atLeast(8, 0, 12)
        ? 'Before MySQL 8.0.29 only a column appended last is added INSTANT; drop the FIRST/AFTER clause, or upgrade.'
        : 'Before MySQL 8.0.12 adding a column rebuilds the table; on a large table use an online schema change tool (gh-ost, pt-online-schema-change).',
    };
  if (a.action === 'modifyColumn' || a.action === 'alterColumnType') {
    const name = a.action === 'modifyColumn' ? a.from : a.name;
    const to = a.action === 'modifyColumn' ? a.column.type : a.type;
    const from = types.typeOf(table, name);
    if (!from || sameMysqlType(from, to) || varcharLonger(from, to)) return undefined;
    return {
      what: `Changing \`${name}\` from \`${describe(from)}\` to \`${describe(to)}\``,
      lock: COPY,
      help: 'A data type change copies the table; concurrent writes wait. Use an online schema change tool (gh-ost, pt-online-schema-change) on a large table, or expand–contract with a new column.',
    };
  }
  if (a.action === 'setOptions' && a.convert)
    return {
      what: `Converting the table to \`${a.charset ?? a.collation}\``,
      lock: COPY,
      help: 'CONVERT TO CHARACTER SET rewrites every string column. Run it with an online schema change tool on a large table.',
    };
  if (a.action === 'addConstraint' && a.constraint.kind === 'primary')
    return {
      what: 'Adding a primary key',
      lock: 'ALGORITHM=INPLACE with a table rebuild (the clustered index is rebuilt)',
      help: 'InnoDB rebuilds the table around the new key; writes go on but the rebuild reads and writes the whole table. Prefer declaring the key when the table is created.',
    };
  if (a.action === 'dropPrimaryKey' && dropsPkOnly)
    return {
      what: 'Dropping the primary key without adding one',
      lock: COPY,
      help: 'Without a new primary key in the same statement InnoDB copies the table (ALGORITHM=COPY). Drop and add the key in one ALTER TABLE to stay in place.',
    };
  return undefined;
}

function describe(t: NormalizedType): string {
  const args = t.length !== undefined ? `(${t.length})` : t.precision !== undefined ? `(${t.precision}${t.scale !== undefined ? `,${t.scale}` : ''})` : '';
  return t.name + args + (t.unsigned ? ' unsigned' : '');
}

/** PostgreSQL type changes that rewrite nothing (binary-coercible, or only relaxing a limit). */
export function binaryCoercible(from: NormalizedType, to: NormalizedType): boolean {
  const textual = (t: NormalizedType) => t.name === 'text' || (t.name === 'varchar' && t.length === undefined);
  if (from.name === to.name && from.length === to.length && from.precision === to.precision && from.scale === to.scale && (from.array ?? 0) === (to.array ?? 0)) return true;
  if ((from.array ?? 0) !== (to.array ?? 0)) return false;
  if (from.name === 'varchar' && (textual(to) || (to.name === 'varchar' && to.length !== undefined && from.length !== undefined && to.length >= from.length))) return true;
  if (from.name === 'text' && textual(to)) return true;
  if (from.name === 'numeric' && to.name === 'numeric') {
    if (to.precision === undefined) return true;
    return from.precision !== undefined && to.precision >= from.precision && (from.scale ?? 0) === (to.scale ?? 0);
  }
  if (from.name === 'cidr' && to.name === 'inet') return true;
  // timestamp ↔ timestamptz: no rewrite in PostgreSQL 12+ when the session time zone is UTC; not decidable here.
  if ((from.name === 'timestamp' && to.name === 'timestamptz') || (from.name === 'timestamptz' && to.name === 'timestamp')) return true;
  return false;
}

function sameMysqlType(a: NormalizedType, b: NormalizedType): boolean {
  return a.name === b.name && a.length === b.length && a.precision === b.precision && a.scale === b.scale && !!a.unsigned === !!b.unsigned && (a.values ?? []).join() === (b.values ?? []).join();
}

/** A longer VARCHAR may stay in place (same length-byte count): not reported, the exact answer depends on the charset. */
function varcharLonger(a: NormalizedType, b: NormalizedType): boolean {
  return a.name === 'varchar' && b.name === 'varchar' && a.length !== undefined && b.length !== undefined && b.length >= a.length;
}

/** Column types as the replay goes, so a type change can be compared with the type just before it. */
class TypeTimeline {
  private types = new Map<string, NormalizedType>();
  constructor(private readonly ctx: RuleContext) {}

  private key(table: QName, column: string): string {
    return nameKey(table, this.ctx.schema.dialect) + '\u0000' + columnKey(column, this.ctx.schema.dialect);
  }

  typeOf(table: QName, column: string): NormalizedType | undefined {
    return this.types.get(this.key(table, column));
  }

  /** The file each current table was created in. */
  private createdIn = new Map<string, string>();

  /** Did `table` exist before `file` (created by another, earlier file of the replay)? */
  existedBefore(table: QName, file: string): boolean {
    const f = this.createdIn.get(nameKey(table, this.ctx.schema.dialect));
    return f !== undefined && f !== file;
  }

  after(r: StatementRecord): void {
    for (const f of r.facts) {
      this.apply(f);
      const d = this.ctx.schema.dialect;
      if (f.kind === 'createTable' && !this.createdIn.has(nameKey(f.table.name, d))) this.createdIn.set(nameKey(f.table.name, d), r.file);
      else if (f.kind === 'dropTable') for (const t of f.tables) this.createdIn.delete(nameKey(t, d));
    }
  }

  private apply(f: Fact): void {
    if (f.kind === 'createTable') for (const c of f.table.columns) this.types.set(this.key(f.table.name, c.name), c.type);
    else if (f.kind === 'alterTable') {
      for (const a of f.actions) {
        if (a.action === 'addColumn') this.types.set(this.key(f.table, a.column.name), a.column.type);
        else if (a.action === 'alterColumnType') this.types.set(this.key(f.table, a.name), a.type);
        else if (a.action === 'modifyColumn') {
          this.types.delete(this.key(f.table, a.from));
          this.types.set(this.key(f.table, a.column.name), a.column.type);
        } else if (a.action === 'renameColumn') {
          const t = this.typeOf(f.table, a.from);
          this.types.delete(this.key(f.table, a.from));
          if (t) this.types.set(this.key(f.table, a.to), t);
        } else if (a.action === 'renameTable') this.moveTable(f.table, a.to);
      }
    } else if (f.kind === 'renameTable') this.moveTable(f.from, f.to);
  }

  private moveTable(from: QName, to: QName): void {
    const prefix = nameKey(from, this.ctx.schema.dialect) + '\u0000';
    const target = nameKey(to, this.ctx.schema.dialect) + '\u0000';
    for (const [k, v] of [...this.types]) {
      if (!k.startsWith(prefix)) continue;
      this.types.delete(k);
      this.types.set(target + k.slice(prefix.length), v);
    }
  }
}
