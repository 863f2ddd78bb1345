/**
 * The workspace schema: facts from declaration files merged, then migration files replayed in version order.
 * One `Schema` per (project, dialect): a PostgreSQL and a SQLite migration set in one repo are two databases.
 * Replay never mutates cached facts: tables, columns and constraints are copied on write.
 */
import type {
  AlterAction,
  ColumnDef,
  ConstraintDef,
  Dialect,
  Fact,
  IndexDef,
  Origin,
  QName,
  QueryDef,
  Span,
  TableDef,
} from './types';
import { INSERT_ROWS_CAP } from './types';
import { nameConstraint, nameIndex, type NameScope } from './names';
import { migrationVersion } from './order';
import { noteBareLookup, noteReplaced, realSchema } from './reads';

export interface Column extends ColumnDef {
  /**
   * Set when a later `ALTER COLUMN … TYPE` changed the type: where that was written. The definition's `type` span
   * then shows a type that is no longer the column's (findings point here; no fix edits the old text).
   */
  typeChangedAt?: { file: string; span: Span };
  /** With `typeChangedAt`: the normalized type name just before that change. */
  typeBefore?: string;
  /**
   * MySQL: set when an `ALTER TABLE` after the column's definition decided its character set (where that was
   * written). `converted`: `CONVERT TO CHARACTER SET` re-set it; `charset`/`collation` hold the new ones, and a
   * CHARACTER SET / COLLATE in the definition is stale text. `kept`: a new table default (`DEFAULT CHARSET=`) left
   * the column, which inherited the old default, as it was; `charset`/`collation` hold that old default, or neither
   * when it was the server's (unknown here).
   */
  charsetSetBy?: { how: 'converted' | 'kept'; file: string; span: Span };
  /** Effective character set / collation (MySQL: column, else table, else database default). */
  effectiveCharset?: string;
  effectiveCollation?: string;
}

/** A table of the current schema: its last definition with every later ALTER applied. */
export interface Table extends Omit<TableDef, 'columns'> {
  key: string;
  dialect: Dialect;
  columns: Column[];
  /** Created in a migration file (replayed) or declared in a schema file. */
  source: 'migration' | 'schema';
}

export interface StatementRecord {
  file: string;
  span: Span;
  facts: Fact[];
  /** For facts that target one table: did it exist before this statement's file started? (migration rules) */
  tableExistedBeforeFile?: boolean;
  isMigration: boolean;
  /**
   * Migration statements that drop, empty or rename tables or columns: each one the replay had when the statement
   * ran. Something it never had (`DROP … IF EXISTS` of nothing) is absent.
   */
  targets?: StatementTarget[];
}

/** A table or column a migration statement drops (DROP TABLE, DROP SCHEMA … CASCADE, DROP COLUMN), empties (TRUNCATE) or renames. */
export interface StatementTarget {
  fact: Fact;
  /** The ALTER TABLE action, when it is one (DROP/RENAME COLUMN, MySQL CHANGE, RENAME TO). */
  action?: AlterAction;
  /** The table, as named when the statement ran. */
  table: QName;
  column?: string;
  /** It existed when its file began: a table created earlier in the file, or a column added in it, did not. */
  existedBeforeFile: boolean;
}

export interface Schema {
  dialect: Dialect;
  project: string;
  tables: Map<string, Table>;
  views: Map<string, { name: QName; origin: Origin; query?: QueryDef }>;
  /** The queries the application runs: workload files' statements, then the current views' queries. */
  workload: WorkloadQuery[];
  /**
   * Literal rows inserted per table key (seed data, capped), and whether a workload file inserts into it with
   * parameters (the application writes it). A table known only through a few seed rows is small.
   */
  inserts: Map<string, { rows: number; application: boolean }>;
  enums: Map<string, { name: QName; values: string[]; origin: Origin }>;
  database: { charset?: string; collation?: string };
  statements: StatementRecord[];
  /** The last migration file in replay order: the one most likely still being written (not yet applied anywhere). */
  latestMigration?: string;
}

export interface WorkloadQuery {
  file: string;
  query: QueryDef;
  /** `view`: the query of a view (its name in `view`). */
  source: 'sql' | 'view';
  view?: QName;
}

export interface ReplayFile {
  path: string;
  isMigration: boolean;
  statements: { span: Span; facts: Fact[] }[];
}

/** Lookup key of a table or index name: PG identifiers are already case-folded by its parser; MySQL/SQLite compare case-insensitively. */
export function nameKey(name: QName, dialect: Dialect): string {
  const schema = dialect === 'mysql' ? '' : (name.schema ?? '');
  const raw = (schema && schema !== 'public' && schema !== 'main' ? schema + '.' : '') + name.name;
  return dialect === 'postgresql' ? raw : raw.toLowerCase();
}

export function columnKey(name: string, dialect: Dialect): string {
  return dialect === 'postgresql' ? name : name.toLowerCase();
}

export function sameColumn(a: string, b: string, dialect: Dialect): boolean {
  return columnKey(a, dialect) === columnKey(b, dialect);
}

export function displayName(name: QName): string {
  return name.schema && name.schema !== 'public' ? `${name.schema}.${name.name}` : name.name;
}

/** Finds a table by name; an unqualified PG name also matches a single table of that name in another schema. */
/** Tables by bare name (no schema), so an unqualified lookup that misses its key costs a map lookup, not a scan. */
const byBareName = new WeakMap<Schema, Map<string, Set<Table>>>();

export function bareNames(schema: Schema): Map<string, Set<Table>> {
  let m = byBareName.get(schema);
  if (!m) {
    m = new Map();
    for (const t of schema.tables.values()) addBare(m, t, schema.dialect);
    byBareName.set(schema, m);
  }
  return m;
}

function addBare(m: Map<string, Set<Table>>, t: Table, d: Dialect): void {
  const k = columnKey(t.name.name, d);
  let set = m.get(k);
  if (!set) m.set(k, (set = new Set()));
  set.add(t);
}

/**
 * Per file being replayed: for each table key created, dropped or renamed in it, whether the key existed when the
 * file began (recorded at its first change). Keys not in it are unchanged since the file began. Replaces a snapshot
 * of all table names per file, which cost O(files × tables).
 */
const fileStart = new WeakMap<Schema, Map<string, boolean>>();

function touch(schema: Schema, key: string): void {
  const m = fileStart.get(schema);
  if (m && !m.has(key)) m.set(key, schema.tables.has(key));
}

function existedAtFileStart(schema: Schema, key: string): boolean {
  const m = fileStart.get(schema);
  return m?.has(key) ? m.get(key)! : schema.tables.has(key);
}

function putTable(schema: Schema, t: Table): void {
  touch(schema, t.key);
  schema.tables.set(t.key, t);
  addBare(bareNames(schema), t, schema.dialect);
}

