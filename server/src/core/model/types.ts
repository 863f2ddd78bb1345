/**
 * The dialect-neutral schema model and the per-statement facts the parsers lower to.
 * Rules see only these types: never SQL, Prisma or TypeORM syntax.
 * All offsets are UTF-16 code units into the file's text (JS string indices).
 */

export type Dialect = 'postgresql' | 'mysql' | 'sqlite';

/** Half-open range [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** Where a model node was written. `parts` holds narrower spans (name, type, columns, ...). */
export interface Origin {
  file: string;
  span: Span;
  parts?: Partial<Record<OriginPart, Span>>;
}

export type OriginPart =
  | 'name'
  | 'type'
  | 'columns'
  | 'references'
  | 'keyword'
  | 'default'
  | 'nullability'
  | 'predicate';

/** Possibly schema-qualified name. `schema` is undefined for the default schema (PG `public`). */
export interface QName {
  schema?: string;
  name: string;
}

export interface NormalizedType {
  /**
   * Canonical lower-case base name: integer, bigint, smallint, tinyint, mediumint, serial-family mapped to its
   * integer type, numeric, real, double precision, varchar, char, text, boolean, date, time, timestamp,
   * timestamptz, uuid, json, jsonb, bytea, blob, enum, ... (unknown names kept lower-cased as written).
   */
  name: string;
  length?: number;
  precision?: number;
  scale?: number;
  unsigned?: boolean;
  /** Array dimensions (PG). */
  array?: number;
  /** MySQL ENUM/SET values. */
  values?: string[];
}

export interface ColumnDef {
  name: string;
  /** Type as written, e.g. `varchar(255)`, `int unsigned`, `serial`. */
  rawType: string;
  type: NormalizedType;
  /** True unless NOT NULL or part of a PRIMARY KEY (resolved by the model, not the parser, for table-level PKs). */
  nullable: boolean;
  default?: string;
  generated?: { expression: string; stored: boolean };
  /** serial/bigserial, GENERATED ... AS IDENTITY, AUTO_INCREMENT, SQLite INTEGER PRIMARY KEY AUTOINCREMENT. */
  autoIncrement?: 'serial' | 'identity' | 'auto_increment' | 'autoincrement';
  charset?: string;
  collation?: string;
  comment?: string;
  /** parts: name, type, default, nullability. */
  origin: Origin;
}

export interface IndexKey {
  /** Set when the key is a plain column. */
  column?: string;
  /** Set when the key is an expression, as written (normalized whitespace). */
  expression?: string;
  order?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
  /** MySQL prefix index `col(10)`. */
  prefixLength?: number;
  collation?: string;
  opclass?: string;
  span: Span;
}

