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
  | 'predicate'
  /** MySQL: the character set name after CHARACTER SET / CHARSET (the word alone, as written). */
  | 'charset'
  /** MySQL: the collation name after COLLATE (as written). */
  | 'collation'
  /** Prisma: the `@db.X(...)` native type attribute of a field. */
  | 'nativeType'
  /** TypeORM: the decorator call (`@Column(...)`, `@Index(...)`, `@ManyToOne(...)`) that declared the node. */
  | 'decorator';

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
  /**
   * The type was not written: it is the ORM's mapping of the field's own type (Prisma `DateTime` → `timestamp(3)`,
   * `Int @default(autoincrement())` → `serial`), which the user did not choose and, for some, cannot change.
   */
  implicitType?: boolean;
  /** parts: name, type, default, nullability, charset, collation. */
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
  /** Created by the ORM on its own (TypeORM's index on each join-table column): not the user's to remove. */
  implicit?: boolean;
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
  /** PG `ADD CONSTRAINT … UNIQUE | PRIMARY KEY USING INDEX idx`: the existing index it takes over (no build). */
  usingIndex?: string;
  notValid?: boolean;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  /** Was written inline on a column definition. */
  inline?: boolean;
  /**
   * A relation kept by the ORM only (Prisma `relationMode = "prisma"`): the database has no such constraint, so
   * nothing enforces it and MySQL creates no implicit index for it.
   */
  notEnforced?: boolean;
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
  /** parts: name, keyword, charset, collation (MySQL table options). */
  origin: Origin;
}

export type AlterAction =
  /** `position`: MySQL `FIRST` / `AFTER col` (not appended last). */
  | { action: 'addColumn'; column: ColumnDef; ifNotExists?: boolean; constraints: ConstraintDef[]; position?: 'first' | 'after' }
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
  /**
   * MySQL table options. `convert`: `CONVERT TO CHARACTER SET x [COLLATE y]`, which re-encodes every string column
   * too; otherwise `[DEFAULT] CHARSET=` / `COLLATE=` change only the default of columns added later.
   * `charsetSpan` / `collationSpan`: the names as written.
   */
  | {
      action: 'setOptions';
      engine?: string;
      charset?: string;
      collation?: string;
      convert?: boolean;
      span: Span;
      charsetSpan?: Span;
      collationSpan?: Span;
    }
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
  | { kind: 'createView'; name: QName; materialized?: boolean; span: Span; nameSpan: Span; query?: QueryDef }
  | { kind: 'dropView'; names: QName[]; span: Span }
  | { kind: 'createEnum'; name: QName; values: string[]; span: Span; nameSpan: Span }
  /** PG `ALTER TYPE … ADD VALUE 'v'` (RENAME VALUE is not recorded). */
  | { kind: 'alterEnum'; name: QName; value: string; span: Span }
  /**
   * PG `ALTER TYPE a RENAME TO b`: columns of the type keep it under its new name. Prisma removes an enum value so:
   * create `E_new`, retype the columns, rename `E` away and `E_new` to `E`, drop the old one.
   */
  | { kind: 'renameType'; from: QName; to: string; span: Span }
  /** PG `DROP TYPE a, b`. */
  | { kind: 'dropType'; names: QName[]; span: Span }
  /** CREATE/ALTER DATABASE … CHARACTER SET x COLLATE y; the spans cover the names as written. */
  | { kind: 'database'; charset?: string; collation?: string; span: Span; charsetSpan?: Span; collationSpan?: Span }
  /** A query the application runs (SELECT / UPDATE / DELETE / INSERT … SELECT outside migration files). */
  | { kind: 'query'; query: QueryDef; span: Span }
  /** `INSERT … VALUES`: how many literal rows (seed data), capped at INSERT_ROWS_CAP; `parameters`: an application's insert. */
  | { kind: 'insertValues'; table: QName; rows: number; parameters?: boolean; span: Span }
  /** `SET default_storage_engine`, `SET NAMES` etc. are ignored; this records transaction control for later rules. */
  | { kind: 'transaction'; control: 'begin' | 'commit' | 'rollback'; span: Span }
  /** `TRUNCATE [TABLE] a, b` (read in migration files only): deletes every row, changes no schema. */
  | { kind: 'truncate'; tables: QName[]; span: Span }
  /**
   * PG `DROP SCHEMA s [CASCADE]`, MySQL `DROP {SCHEMA | DATABASE} s`. `cascade`: its tables go with it (PostgreSQL
   * refuses to drop a schema that is not empty without CASCADE; MySQL always drops them).
   */
  | { kind: 'dropSchema'; names: string[]; cascade?: boolean; ifExists?: boolean; span: Span };