function removeTable(schema: Schema, t: Table): void {
  touch(schema, t.key);
  schema.tables.delete(t.key);
  bareNames(schema).get(columnKey(t.name.name, schema.dialect))?.delete(t);
}

export function findTable(schema: Schema, name: QName): Table | undefined {
  const t = schema.tables.get(nameKey(name, schema.dialect));
  if (!t && partial) partial.missed = true;
  if (t || name.schema) return t;
  // An unqualified PG name also matches a single table of that name in another schema (search_path).
  const bare = columnKey(name.name, schema.dialect);
  noteBareLookup(schema, bare);
  const cands = bareNames(realSchema(schema)).get(bare);
  return cands && cands.size === 1 ? cands.values().next().value : undefined;
}

export function findColumn(table: Table, name: string): Column | undefined {
  const k = columnKey(name, table.dialect);
  return table.columns.find((c) => columnKey(c.name, table.dialect) === k);
}

export function primaryKey(table: Table): ConstraintDef | undefined {
  return table.constraints.find((c) => c.kind === 'primary');
}

/** Replays declaration files first (path order), then migrations (in the given order). */
/** Names of indexes and constraints in use, so generated names match the database's (PG: per schema; MySQL: per table). */
class NameRegistry {
  private names = new Map<string, number>();
  /** Index-backed names (indexes, PK/UNIQUE/EXCLUDE) → their table: `DROP INDEX x` names no table. */
  private owners = new Map<string, Table>();
  /** While a replay runs: where to record which table asked about, or took or gave up, which name. */
  info?: BuildInfo;
  constructor(private readonly dialect: Dialect) {}
  /** PG and SQLite: index names are unique per schema; MySQL: per table. `use`: recorded as a lookup or a change. */
  private key(table: Table, name: string, use: typeof ASKED | typeof CHANGED): string {
    const k = this.scoped(this.dialect === 'mysql' ? table.key : (table.name.schema ?? ''), name);
    if (this.info) noteUse(this.info, table.key, use + k);
    return k;
  }
  private scoped(scope: string, name: string): string {
    return scope + '.' + (this.dialect === 'postgresql' ? name : name.toLowerCase());
  }
  has(table: Table, name: string): boolean {
    return (this.names.get(this.key(table, name, ASKED)) ?? 0) > 0;
  }
  add(table: Table, name: string | undefined, indexBacked = false): void {
    if (!name) return;
    const k = this.key(table, name, CHANGED);
    this.names.set(k, (this.names.get(k) ?? 0) + 1);
    if (indexBacked) this.owners.set(k, table);
  }
  remove(table: Table, name: string | undefined): void {
    if (!name) return;
    const k = this.key(table, name, CHANGED);
    const n = (this.names.get(k) ?? 0) - 1;
    if (n > 0) this.names.set(k, n);
    else this.names.delete(k);
    if (this.owners.get(k) === table) this.owners.delete(k);
  }
  /** The table owning index `name` in `schemaName` (PG/SQLite). */
  ownerOf(schemaName: string | undefined, name: string): Table | undefined {
    return this.dialect === 'mysql' ? undefined : this.owners.get(this.scoped(schemaName ?? '', name));
  }
  /** Records a lookup of `name` on no table's behalf (`DROP INDEX x`). */
  noteLookup(schemaName: string | undefined, name: string): void {
    if (this.info) noteUse(this.info, NO_TABLE, ASKED + this.scoped(schemaName ?? '', name));
  }
  scope(table: Table): NameScope {
    return {
      dialect: this.dialect,
      table: table.name.name,
      columns: table.columns.map((c) => c.name),
      taken: (n) => this.has(table, n),
      nextFk: () => {
        let i = 1;
        while (this.has(table, `${table.name.name}_ibfk_${i}`)) i++;
        return i;
      },
    };
  }
}

/** The user of a registry name looked up for no table (`DROP INDEX x`): never a table key. */
const NO_TABLE = '\u0000';

/**
 * How a table used a registry name: asked whether it is taken, or took or gave it up. Tables meet through a name
 * only when one asks about it and another takes or gives it up; two tables that both take a name (CHECK constraints
 * of one name on two tables) do not see each other.
 */
const ASKED = '?';
const CHANGED = '!';

function noteUse(info: BuildInfo, table: string, use: string): void {
  const mine = info.names.get(table);
  if (!mine) info.names.set(table, new Set([use]));
  else mine.add(use);
  const users = info.users.get(use);
  if (!users) info.users.set(use, new Set([table]));
  else users.add(table);
}

/** The use a table meets another's through: asking about a name meets changing it, and the other way round. */
function metBy(use: string): string {
  return (use[0] === ASKED ? CHANGED : ASKED) + use.slice(1);
}

const registries = new WeakMap<Schema, NameRegistry>();

function registry(schema: Schema): NameRegistry {
  let r = registries.get(schema);
  if (!r) registries.set(schema, (r = new NameRegistry(schema.dialect)));
  return r;
}

function addConstraints(schema: Schema, t: Table, cs: ConstraintDef[]): ConstraintDef[] {
  const reg = registry(schema);
  return cs.map((c) => {
    const named = nameConstraint(c, reg.scope(t));
    reg.add(t, named.name, named.kind === 'primary' || named.kind === 'unique' || named.kind === 'exclude');
    return named;
  });
}

function addIndexes(schema: Schema, t: Table, ixs: IndexDef[]): IndexDef[] {
  const reg = registry(schema);
  return ixs.map((i) => {
    const named = nameIndex(i, reg.scope(t));
    reg.add(t, named.name, true);
    return named;
  });
}

/** Is this index/constraint name in use where the database would see a clash (this table; PG: also its schema's indexes)? */
function hasName(schema: Schema, t: Table, name: string, indexBacked = true): boolean {
  const d = schema.dialect;
  if (t.indexes.some((i) => i.name && sameColumn(i.name, name, d)) || t.constraints.some((c) => c.name && sameColumn(c.name, name, d))) return true;
  // PG: index names (and so PK/UNIQUE/EXCLUDE names) are unique per schema; FK and CHECK names only per table.
  return indexBacked && d === 'postgresql' && registry(schema).has(t, name);
}

function forgetNames(schema: Schema, t: Table, items: { name?: string }[]): void {
  const reg = registry(schema);
  for (const i of items) reg.remove(t, i.name);
}

function emptySchema(project: string, dialect: Dialect): Schema {
  return { dialect, project, tables: new Map(), views: new Map(), enums: new Map(), database: {}, statements: [], workload: [], inserts: new Map() };
}

export function buildSchema(project: string, dialect: Dialect, files: ReplayFile[]): Schema {
  const schema = emptySchema(project, dialect);
  const info = newBuildInfo(files);
  replay(schema, files, info);
  for (const f of files) if (f.isMigration) schema.latestMigration = f.path;
  resolve(schema);
  schema.workload = collectWorkload(files, schema);
  builds.set(schema, info);
  return schema;
}

type Statement = ReplayFile['statements'][number];