export interface IndexDef {
  name?: string;
  /** The name was not written: it is the one the database generates (set by the model, not the parsers). */
  generatedName?: boolean;
  table: QName;
  keys: IndexKey[];
  unique: boolean;
  /** Lower-case access method; undefined = the dialect default (btree). */
  method?: string;
  /** Partial-index predicate as written. */
  where?: string;
  include?: string[];
  concurrently?: boolean;
  /** parts: name, columns, keyword, predicate. */
  origin: Origin;
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ConstraintDef {
  kind: 'primary' | 'unique' | 'foreign' | 'check' | 'exclude';
  name?: string;
  /** The name was not written: it is the one the database generates (set by the model, not the parsers). */
  generatedName?: boolean;
  columns: string[];
  /** Spans of each column of `columns`, same order (empty when unknown). */
  columnSpans?: Span[];
  references?: {
    table: QName;
    /** Empty = the referenced table's primary key. */
    columns: string[];
    onDelete?: ReferentialAction;
    onUpdate?: ReferentialAction;
    match?: 'full' | 'partial' | 'simple';
  };
  expression?: string;
  notValid?: boolean;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  /** Was written inline on a column definition. */
  inline?: boolean;
  /** parts: name, columns, references, keyword. */
  origin: Origin;
}

export interface TableDef {
  name: QName;
  columns: ColumnDef[];
  constraints: ConstraintDef[];
  /** Indexes declared inside CREATE TABLE (MySQL `KEY`/`INDEX`, SQLite none). */
  indexes: IndexDef[];
  engine?: string;
  charset?: string;
  collation?: string;
  comment?: string;
  temporary?: boolean;
  /** PG `PARTITION OF parent` (a partition: inherits columns and keys). */
  partitionOf?: QName;
  /** PG `INHERITS (...)`. */
  inherits?: QName[];
  /** PG `PARTITION BY ...` (a partitioned parent). */
  partitioned?: boolean;
  withoutRowid?: boolean;
  /** SQLite virtual table (fts5, rtree, ...) or PG foreign table: not a normal heap table. */
  virtual?: boolean;
  /** Recovered from a statement whose `(` is not closed yet (being typed): more elements may follow. */
  unclosed?: boolean;
  /** parts: name, keyword. */
  origin: Origin;
}

export type AlterAction =
  | { action: 'addColumn'; column: ColumnDef; ifNotExists?: boolean; constraints: ConstraintDef[] }
  | { action: 'dropColumn'; name: string; span: Span }
  | { action: 'renameColumn'; from: string; to: string; span: Span }
  /** MySQL MODIFY / CHANGE: a full new definition (CHANGE may rename). */
  | { action: 'modifyColumn'; from: string; column: ColumnDef; constraints: ConstraintDef[] }
  | { action: 'alterColumnType'; name: string; rawType: string; type: NormalizedType; span: Span }
  | { action: 'setNotNull' | 'dropNotNull'; name: string; span: Span }
  /** PG `ALTER COLUMN c ADD GENERATED … AS IDENTITY` (how pg_dump writes identity columns). */
  | { action: 'addIdentity'; name: string; span: Span }
  | { action: 'setDefault'; name: string; default: string; span: Span }
  | { action: 'dropDefault'; name: string; span: Span }
  | { action: 'addConstraint'; constraint: ConstraintDef }
  | { action: 'dropConstraint'; name: string; span: Span }
  | { action: 'validateConstraint'; name: string; span: Span }
  /** MySQL `DROP PRIMARY KEY`. */
  | { action: 'dropPrimaryKey'; span: Span }
  /** MySQL `ADD INDEX/KEY/UNIQUE`, PG `ADD CONSTRAINT ... UNIQUE USING INDEX` is an addConstraint. */
  | { action: 'addIndex'; index: IndexDef }
  | { action: 'dropIndex'; name: string; span: Span }
  | { action: 'renameIndex'; from: string; to: string; span: Span }
  | { action: 'renameTable'; to: QName; span: Span }
  | { action: 'setOptions'; engine?: string; charset?: string; collation?: string; span: Span }
  /** PG ATTACH PARTITION: the named table becomes a partition of this one. */
  | { action: 'attachPartition'; partition: QName; span: Span };

/** What one statement does to the schema. A statement may yield several facts (MySQL `DROP TABLE a, b`). */
export type Fact =
  | { kind: 'createTable'; table: TableDef; ifNotExists?: boolean; span: Span }
  | { kind: 'alterTable'; table: QName; actions: AlterAction[]; ifExists?: boolean; span: Span; nameSpan: Span }
  | { kind: 'dropTable'; tables: QName[]; ifExists?: boolean; span: Span }
  | { kind: 'renameTable'; from: QName; to: QName; span: Span }
  | { kind: 'createIndex'; index: IndexDef; ifNotExists?: boolean; span: Span }
  | { kind: 'dropIndex'; names: QName[]; table?: QName; concurrently?: boolean; ifExists?: boolean; span: Span }
  /** PG `ALTER INDEX a RENAME TO b` (no table named: the model finds the index, or the constraint it backs). */
  | { kind: 'renameIndex'; from: QName; to: string; span: Span }
  | { kind: 'createView'; name: QName; materialized?: boolean; span: Span; nameSpan: Span }
  | { kind: 'dropView'; names: QName[]; span: Span }
  | { kind: 'createEnum'; name: QName; values: string[]; span: Span; nameSpan: Span }
  | { kind: 'database'; charset?: string; collation?: string; span: Span }
  /** `SET default_storage_engine`, `SET NAMES` etc. are ignored; this records transaction control for later rules. */
  | { kind: 'transaction'; control: 'begin' | 'commit' | 'rollback'; span: Span };

/** Statement categories the splitter and parsers agree on. */
export interface StatementResult {
  /** Statement span in the file (without the terminating `;`). */
  span: Span;
  facts: Fact[];
  /** parsed: a real parser accepted it; recovered: the fallback got facts out of it; skipped: no facts (not DDL or unknown). */
  status: 'parsed' | 'recovered' | 'skipped';
  parser?: 'libpg-query' | 'node-sql-parser' | 'fallback';
  /** Why the real parser rejected it (kept for the optional "not analysed" hint, never shown as an error). */
  parseError?: string;
}
