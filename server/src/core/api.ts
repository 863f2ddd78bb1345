/**
 * The core's public surface: what the language server and the CLI call. Pure: no IO.
 * The edges (server/src/lsp, server/src/cli, server/src/node) read files and settings, then call `Analyzer`.
 */
import type { Dialect } from './model/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A file handed to the core. `path` uses `/` separators; it is the key of every result (absolute or workspace-relative, consistently). */
export interface SourceFile {
  path: string;
  text: string;
  /** Editor document version, echoed in results so stale results can be dropped. */
  version?: number;
  /**
   * The project (database) the file belongs to, e.g. its repository root. Files of one project and one dialect
   * form one schema; two projects never see each other's tables. Default: one project.
   */
  project?: string;
}

export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Imperative title, e.g. "Add index on `orders(customer_id)`". */
  title: string;
  /** Safe: one obvious result, may be applied in bulk. Unsafe: offered as a suggestion only. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedInfo {
  file: string;
  start: number;
  end: number;
  message: string;
}

export interface Diagnostic {
  file: string;
  /** UTF-16 offsets into the file's text. */
  start: number;
  end: number;
  ruleId: string;
  severity: Severity;
  /** One sentence, identifiers in backticks, no trailing period. */
  message: string;
  /** The remedy. */
  help?: string;
  fixes: Fix[];
  related?: RelatedInfo[];
}

export interface Config {
  /** `auto` = file marker comment, else detection from content. */
  dialect: 'auto' | Dialect;
  /** Rule id → severity override or off. Unlisted rules use their default severity. */
  rules: Record<string, Severity | 'off'>;
  /** Rule id → option values (validated against the rule's `meta.options`; unset options take their defaults). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Globs (matched against `/`-separated paths) of migration files, replayed in version order. */
  migrations: string[];
  /** Globs of files to ignore. */
  exclude: string[];
  /** Report one hint per file when some statements could not be analysed. Off by default. */
  reportNotAnalysed: boolean;
  /** The PostgreSQL major version the migrations run on (lock and rewrite behaviour differ by version). */
  postgresVersion: number;
  /** The MySQL version the migrations run on, `major.minor[.patch]` (online DDL support differs by version). */
  mysqlVersion: string;
  /** Table names or globs treated as large: migration findings on them are raised a level. */
  largeTables: string[];
  /** Globs of TypeORM entity files (TypeScript/JavaScript read syntax-only, never executed). */
  typeormEntities: string[];
  /** The TypeORM naming strategy: `default` (`customerId`) or `snake` (typeorm-naming-strategies: `customer_id`). */
  typeormNaming: 'default' | 'snake';
  /** Globs of application source files whose ORM calls (Prisma Client, TypeORM) are the workload; tests are left out. */
  workloadInclude: string[];
}

export interface FileInfo {
  path: string;
  dialect: Dialect;
  /** How the dialect was chosen. */
  dialectSource: 'setting' | 'marker' | 'filename' | 'detected' | 'workspace' | 'default';
  /** Set when the file is in a dialect Schemawise does not analyse (ClickHouse, ...): why it was skipped. */
  unsupported?: string;
  isMigration: boolean;
  /** Where the schema was read from: SQL, a Prisma schema or TypeORM entities. */
  source: 'sql' | 'prisma' | 'typeorm';
  statements: number;
  /** Accepted by the dialect's parser. */
  parsed: number;
  /** Rejected by the parser; token recovery found definitions in them. */
  recovered: number;
  /** No facts: not schema statements (INSERT, SET, GRANT, …), or rejected with nothing recoverable. */
  skipped: number;
  /** Rejected by the dialect's parser (recovered or not): the statements "not analysed" refers to. */
  unparsed: number;
}

export interface AnalysisResult {
  /** Every file analysed gets an entry (possibly empty), so clients can clear old diagnostics. */
  diagnostics: Map<string, Diagnostic[]>;
  files: Map<string, FileInfo>;
  /** Counts and wall times (ms): parse = split + parse, model = replay, rules = rules + suppressions. */
  stats: { files: number; tables: number; statements: number; ms: number; parseMs: number; modelMs: number; rulesMs: number };
}