/**
 * What a build recorded about itself, so the next build can replay only the tables an edit changed (see
 * `rebuildSchema`). Statements are keyed by object: the parser keeps a statement's object while its facts are the same.
 */
interface BuildInfo {
  /**
   * The maps below are shared along a chain of partial replays and updated in place: only the newest schema's
   * record (`current`) may be the base of the next one. An older one (the base of an analysis that was cancelled
   * after it replayed) builds in full.
   */
  state: { current: BuildInfo };
  files: readonly ReplayFile[];
  /** A statement changed a table it does not name, or removed or renamed one: no partial replay. */
  global: boolean;
  /** The keys of the tables each statement's facts changed, as resolved when they ran. */
  keys: Map<Statement, string[]>;
  /** The statements that changed each table, in replay order. */
  byKey: Map<string, Statement[]>;
  records: Map<Statement, StatementRecord>;
  /** Statements that set the database default (`CREATE DATABASE … CHARACTER SET`): a partial replay runs them too. */
  database: Statement[];
  /** The name-registry uses of each table (a key marked asked or changed); for each use, the tables that made it. */
  names: Map<string, Set<string>>;
  users: Map<string, Set<string>>;
}

const builds = new WeakMap<Schema, BuildInfo>();

function newBuildInfo(files: readonly ReplayFile[]): BuildInfo {
  const info: BuildInfo = {
    state: undefined as unknown as BuildInfo['state'],
    files,
    global: false,
    keys: new Map(),
    byKey: new Map(),
    records: new Map(),
    database: [],
    names: new Map(),
    users: new Map(),
  };
  info.state = { current: info };
  return info;
}

/** Set while a partial replay runs: a table lookup that misses its key there might have found another table in a full one. */
let partial: { missed: boolean } | undefined;

/** Replays `files` into `schema`, recording into `info`; `only`: just these statements (a partial replay). */
function replay(schema: Schema, files: readonly ReplayFile[], info: BuildInfo, only?: ReadonlySet<Statement>): void {
  const dialect = schema.dialect;
  registry(schema).info = info;
  const run = (st: Statement, fact: Fact, file: ReplayFile) => {
    try {
      noteKeys(schema, info, st, fact);
      apply(schema, fact, file);
    } catch {
      // A malformed fact costs only itself.
    }
  };
  // Declarations describe one state, split over files in any order: a fact about a table no declaration file has
  // created yet (an index or ALTER in `indexes.sql`, which sorts before `tables.sql`) waits until all have run.
  let waiting: { st: Statement; fact: Fact; file: ReplayFile }[] = [];
  const flushWaiting = () => {
    for (const w of waiting) run(w.st, w.fact, w.file);
    waiting = [];
  };
  for (const f of files) {
    if (f.isMigration) flushWaiting();
    fileStart.set(schema, new Map());
    const addedColumns = new Set<string>();
    for (const st of f.statements) {
      if (only && !only.has(st)) continue;
      // A query changes no schema: the workload is collected apart (so an edit in a query keeps the model).
      if (isQueryOnly(st.facts)) continue;
      const rec: StatementRecord = { file: f.path, span: st.span, facts: st.facts, isMigration: f.isMigration };
      const target = targetTable(st.facts);
      if (target) rec.tableExistedBeforeFile = existedAtFileStart(schema, nameKey(target, dialect));
      schema.statements.push(rec);
      info.records.set(st, rec);
      for (const fact of st.facts) {
        if (f.isMigration) noteTargets(schema, rec, fact, addedColumns);
        if (!f.isMigration && defersWhenTableMissing(fact)) {
          const t = findTable(schema, fact.kind === 'alterTable' ? fact.table : (fact as Extract<Fact, { kind: 'createIndex' }>).index.table);
          if (!t) {
            waiting.push({ st, fact, file: f });
            continue;
          }
        }
        run(st, fact, f);
      }
    }
  }
  fileStart.delete(schema);
  flushWaiting();
  registry(schema).info = undefined;
}

/** Records, before `fact` runs, which tables it changes (or that it may change tables it does not name). */
function noteKeys(schema: Schema, info: BuildInfo, st: Statement, fact: Fact): void {
  const note = (key: string | undefined) => {
    if (key === undefined) return;
    const ks = info.keys.get(st);
    if (!ks) info.keys.set(st, [key]);
    else if (ks.includes(key)) return;
    else ks.push(key);
    const list = info.byKey.get(key);
    if (!list) info.byKey.set(key, [st]);
    else if (list[list.length - 1] !== st) list.push(st);
  };
  switch (fact.kind) {
    case 'createTable':
      note(nameKey(fact.table.name, schema.dialect));
      return;
    case 'createIndex':
      note(findTable(schema, fact.index.table)?.key);
      return;
    case 'alterTable':
      note(findTable(schema, fact.table)?.key);
      for (const a of fact.actions) {
        if (a.action === 'renameTable') info.global = true;
        else if (a.action === 'attachPartition') note(findTable(schema, a.partition)?.key);
      }
      return;
    case 'dropIndex':
      if (fact.table) note(findTable(schema, fact.table)?.key);
      else {
        // Without a table, the index is found by name in whichever table has it. Before any table exists (the
        // preamble of `pg_dump --clean`) none can have it, in this build or a partial replay's.
        const reg = registry(schema);
        for (const n of fact.names) {
          if (reg.ownerOf(n.schema, n.name)) info.global = true;
          else if (schema.tables.size > 0) reg.noteLookup(n.schema, n.name);
        }
      }
      return;
    case 'truncate':
      for (const n of fact.tables) note(findTable(schema, n)?.key);
      return;
    case 'database':
      if (!info.database.includes(st)) info.database.push(st);
      return;
    // A drop or rename that finds nothing (a `pg_dump --clean` preamble) changes nothing; it finds nothing again
    // in a partial replay's build, where every table exists over the same stretch.
    case 'dropTable':
      if (fact.tables.some((n) => findTable(schema, n))) info.global = true;
      return;
    case 'renameTable':
      if (findTable(schema, fact.from)) info.global = true;
      return;
    case 'dropSchema':
      if (fact.cascade && tablesInSchemas(schema, fact.names).length > 0) info.global = true;
      return;
    case 'renameIndex':
    case 'renameType':
      info.global = true;
      return;
    default:
      // Views, enums, inserts, queries, transaction control: no table changes.
      return;
  }
}

/** `schema` with the workload of `files`, whose schema facts are `schema`'s (only queries changed). */
export function withQueries(schema: Schema, files: ReplayFile[]): Schema {
  const next: Schema = { ...schema, workload: collectWorkload(files, schema) };
  const info = builds.get(schema);
  if (info) {
    const moved: BuildInfo = { ...info, files };
    if (info.state.current === info) info.state.current = moved;
    builds.set(next, moved);
  }
  return next;
}

