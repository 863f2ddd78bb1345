/**
 * What migration-safety rules need beyond the model: the migration statements in replay order, whether each runs
 * inside a transaction (an explicit BEGIN … COMMIT, or the framework's wrapping of the whole file), the configured
 * database versions, and which tables the team declared large.
 *
 * Framework defaults, recognised by file layout:
 * - Flyway (`V1__x.sql`): each migration runs in a transaction (PostgreSQL; MySQL DDL commits implicitly anyway),
 *   except one made only of statements that refuse a transaction (CREATE/DROP INDEX CONCURRENTLY).
 * - golang-migrate (`0001_x.up.sql`): the file is sent as one multi-statement query, which PostgreSQL runs as one
 *   implicit transaction when it holds more than one statement.
 * - dbmate (`-- migrate:up`): wrapped in a transaction unless the marker says `transaction:false`.
 * - Diesel (`migrations/<date>_<name>/up.sql`): wrapped unless its metadata.toml opts out, which a migration holding
 *   CONCURRENTLY statements must have done.
 * - Prisma Migrate (`migrations/<name>/migration.sql`): the script runs as one query, an implicit
 *   transaction when it holds several statements.
 * Anything else runs statement by statement unless it says BEGIN.
 */
import type { Config } from './api';
import type { QName, Span } from './model/types';
import type { Schema, StatementRecord, Table } from './model/schema';
import { displayName } from './model/schema';
import type { ParsedFile } from './parse/file';
import picomatch from 'picomatch';
import { mysqlVersionParts } from './locks';

export type Framework = 'flyway' | 'golang-migrate' | 'dbmate' | 'prisma' | 'diesel';

export interface TransactionInfo {
  inTransaction: boolean;
  /** What opened it: an explicit BEGIN in the file, or the framework that wraps the file. */
  by?: 'explicit' | Framework;
}

export class Migrations {
  private perFile?: Map<string, StatementRecord[]>;
  private txCache = new Map<StatementRecord, TransactionInfo>();
  private readonly large: (name: string) => boolean;

  constructor(
    readonly schema: Schema,
    private readonly files: ReadonlyMap<string, ParsedFile>,
    private readonly config: Pick<Config, 'postgresVersion' | 'mysqlVersion' | 'largeTables'>,
  ) {
    const globs = config.largeTables;
    const match = globs.length ? picomatch(globs.map((g) => g.toLowerCase()), { nocase: true }) : undefined;
    this.large = (name) => !!match && match(name.toLowerCase());
  }

  get postgresVersion(): number {
    return this.config.postgresVersion;
  }

  /** MySQL version as [major, minor, patch]; `8.0` (no patch) means the series' current release. */
  get mysqlVersion(): [number, number, number] {
    return mysqlVersionParts(this.config.mysqlVersion);
  }

  /** Is the MySQL version at least `major.minor.patch`? */
  mysqlAtLeast(major: number, minor: number, patch = 0): boolean {
    const [a, b, c] = this.mysqlVersion;
    return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
  }

  /** The statements of migration files, in replay order. */
  statements(): StatementRecord[] {
    return this.schema.statements.filter((r) => r.isMigration);
  }

  /** A migration file's statements, in order. */
  fileStatements(file: string): StatementRecord[] {
    if (!this.perFile) {
      this.perFile = new Map();
      for (const r of this.statements()) {
        let l = this.perFile.get(r.file);
        if (!l) this.perFile.set(r.file, (l = []));
        l.push(r);
      }
    }
    return this.perFile.get(file) ?? [];
  }

  /** Did the table a statement targets exist before its file (may it hold data)? A new table is empty: no lock matters. */
  existing(r: StatementRecord): boolean {
    return r.isMigration && r.tableExistedBeforeFile === true;
  }

  /** The table is declared large (`largeTables`): findings on it are raised a level. */
  isLarge(table: QName | Table): boolean {
    const name = 'key' in table ? table.name : table;
    return this.large(displayName(name)) || this.large(name.name);
  }

  /** The framework whose conventions the file follows, if any. */
  framework(file: string): Framework | undefined {
    if (/(?:^|\/)[Vv]\d+(?:[._]\d+)*__[^/]*\.sql$/.test(file)) return 'flyway';
    // Diesel: `migrations/2019-02-26-002946_create_user/up.sql` (and `00000000000000_diesel_initial_setup/`).
    if (/(?:^|\/)migrations\/(?:\d{4}-\d{2}-\d{2}-\d{6}|\d{14})_[^/]+\/up\.sql$/.test(file)) return 'diesel';
    // Prisma Migrate: a folder per migration holding `migration.sql` (`20240101000000_init/`, or renamed `05_x/`).
    if (/(?:^|\/)migrations\/[^/]+\/migration\.sql$/.test(file)) return 'prisma';
    const text = this.files.get(file)?.text;
    if (text && /^--\s*migrate:up\b/m.test(text)) return 'dbmate';
    if (/(?:^|\/)\d+_[^/]*\.up\.sql$/.test(file)) return 'golang-migrate';
    return undefined;
  }

  /** Does the framework run this file inside one transaction? */
  private frameworkWraps(file: string): Framework | undefined {
    const fw = this.framework(file);
    const statements = this.files.get(file)?.statements ?? [];
    switch (fw) {
      case 'flyway':
        // Flyway runs a migration made only of statements that refuse a transaction (CONCURRENTLY) without one.
        return statements.length > 0 && statements.every((s) => s.facts.length > 0 && s.facts.every((f) => (f.kind === 'createIndex' && f.index.concurrently) || (f.kind === 'dropIndex' && f.concurrently))) ? undefined : fw;
      case 'diesel':
        // Diesel runs each migration in a transaction unless its metadata.toml says `run_in_transaction = false`
        // (not read here). A migration with CONCURRENTLY statements can only run that way: it says so by itself.
        return statements.some((s) => s.facts.some((f) => (f.kind === 'createIndex' && f.index.concurrently) || (f.kind === 'dropIndex' && f.concurrently))) ? undefined : fw;
      case 'dbmate':
        return /^--\s*migrate:up\b[^\n]*\btransaction:\s*false\b/m.test(this.files.get(file)?.text ?? '') ? undefined : fw;
      case 'prisma':
      case 'golang-migrate':
        // The file is sent as one query: one statement is not a multi-statement query, so no implicit transaction.
        return statements.length > 1 ? fw : undefined;
      default:
        return undefined;
    }
  }

  /** Does the statement run inside a transaction (explicit, or the framework's)? */
  transactionOf(r: StatementRecord): TransactionInfo {
    const hit = this.txCache.get(r);
    if (hit) return hit;
    const list = this.fileStatements(r.file);
    let open = false;
    for (const s of list) {
      if (s === r) break;
      for (const f of s.facts) if (f.kind === 'transaction') open = f.control === 'begin';
    }
    const by: TransactionInfo['by'] = open ? 'explicit' : this.frameworkWraps(r.file);
    const info: TransactionInfo = by ? { inTransaction: true, by } : { inTransaction: false };
    this.txCache.set(r, info);
    return info;
  }

  /** The statement record whose span holds `span` (in `file`). */
  recordAt(file: string, span: Span): StatementRecord | undefined {
    return this.fileStatements(file).find((r) => r.span.start <= span.start && span.end <= r.span.end);
  }
}