/** Statement categories the splitter and parsers agree on. */
export interface StatementResult {
  /** Statement span in the file (without the terminating `;`). */
  span: Span;
  facts: Fact[];
  /** parsed: a real parser accepted it; recovered: the fallback got facts out of it; skipped: no facts (not DDL or unknown). */
  status: 'parsed' | 'recovered' | 'skipped';
  parser?: 'libpg-query' | 'node-sql-parser' | 'fallback' | 'prisma' | 'typeorm';
  /** Why the real parser rejected it (kept for the optional "not analysed" hint, never shown as an error). */
  parseError?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Queries: the workload. Lowered from any dialect's AST by parse/query.ts; resolved against a Schema by
// model/workload.ts. Column references are as written; `ref` indexes the block's `tables`.

export const INSERT_ROWS_CAP = 1000;

export interface QueryDef {
  kind: 'select' | 'update' | 'delete' | 'insert';
  /** Whole statement (for a view: its SELECT). */
  span: Span;
  /** One block per SELECT/UPDATE/DELETE body: the main one first, then its CTEs, UNION arms, derived tables, subqueries. */
  blocks: QueryBlock[];
  /** Takes parameters (`$1`, `?`, `:name`): an application's query rather than a one-off statement. */
  parameters?: boolean;
  /** Read from an ORM call in application code (parse/app-queries.ts) rather than written as SQL. */
  orm?: OrmCall;
}

/**
 * An ORM call of application code, as the query it issues: `prisma.user.findMany({…})`, `repo.find({…})`, a
 * TypeORM query builder chain, raw SQL through the ORM (`$queryRaw`, `query(…)`), or a TypeORM lazy relation read.
 * The QueryDef's names are the database's (`@map`, `@@map`, the naming strategy); its spans are in the script file:
 * the query is the whole call, its main table the callee (`prisma.user.findMany`; raw SQL: the name in the string),
 * predicates the `field: value` properties (`span` the comparison, `gte: x`; `targetSpan` the field's property) or the
 * SQL fragments as written, sort keys the `orderBy` entries, limit/offset `take`/`skip`. Relations the ORM
 * loads with a query of its own (Prisma `include`, nested `select`) are further blocks of role `union` (they too
 * return rows to the application); relations it joins (relation filters, TypeORM `relations`) are tables of the
 * block, joined on the foreign key.
 */
export interface OrmCall {
  client: 'prisma' | 'typeorm';
  /** As written: `findMany`, `findOneBy`, `getMany` (query builder: its last method), `$queryRaw`, `query`; `lazy` for a lazy relation read. */
  method: string;
  /** The Prisma model or TypeORM entity as written (`User`); absent for raw SQL. */
  model?: string;
  /** A lazy relation read (`await user.posts`): the relation property. */
  relation?: string;
  /** The call runs once per iteration of this loop (the innermost one in the same function, or whose variable it uses). */
  loop?: {
    /** The loop's head: `for (const u of users)`, `users.map(async (u) =>`, `while (…)`. */
    span: Span;
    kind: 'for-of' | 'for-in' | 'for' | 'while' | 'map' | 'forEach' | 'promise-all-map';
    /** The call's filter (where, cursor, criteria, SQL parameters) uses the loop's variable or a value derived from it. */
    byLoopVariable: boolean;
    /** A lazy relation (TypeORM `Promise<…>` property) of a loop element, awaited in the loop. */
    lazyRelation?: boolean;
  };
}

export interface TableRef {
  table: QName;
  alias?: string;
  span: Span;
}

/** A column of the block as written; `ref` undefined when unqualified in a block of several tables (resolved against the schema later). */
export interface ColumnUse {
  ref?: number;
  /** Refers to a table of an enclosing block (a correlated subquery): a value here, not a column of this block. */
  outer?: boolean;
  column: string;
  span: Span;
}

export type PredicateOp =
  /** `=`, `IS NULL`, `IN (…)` / `= ANY`, join equality: an index can seek to it. */
  | 'eq'
  | 'in'
  | 'null'
  /** `<`, `<=`, `>`, `>=`, `BETWEEN`, `LIKE 'abc%'`: a seek to the start, then a scan. */
  | 'range'
  /** `LIKE`/`ILIKE` with a pattern that is not a plain prefix (`'%abc'`, `'_x'`, a parameter). */
  | 'like'
  /** `<>`, `NOT IN`, `IS NOT NULL`, anything else: no seek. */
  | 'other';

export interface PredicateValue {
  kind: 'param' | 'string' | 'number' | 'bool' | 'null' | 'column' | 'subquery' | 'expression' | 'list';
  /** For a literal: its text (string contents unquoted). */
  text?: string;
  /** For `column`: the other side of a join (or an outer column). */
  column?: ColumnUse;
}

export interface Predicate {
  /** The column compared (a plain column, or the one column inside `expression`). */
  target: ColumnUse;
  /** Set when the column is wrapped: `lower(email)`, `created_at::date`, `price * 2`, normalized (see normExpr). */
  expression?: string;
  form?: 'function' | 'arithmetic' | 'cast';
  /** With `form: 'function'`: the function's lower-case name; with `form: 'cast'`: the type cast to, as written. */
  fn?: string;
  op: PredicateOp;
  /** ILIKE (case-insensitive) rather than LIKE; for `like`/`range` from a pattern. */
  ilike?: boolean;
  /** With `like`: the pattern starts with a wildcard (`%…`, `_…`). */
  leadingWildcard?: boolean;
  value: PredicateValue;
  /** The whole comparison. */
  span: Span;
  /** The column or wrapped expression (what a finding about the column points at). */
  targetSpan: Span;
  /** Inside an OR (or NOT): the index cannot seek on it alone. */
  inOr?: boolean;
  /** The comparison's text, normalized (see normExpr) with qualifiers dropped: to prove a partial index's predicate. */
  text: string;
}

/** `a = 1 OR b = 2`: a disjunction over different columns (no single index seek serves it). */
export interface Disjunction {
  columns: ColumnUse[];
  span: Span;
}

export interface SortKey {
  target: ColumnUse;
  expression?: string;
  desc: boolean;
  nulls?: 'first' | 'last';
  span: Span;
}

export interface QueryBlock {
  /**
   * main: the statement's own body; union: another arm of its UNION/INTERSECT/EXCEPT (both return rows to the
   * application); cte: a WITH body; derived: a subquery in FROM; nested: an EXISTS/IN/scalar subquery.
   */
  role: 'main' | 'union' | 'cte' | 'derived' | 'nested';
  span: Span;
  tables: TableRef[];
  /** Conjunctive predicates of WHERE and JOIN … ON (inner ones of an OR marked `inOr`). */
  predicates: Predicate[];
  disjunctions: Disjunction[];
  sort: SortKey[];
  groupBy: ColumnUse[];
  /** Columns read (select list, SET right-hand sides, RETURNING): for covering. */
  selected: ColumnUse[];
  /** `SELECT *` / `t.*` in the select list: its span, and the qualifier of `t.*` as written. */
  star?: Span;
  starQualifier?: string;
  limit?: { span: Span; value?: number; param?: boolean };
  offset?: { span: Span; value?: number; param?: boolean };
  /** The block is the body of EXISTS / IN / a scalar subquery (its select list is not read by the application). */
  nested?: boolean;
}