/**
 * The keys of the tables the given statements of `schema`'s files changed when it was built (each model node lies
 * in a statement that changed its table); undefined when the build kept no record of it.
 */
export function tablesChangedBy(schema: Schema, statements: readonly Statement[]): Set<string> | undefined {
  const info = builds.get(schema);
  if (!info) return undefined;
  const out = new Set<string>();
  for (const st of statements) {
    // A statement the build did not see (not the same object): no record to go by.
    if (!info.records.has(st) && !isQueryOnly(st.facts)) return undefined;
    info.keys.get(st)?.forEach((k) => out.add(k));
  }
  return out;
}

/** Most tables a partial replay redoes: past this a full build costs about the same. */
const PARTIAL_MAX_TABLES = 32;

/**
 * The schema of `files` built from `prev` (the schema of the files before an edit) by replaying only the tables the
 * changed statements change; the other tables are `prev`'s objects. Undefined when that cannot be shown to equal a
 * full build: the caller builds it all. It can be shown when
 * - the files are the same, in the same roles and order, and the changed statements (old and new) only create,
 *   index or alter tables that exist, creating the same tables in the same order (each table exists over the same
 *   stretch of the replay, so every other statement finds the tables it found before);
 * - no statement of the schema changes a table it does not name, or removes or renames one (a drop, a rename, a
 *   PostgreSQL `DROP INDEX` by name alone);
 * - every lookup of the partial replay finds its table by key (a full one could have resolved a bare name elsewhere);
 * - no other table asked the name registry about a name the replayed tables took or gave up, or took or gave up a
 *   name they asked about, before or now (generated names and name clashes are the only way tables see each other
 *   during a replay).
 */
export function rebuildSchema(prev: Schema, files: ReplayFile[]): Schema | undefined {
  const info = builds.get(prev);
  if (!info || info.global || info.state.current !== info || files.length !== info.files.length) return undefined;
  const removed: Statement[] = [];
  const added: Statement[] = [];
  for (let i = 0; i < files.length; i++) {
    const a = info.files[i];
    const b = files[i];
    if (a.path !== b.path || a.isMigration !== b.isMigration) return undefined;
    const x = a.statements;
    const y = b.statements;
    if (x === y) continue;
    let p = 0;
    while (p < x.length && p < y.length && x[p] === y[p]) p++;
    let s = 0;
    while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
    for (let k = p; k < x.length - s; k++) removed.push(x[k]);
    for (let k = p; k < y.length - s; k++) added.push(y[k]);
  }
  const keys = new Set<string>();
  const createdBefore: string[] = [];
  const createdNow: string[] = [];
  for (const st of removed) {
    if (!windowKeys(prev, st.facts, keys, createdBefore)) return undefined;
    for (const k of info.keys.get(st) ?? []) keys.add(k);
  }
  for (const st of added) if (!windowKeys(prev, st.facts, keys, createdNow)) return undefined;
  if (createdBefore.length !== createdNow.length || createdBefore.some((k, i) => k !== createdNow[i])) return undefined;
  // The statements to replay: every statement that changed one of the tables (and, through it, the other tables it
  // changed), the new statements, and the database defaults.
  const gone = new Set(removed);
  const replayed = new Set<Statement>(added);
  const queue = [...keys];
  while (queue.length > 0) {
    for (const st of info.byKey.get(queue.pop()!) ?? []) {
      if (gone.has(st) || replayed.has(st)) continue;
      replayed.add(st);
      for (const k of info.keys.get(st)!) {
        if (keys.has(k)) continue;
        keys.add(k);
        queue.push(k);
      }
    }
    if (keys.size > PARTIAL_MAX_TABLES) return undefined;
  }
  for (const st of info.database) replayed.add(st);
  const part = emptySchema(prev.project, prev.dialect);
  const partInfo = newBuildInfo(files);
  partial = { missed: false };
  try {
    replay(part, files, partInfo, replayed);
    if (partial.missed) return undefined;
  } finally {
    partial = undefined;
  }
  if (partInfo.global || part.tables.size !== keys.size) return undefined;
  for (const k of keys) if (!part.tables.has(k) || !prev.tables.has(k)) return undefined;
  for (const ks of partInfo.keys.values()) for (const k of ks) if (!keys.has(k)) return undefined;
  // Names: the replayed tables and the others never met in the registry, in the last build or in this one.
  const names = new Set<string>();
  for (const k of keys) {
    info.names.get(k)?.forEach((n) => names.add(n));
    partInfo.names.get(k)?.forEach((n) => names.add(n));
  }
  for (const n of names) for (const u of info.users.get(metBy(n)) ?? []) if (!keys.has(u)) return undefined;
  resolve(part);

  const tables = new Map(prev.tables);
  for (const k of keys) tables.set(k, part.tables.get(k)!);
  const statements: StatementRecord[] = [];
  for (const f of files) {
    for (const st of f.statements) {
      if (isQueryOnly(st.facts)) continue;
      const rec = partInfo.records.get(st) ?? info.records.get(st);
      if (!rec) return undefined;
      statements.push(rec);
    }
  }
  const schema: Schema = { ...prev, tables, statements, workload: [] };
  schema.workload = collectWorkload(files, schema);

  // The record, updated in place for the replayed tables (this schema's record from now on).
  for (const st of removed) {
    info.keys.delete(st);
    info.records.delete(st);
  }
  partInfo.keys.forEach((ks, st) => info.keys.set(st, ks));
  partInfo.records.forEach((r, st) => info.records.set(st, r));
  for (const n of names) {
    const users = new Set<string>();
    info.users.get(n)?.forEach((u) => keys.has(u) || users.add(u));
    for (const k of keys) if (partInfo.names.get(k)?.has(n)) users.add(k);
    if (users.size > 0) info.users.set(n, users);
    else info.users.delete(n);
  }
  for (const k of keys) {
    info.byKey.set(k, partInfo.byKey.get(k) ?? []);
    const mine = partInfo.names.get(k);
    if (mine) info.names.set(k, mine);
    else info.names.delete(k);
  }
  const next: BuildInfo = { ...info, files };
  info.state.current = next;
  builds.set(schema, next);
  noteReplaced(schema, prev, keys);
  return schema;
}

/**
 * The tables a changed statement's facts change, added to `keys` (tables created to `created`, in order); false when
 * a fact may change anything else (a view, an enum, seed rows, the database default) or a table that does not exist.
 */
function windowKeys(prev: Schema, facts: readonly Fact[], keys: Set<string>, created: string[]): boolean {
  const d = prev.dialect;
  const table = (n: QName) => {
    const k = nameKey(n, d);
    keys.add(k);
    return prev.tables.has(k);
  };
  for (const fact of facts) {
    switch (fact.kind) {
      case 'query':
      case 'transaction':
        continue;
      case 'createTable':
        if (!table(fact.table.name)) return false;
        created.push(nameKey(fact.table.name, d));
        continue;
      case 'createIndex':
        if (!table(fact.index.table)) return false;
        continue;
      case 'alterTable':
        if (!table(fact.table)) return false;
        for (const a of fact.actions) {
          if (a.action === 'renameTable') return false;
          if (a.action === 'attachPartition' && !table(a.partition)) return false;
        }
        continue;
      case 'dropIndex':
        if (!fact.table || !table(fact.table)) return false;
        continue;
      case 'truncate':
        if (!fact.tables.every(table)) return false;
        continue;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Records on a migration statement (before its fact runs) the tables and columns it drops, empties or renames, and
 * whether each existed when the file began. `added`: the columns this file introduced so far (`tableKey\0column`).
 */
function noteTargets(schema: Schema, rec: StatementRecord, fact: Fact, added: Set<string>): void {
  const d = schema.dialect;
  const push = (t: Table, more: Omit<StatementTarget, 'fact' | 'table' | 'existedBeforeFile'> = {}, existed = existedAtFileStart(schema, t.key)) =>
    (rec.targets ??= []).push({ fact, table: t.name, ...more, existedBeforeFile: existed });
  const colKey = (t: Table, c: string) => t.key + '\0' + columnKey(c, d);
  switch (fact.kind) {
    case 'dropTable':
    case 'truncate':
      for (const n of fact.tables) {
        const t = findTable(schema, n);
        if (t) push(t);
      }
      return;
    case 'renameTable': {
      const t = findTable(schema, fact.from);
      if (t) push(t);
      return;
    }
    case 'dropSchema':
      if (fact.cascade) for (const t of tablesInSchemas(schema, fact.names)) push(t);
      return;
    case 'alterTable': {
      const t = findTable(schema, fact.table);
      if (!t) return;
      const before = existedAtFileStart(schema, t.key);
      for (const a of fact.actions) {
        if (a.action === 'renameTable') push(t, { action: a }, before);
        const col =
          a.action === 'dropColumn' ? a.name : a.action === 'renameColumn' ? a.from : a.action === 'modifyColumn' && !sameColumn(a.from, a.column.name, d) ? a.from : undefined;
        const c = col === undefined ? undefined : findColumn(t, col);
        if (c) push(t, { action: a, column: c.name }, before && !added.has(colKey(t, c.name)));
        if (a.action === 'addColumn' || (a.action === 'modifyColumn' && col !== undefined)) added.add(colKey(t, a.column.name));
        else if (a.action === 'renameColumn') added.add(colKey(t, a.to));
      }
      return;
    }
  }
}

/** The tables in the named schemas (PG: unqualified = `public`; MySQL: a database, so only tables qualified with it). */
function tablesInSchemas(schema: Schema, names: string[]): Table[] {
  const d = schema.dialect;
  const wanted = new Set(names.map((n) => (d === 'postgresql' ? n : n.toLowerCase())));
  const of = (t: Table) => t.name.schema ?? (d === 'postgresql' ? 'public' : undefined);
  return [...schema.tables.values()].filter((t) => {
    const s = of(t);
    return s !== undefined && wanted.has(d === 'postgresql' ? s : s.toLowerCase());
  });
}

/** A statement whose facts are queries only (it changes no schema). */
export function isQueryOnly(facts: readonly Fact[]): boolean {
  return facts.length > 0 && facts.every((f) => f.kind === 'query');
}

/**
 * The workload of a replayed schema: the queries of its files in file order, then its views' queries.
 * Only workload files yield queries (the file layer reads migrations for schema facts only). An UPDATE/DELETE/INSERT
 * without parameters in a file that also changes the schema, or is named like a migration (`delta/34/x.sql`,
 * `0005_fix.sql`), is a one-off data fix the globs did not recognise, not application work.
 */
export function collectWorkload(files: readonly ReplayFile[], schema: Pick<Schema, 'views'>): WorkloadQuery[] {
  const out: WorkloadQuery[] = [];
  const runs: (readonly WorkloadQuery[])[] = [];
  for (const f of files) {
    // The same statements (a file the edit did not touch) give the same queries, as the same objects.
    let qs = fileQueries.get(f.statements);
    if (!qs || qs.path !== f.path) {
      qs = { path: f.path, list: [] };
      for (const st of f.statements) {
        for (const fact of st.facts) {
          if (fact.kind !== 'query') continue;
          if (fact.query.kind !== 'select' && !fact.query.parameters && (hasDdl(f) || migrationVersion(f.path))) continue;
          qs.list.push({ file: f.path, query: fact.query, source: 'sql' });
        }
      }
      fileQueries.set(f.statements, qs);
    }
    runs.push(qs.list);
    for (let i = 0; i < qs.list.length; i++) out.push(qs.list[i]);
  }
  let views = viewQueries.get(schema.views);
  if (!views) {
    views = [];
    for (const v of schema.views.values()) if (v.query) views.push({ file: v.origin.file, query: v.query, source: 'view', view: v.name });
    viewQueries.set(schema.views, views);
  }
  runs.push(views);
  for (const q of views) out.push(q);
  workloadParts.set(out, runs);
  return out;
}

const viewQueries = new WeakMap<Schema['views'], WorkloadQuery[]>();
const workloadParts = new WeakMap<readonly WorkloadQuery[], readonly (readonly WorkloadQuery[])[]>();

/**
 * The parts a workload was collected from, in order: each file's queries (the same array while the file's statements
 * are the same), then the views' queries. Lets what is kept per file or per table be rebuilt only where a part
 * changed. A workload not made by `collectWorkload` is split by file.
 */
export function workloadPartsOf(workload: readonly WorkloadQuery[]): readonly (readonly WorkloadQuery[])[] {
  const parts = workloadParts.get(workload);
  if (parts) return parts;
  const runs: WorkloadQuery[][] = [];
  let cur: WorkloadQuery[] | undefined;
  for (const q of workload) {
    if (!cur || cur[0].file !== q.file || (cur[0].source === 'view') !== (q.source === 'view')) runs.push((cur = []));
    cur.push(q);
  }
  return runs;
}

const ddlFiles = new WeakMap<ReplayFile, boolean>();
const fileQueries = new WeakMap<readonly unknown[], { path: string; list: WorkloadQuery[] }>();
const DDL = new Set<Fact['kind']>(['createTable', 'alterTable', 'dropTable', 'renameTable', 'createIndex', 'dropIndex']);

function hasDdl(file: ReplayFile): boolean {
  let v = ddlFiles.get(file);
  if (v === undefined) ddlFiles.set(file, (v = file.statements.some((st) => st.facts.some((f) => DDL.has(f.kind)))));
  return v;
}

/**
 * Which declaration facts wait for their table: those that build (an index, added columns and keys), never those
 * that tear down (a pg_dump --clean preamble drops constraints `IF EXISTS` before any table exists: run later, they
 * would drop the keys the dump then creates) and never `IF EXISTS` statements, which expect the table may be absent.
 */
const BUILDING_ACTIONS: ReadonlySet<AlterAction['action']> = new Set(['addColumn', 'addConstraint', 'addIndex', 'setNotNull', 'addIdentity', 'setDefault', 'alterColumnType', 'validateConstraint']);

function defersWhenTableMissing(fact: Fact): boolean {
  if (fact.kind === 'createIndex') return true;
  if (fact.kind !== 'alterTable' || fact.ifExists) return false;
  return fact.actions.length > 0 && fact.actions.every((a) => BUILDING_ACTIONS.has(a.action));
}

function targetTable(facts: Fact[]): QName | undefined {
  for (const f of facts) {
    switch (f.kind) {
      case 'alterTable':
        return f.table;
      case 'createIndex':
        return f.index.table;
      case 'dropIndex':
        return f.table;
      case 'renameIndex':
        return undefined;
      case 'createTable':
        return f.table.name;
      case 'renameTable':
        return f.from;
      case 'dropTable':
      case 'truncate':
        return f.tables[0];
    }
  }
  return undefined;
}

function apply(schema: Schema, fact: Fact, file: ReplayFile): void {
  const d = schema.dialect;
  switch (fact.kind) {
    case 'createTable': {
      const key = nameKey(fact.table.name, d);
      // Declarations merge: the first definition wins (a second CREATE of the same table is an
      // IF NOT EXISTS no-op or a different copy). A migration replaying a CREATE after a DROP re-creates it.
      if (schema.tables.has(key)) return;
      const t = fromDef(fact.table, d, key, file.isMigration ? 'migration' : 'schema');
      // Keys first, then indexes: that is the order in which the database names them.
      t.constraints = addConstraints(schema, t, t.constraints);
      t.indexes = addIndexes(schema, t, t.indexes);
      putTable(schema, t);
      return;
    }
    case 'dropTable':
      for (const n of fact.tables) {
        const t = findTable(schema, n);
        if (!t) continue;
        forgetNames(schema, t, [...t.constraints, ...t.indexes]);
        removeTable(schema, t);
      }
      return;
    case 'renameTable':
      rename(schema, fact.from, fact.to);
      return;
    case 'truncate':
      return; // rows only
    case 'dropSchema':
      // PostgreSQL refuses to drop a schema that still holds tables unless CASCADE (MySQL always cascades).
      if (!fact.cascade) return;
      for (const t of tablesInSchemas(schema, fact.names)) {
        forgetNames(schema, t, [...t.constraints, ...t.indexes]);
        removeTable(schema, t);
      }
      return;
    case 'createIndex': {
      const t = findTable(schema, fact.index.table);
      if (!t) return;
      if (fact.index.name && hasName(schema, t, fact.index.name)) return;
      t.indexes = [...t.indexes, ...addIndexes(schema, t, [fact.index])];
      return;
    }
    case 'dropIndex':
      for (const n of fact.names) dropIndexNamed(schema, n, fact.table);
      return;
    case 'renameIndex': {
      // The index (or the PK/UNIQUE constraint it backs) of whichever table has it, within the named schema.
      for (const t of schema.tables.values()) {
        if (fact.from.schema && (t.name.schema ?? 'public') !== fact.from.schema) continue;
        if (t.indexes.some((i) => i.name && sameColumn(i.name, fact.from.name, d)) || t.constraints.some((c) => c.name && sameColumn(c.name, fact.from.name, d))) {
          alter(schema, t, { action: 'renameIndex', from: fact.from.name, to: fact.to, span: fact.span });
          return;
        }
      }
      return;
    }
    case 'alterTable': {
      const t = findTable(schema, fact.table);
      if (!t) return;
      for (const a of fact.actions) alter(schema, t, a, file.path);
      return;
    }
    case 'createView':
      schema.views.set(nameKey(fact.name, d), {
        name: fact.name,
        origin: { file: file.path, span: fact.span, parts: { name: fact.nameSpan } },
        ...(fact.query ? { query: fact.query } : {}),
      });
      return;
    case 'query':
      return; // see collectWorkload
    case 'insertValues': {
      const k = nameKey(fact.table, d);
      const cur = schema.inserts.get(k) ?? { rows: 0, application: false };
      schema.inserts.set(k, {
        rows: Math.min(INSERT_ROWS_CAP, cur.rows + fact.rows),
        application: cur.application || (!!fact.parameters && !file.isMigration),
      });
      return;
    }
    case 'dropView':
      for (const n of fact.names) schema.views.delete(nameKey(n, d));
      return;
    case 'createEnum':
      schema.enums.set(nameKey(fact.name, d), { name: fact.name, values: fact.values, origin: { file: file.path, span: fact.span, parts: { name: fact.nameSpan } } });
      return;
    case 'alterEnum': {
      // A new array: the old one may be a cached fact's.
      const e = schema.enums.get(nameKey(fact.name, d));
      if (e && !e.values.includes(fact.value)) schema.enums.set(nameKey(fact.name, d), { ...e, values: [...e.values, fact.value] });
      return;
    }
    case 'renameType':
      renameType(schema, fact.from, fact.to);
      return;
    case 'dropType':
      for (const n of fact.names) schema.enums.delete(nameKey(n, d));
      return;
    case 'database':
      // A new default replaces both halves (a character set alone means its default collation, and vice versa).
      if (fact.charset || fact.collation) schema.database = pair(fact.charset?.toLowerCase(), fact.collation?.toLowerCase());
      return;
    case 'transaction':
      return;
  }
}

/**
 * PG `ALTER TYPE a RENAME TO b`: the enum, and every column of that type, now carry the new name (the type itself is
 * unchanged, so this is no type change of the columns).
 */
function renameType(schema: Schema, from: QName, to: string): void {
  const d = schema.dialect;
  const target: QName = from.schema ? { schema: from.schema, name: to } : { name: to };
  const e = schema.enums.get(nameKey(from, d));
  if (e) {
    schema.enums.delete(nameKey(from, d));
    schema.enums.set(nameKey(target, d), { ...e, name: target });
  }
  // Column types are normalized names: `"public"."E"` is `public.E`, `"E"` is `E`.
  const typeName = (n: QName) => (n.schema && n.schema !== 'public' ? `${n.schema}.${n.name}` : n.name);
  const old = typeName(from);
  const renamed = typeName(target);
  const quoted = (target.schema && target.schema !== 'public' ? `"${target.schema}".` : '') + `"${to.replace(/"/g, '""')}"`;
  for (const t of schema.tables.values()) {
    t.columns.forEach((c, i) => {
      if (c.type.name.replace(/^public\./, '') !== old) return;
      updateColumn(t, i, { type: { ...c.type, name: renamed }, rawType: quoted + '[]'.repeat(c.type.array ?? 0) });
    });
  }
}

function fromDef(def: TableDef, dialect: Dialect, key: string, source: Table['source']): Table {
  return {
    ...def,
    key,
    dialect,
    columns: def.columns.slice(),
    constraints: def.constraints.slice(),
    indexes: def.indexes.slice(),
    source,
  };
}

function rename(schema: Schema, from: QName, to: QName): void {
  const t = findTable(schema, from);
  if (!t) return;
  removeTable(schema, t);
  const target = { schema: to.schema ?? t.name.schema, name: to.name };
  t.key = nameKey(target, schema.dialect);
  t.name = target;
  putTable(schema, t);
}

function dropIndexNamed(schema: Schema, name: QName, table: QName | undefined): void {
  const d = schema.dialect;
  const owner = table ? findTable(schema, table) : registry(schema).ownerOf(name.schema, name.name);
  if (!owner) return;
  for (const t of [owner]) {
    const gone = t.indexes.filter((i) => i.name && sameColumn(i.name, name.name, d));
    if (gone.length) {
      t.indexes = t.indexes.filter((i) => !gone.includes(i));
      forgetNames(schema, t, gone);
      return;
    }
    // MySQL: DROP INDEX on a UNIQUE KEY removes the unique constraint it is.
    const goneC = t.constraints.filter((k) => (k.kind === 'unique' || k.kind === 'primary') && k.name && sameColumn(k.name, name.name, d));
    if (goneC.length) {
      t.constraints = t.constraints.filter((k) => !goneC.includes(k));
      forgetNames(schema, t, goneC);
      return;
    }
  }
}

function alter(schema: Schema, t: Table, a: AlterAction, file?: string): void {
  const d = schema.dialect;
  const colIdx = (name: string) => t.columns.findIndex((c) => sameColumn(c.name, name, d));
  switch (a.action) {
    case 'addColumn':
      if (colIdx(a.column.name) >= 0) return;
      t.columns = [...t.columns, a.column];
      t.constraints = [...t.constraints, ...addConstraints(schema, t, a.constraints)];
      return;
    case 'dropColumn': {
      const i = colIdx(a.name);
      if (i < 0) return;
      t.columns = t.columns.filter((_, j) => j !== i);
      // Dropping a column drops the indexes and constraints that use it.
      const uses = (cols: string[]) => cols.some((n) => sameColumn(n, a.name, d));
      const goneI = t.indexes.filter((x) => uses(x.keys.map((k) => k.column ?? '')));
      const goneC = t.constraints.filter((c) => uses(c.columns));
      t.indexes = t.indexes.filter((x) => !goneI.includes(x));
      t.constraints = t.constraints.filter((c) => !goneC.includes(c));
      forgetNames(schema, t, [...goneI, ...goneC]);
      return;
    }
    case 'renameColumn':
      renameColumn(t, a.from, a.to, d);
      return;
    case 'modifyColumn': {
      const i = colIdx(a.from);
      if (i < 0) return;
      if (!sameColumn(a.from, a.column.name, d)) renameColumn(t, a.from, a.column.name, d);
      const cols = t.columns.slice();
      cols[i] = a.column;
      t.columns = cols;
      t.constraints = [...t.constraints, ...addConstraints(schema, t, a.constraints)];
      return;
    }
    case 'alterColumnType': {
      const i = colIdx(a.name);
      if (i < 0) return;
      const before = t.columns[i].type.name;
      updateColumn(t, i, { rawType: a.rawType, type: a.type, typeChangedAt: file ? { file, span: a.span } : undefined, typeBefore: before });
      return;
    }
    case 'setNotNull':
      updateColumn(t, colIdx(a.name), { nullable: false });
      return;
    case 'addIdentity':
      // An identity column is NOT NULL and auto-increments (pg_dump writes it after the CREATE TABLE).
      updateColumn(t, colIdx(a.name), { nullable: false, autoIncrement: 'identity' });
      return;
    case 'dropNotNull':
      updateColumn(t, colIdx(a.name), { nullable: true });
      return;
    case 'setDefault':
      updateColumn(t, colIdx(a.name), { default: a.default });
      return;
    case 'dropDefault': {
      // A PostgreSQL serial is its nextval() default: without it the column no longer counts (identity stays).
      const i = colIdx(a.name);
      const serial = d === 'postgresql' && i >= 0 && t.columns[i].autoIncrement === 'serial';
      updateColumn(t, i, serial ? { default: undefined, autoIncrement: undefined } : { default: undefined });
      return;
    }
    case 'addConstraint':
      if (a.constraint.kind === 'primary' && t.constraints.some((c) => c.kind === 'primary')) return;
      // The database refuses a second constraint (or index) of the same name: so does the replay. This happens
      // when two declaration files describe the same table (a snapshot and its deltas).
      if (a.constraint.name && hasName(schema, t, a.constraint.name, a.constraint.kind !== 'foreign' && a.constraint.kind !== 'check')) return;
      t.constraints = [...t.constraints, ...addConstraints(schema, t, [a.constraint])];
      return;
    case 'dropConstraint': {
      const gone = t.constraints.filter((c) => c.name && sameColumn(c.name, a.name, d));
      if (gone.length) {
        t.constraints = t.constraints.filter((c) => !gone.includes(c));
        forgetNames(schema, t, gone);
      }
      return;
    }
    case 'validateConstraint':
      t.constraints = t.constraints.map((c) => (c.name && sameColumn(c.name, a.name, d) ? { ...c, notValid: false } : c));
      return;
    case 'dropPrimaryKey': {
      const gone = t.constraints.filter((c) => c.kind === 'primary');
      t.constraints = t.constraints.filter((c) => c.kind !== 'primary');
      forgetNames(schema, t, gone);
      return;
    }
    case 'addIndex':
      if (a.index.name && hasName(schema, t, a.index.name)) return;
      t.indexes = [...t.indexes, ...addIndexes(schema, t, [a.index])];
      return;
    case 'dropIndex':
      dropIndexNamed(schema, { name: a.name }, t.name);
      return;
    case 'renameIndex': {
      const reg = registry(schema);
      const ren = <T extends { name?: string; generatedName?: boolean }>(x: T): T => {
        if (!x.name || !sameColumn(x.name, a.from, d)) return x;
        reg.remove(t, x.name);
        const kind = (x as { kind?: string }).kind;
        reg.add(t, a.to, kind === undefined || kind === 'primary' || kind === 'unique' || kind === 'exclude');
        return { ...x, name: a.to, generatedName: false };
      };
      t.indexes = t.indexes.map(ren);
      t.constraints = t.constraints.map(ren);
      return;
    }
    case 'renameTable':
      rename(schema, t.name, a.to);
      return;
    case 'setOptions':
      if (a.engine) t.engine = a.engine;
      if (a.charset || a.collation) setTableCharset(schema, t, a, file ?? '');
      return;
    case 'attachPartition': {
      const p = findTable(schema, a.partition);
      if (p) p.partitionOf = t.name;
      return;
    }
  }
}

/**
 * MySQL `ALTER TABLE` character set options. The new default replaces both halves: a character set alone means its
 * default collation, a collation alone names its character set (`DEFAULT` is the database's). `CONVERT TO
 * CHARACTER SET` also re-encodes every string column (a binary one stays binary). `[DEFAULT] CHARSET=` /
 * `COLLATE=` change only the default of columns added later: a column that inherited the old default keeps it.
 */
function setTableCharset(schema: Schema, t: Table, a: Extract<AlterAction, { action: 'setOptions' }>, file: string): void {
  const inherit = a.charset?.toLowerCase() === 'default';
  const next = pair(inherit ? undefined : a.charset, a.collation);
  const before = pair(t.charset, t.collation);
  t.charset = next.charset;
  t.collation = next.collation;
  if (t.charset === undefined) delete t.charset;
  if (t.collation === undefined) delete t.collation;
  if (schema.dialect !== 'mysql') return;
  const setBy = (how: 'converted' | 'kept') => ({ how, file, span: a.span });
  if (a.convert) {
    // CONVERT TO CHARACTER SET DEFAULT: the database's default, as every column then inherits.
    const to = inherit ? pair(schema.database.charset, schema.database.collation) : next;
    t.columns = t.columns.map((c) => (isCharacterColumn(c) ? withCharset(c, to, setBy('converted')) : c));
    return;
  }
  const old = before.charset || before.collation ? before : pair(schema.database.charset, schema.database.collation);
  const inherits = (c: Column) => isCharacterColumn(c) && !c.charset && !c.collation && !c.charsetSetBy && !nationalType(c.rawType);
  t.columns = t.columns.map((c) => (inherits(c) ? withCharset(c, old, setBy('kept')) : c));
}

/** NCHAR / NVARCHAR / NATIONAL … types: MySQL's fixed national character set, utf8mb3. */
export function nationalType(rawType: string): boolean {
  return /^\s*(?:national\b|nchar\b|nvarchar\b)/i.test(rawType);
}

function pair(charset: string | undefined, collation: string | undefined): { charset?: string; collation?: string } {
  const out: { charset?: string; collation?: string } = {};
  if (charset) out.charset = charset;
  if (collation) out.collation = collation;
  return out;
}

/** A column with a character set of its own (not binary): the string types, ENUM and SET. */
function isCharacterColumn(c: Column): boolean {
  return STRING_TYPES.has(c.type.name) && canonicalCharset(c.charset) !== 'binary' && canonicalCollation(c.collation) !== 'binary';
}

function withCharset(c: Column, to: { charset?: string; collation?: string }, setBy: NonNullable<Column['charsetSetBy']>): Column {
  const { charset: _cs, collation: _co, ...rest } = c;
  return { ...rest, ...to, charsetSetBy: setBy };
}

function updateColumn(t: Table, i: number, patch: Partial<Column>): void {
  if (i < 0) return;
  const cols = t.columns.slice();
  cols[i] = { ...cols[i], ...patch };
  t.columns = cols;
}

function renameColumn(t: Table, from: string, to: string, d: Dialect): void {
  const ren = (n: string) => (sameColumn(n, from, d) ? to : n);
  t.columns = t.columns.map((c) => (sameColumn(c.name, from, d) ? { ...c, name: to } : c));
  t.constraints = t.constraints.map((c) => (c.columns.some((n) => sameColumn(n, from, d)) ? { ...c, columns: c.columns.map(ren) } : c));
  t.indexes = t.indexes.map((i) =>
    i.keys.some((k) => k.column && sameColumn(k.column, from, d)) ? { ...i, keys: i.keys.map((k) => (k.column ? { ...k, column: ren(k.column) } : k)) } : i,
  );
}

/** MySQL: `utf8` is `utf8mb3`; a collation implies its charset; a charset implies its default collation (8.0). */
const DEFAULT_COLLATION: Record<string, string> = {
  utf8mb4: 'utf8mb4_0900_ai_ci',
  utf8mb3: 'utf8mb3_general_ci',
  latin1: 'latin1_swedish_ci',
  ascii: 'ascii_general_ci',
  binary: 'binary',
  ucs2: 'ucs2_general_ci',
  utf16: 'utf16_general_ci',
  utf32: 'utf32_general_ci',
  cp1251: 'cp1251_general_ci',
  gbk: 'gbk_chinese_ci',
  big5: 'big5_chinese_ci',
  sjis: 'sjis_japanese_ci',
};

export function canonicalCharset(cs: string | undefined): string | undefined {
  if (!cs) return undefined;
  const c = cs.toLowerCase();
  return c === 'utf8' ? 'utf8mb3' : c;
}

export function canonicalCollation(co: string | undefined): string | undefined {
  if (!co) return undefined;
  const c = co.toLowerCase();
  return c.startsWith('utf8_') ? 'utf8mb3_' + c.slice(5) : c;
}

function charsetOfCollation(co: string): string {
  return co === 'binary' ? 'binary' : co.split('_')[0];
}

const STRING_TYPES = new Set(['char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext', 'enum', 'set']);

/** After replay: PK columns are NOT NULL; MySQL string columns get their effective charset/collation. */
function resolve(schema: Schema): void {
  const dbCharset = canonicalCharset(schema.database.charset ?? (schema.database.collation ? charsetOfCollation(canonicalCollation(schema.database.collation)!) : undefined));
  const dbCollation = canonicalCollation(schema.database.collation) ?? (dbCharset ? DEFAULT_COLLATION[dbCharset] : undefined);
  for (const t of schema.tables.values()) {
    const pk = primaryKey(t);
    const tableCollation = canonicalCollation(t.collation);
    const tableCharset = canonicalCharset(t.charset) ?? (tableCollation ? charsetOfCollation(tableCollation) : dbCharset);
    const tableEffCollation = tableCollation ?? (t.charset ? DEFAULT_COLLATION[tableCharset!] : dbCollation);
    if (!pk && schema.dialect !== 'mysql') continue;
    t.columns = t.columns.map((c) => {
      let col: Column = c;
      if (pk && c.nullable && pk.columns.some((n) => sameColumn(n, c.name, schema.dialect))) col = { ...col, nullable: false };
      if (schema.dialect === 'mysql' && STRING_TYPES.has(c.type.name)) {
        const colCollation = canonicalCollation(c.collation);
        // A column that kept the server's default when its table's default changed: unknown.
        const unknown = c.charsetSetBy?.how === 'kept' && !c.charset && !colCollation;
        const own = canonicalCharset(c.charset) ?? (colCollation ? charsetOfCollation(colCollation) : nationalType(c.rawType) ? 'utf8mb3' : undefined);
        const cs = unknown ? undefined : (own ?? tableCharset);
        const co = unknown ? undefined : (colCollation ?? (own ? DEFAULT_COLLATION[cs!] : tableEffCollation));
        if (cs !== col.effectiveCharset || co !== col.effectiveCollation) col = { ...col, effectiveCharset: cs, effectiveCollation: co };
      }
      return col;
    });
  }
}
