/**
 * The analysis engine: files in, diagnostics out.
 *   files → dialect per file → split + parse (cached per statement text) → group by (project, dialect) →
 *   replay into a Schema → run enabled rules → suppressions → plain diagnostics (UTF-16 offsets).
 * Holds the parse caches between runs, so a re-analysis after an edit re-parses only the statements whose text
 * changed. Pure: no IO.
 */
import picomatch from 'picomatch';
import type { AnalysisResult, Config, Diagnostic, FileInfo, Severity, SourceFile } from './api';
import type { Dialect, Origin, QueryDef, Span } from './model/types';
import { buildSchema, collectWorkload, isQueryOnly, rebuildSchema, withQueries, workloadPartsOf, type ReplayFile, type Schema, type Table, type WorkloadQuery } from './model/schema';
import { compareMigrations, isDownMigration } from './model/order';
import { FileParser, StatementCache, wholeFileEdit, type ParsedFile } from './parse/file';
import { parseTypeormMigration } from './parse/typeorm-migrations';
import { buildOrmModels, readAppQueries, type OrmModels } from './parse/app-queries';
import { entityMatcher, OrmReader, sourceKind, type OrmDatabase } from './orm';

/** A TypeORM migration class: its `up()` runs SQL through `queryRunner.query(…)`. */
/**
 * Is this migration file one the ORM database's own tool writes? Prisma Migrate: `<schema folder>/migrations/…`
 * (`<parent>/migrations/` for a `prisma/schema/` folder). TypeORM: a migration class of the project. Other migration
 * folders of a project may build another database (a service's SQL beside a Prisma schema): not paired.
 */
function ownsMigration(db: OrmDatabase, path: string, parsed: Map<string, ParsedFile>): boolean {
  if (db.source === 'typeorm') return parsed.get(path)?.source === 'typeorm';
  const dir = db.files[0]?.path.replace(/\/[^/]*$/, '') ?? '';
  return [dir + '/migrations/', dir.replace(/\/schema$/, '') + '/migrations/'].some((r) => path.startsWith(r));
}

/** Tests and fixtures are not the application's workload. */
const TEST_FILE = /(?:\.(?:test|spec|e2e)\.[cm]?[jt]sx?$)|\/(?:__tests__|__mocks__|test|tests|fixtures)\//;
const TYPEORM_MIGRATION = /\bMigrationInterface\b|\bqueryRunner\s*\.\s*query\s*\(/;
import { detectDialect, fileNameDialect, folderDialect, markerDialect, unsupportedEngine } from './parse/dialect';
import { initPostgres } from './parse/postgres';
import { FixBuilder } from './fixes';
import { Migrations } from './migrations';
import { lockHints, type LockHint } from './locks';
import { findCommentSuppressions, findSuppressions } from './suppress';
import { RULES, ruleById } from './rules/registry';
import type { Gate, Locatable, Report, Rule, RuleContext } from './rules/types';
import { hoverAt } from './hover';
import { movedTo, sameItems, shiftFindings, TableReuse, type TableFindings } from './reuse';
import { newReads, tableOrder, trackedSchema, type Reads } from './model/reads';

export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

export class Cancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

interface DialectMemo {
  text: string;
  dialect?: Dialect;
  source?: 'marker' | 'filename' | 'detected';
  unsupported?: string;
}

/** How much of a file dialect detection reads (see parse/dialect.ts). */
const DETECTION_HEAD = 200_000;

function sameHead(a: string, b: string): boolean {
  if (a.length <= DETECTION_HEAD || b.length <= DETECTION_HEAD) return false;
  // The marker search covers the first 50 lines; make sure they lie inside the compared head.
  let nl = -1;
  for (let i = 0; i < 50; i++) {
    nl = a.indexOf('\n', nl + 1);
    if (nl < 0 || nl >= DETECTION_HEAD) return false;
  }
  return a.slice(0, DETECTION_HEAD) === b.slice(0, DETECTION_HEAD);
}

/** Evidence-free files follow the workspace's dialect only when this share of the files with evidence agrees. */
const MAJORITY = 2 / 3;

export interface AnalyzerOptions {
  /**
   * Keep what the next analysis can reuse (per-table findings and what each rule read for them). Off for a single
   * analysis (the CLI): tracking reads then only costs.
   */
  reuse?: boolean;
}

export class Analyzer {
  private readonly reuse: boolean;

  constructor(options: AnalyzerOptions = {}) {
    this.reuse = options.reuse ?? true;
  }

  private parser = new FileParser();
  private orm = new OrmReader();
  /** TypeORM migration classes read as SQL migrations, per path; their statements' parses, cached by text. */
  private tsMigrations = new Map<string, { text: string; dialect: Dialect; parsed: ParsedFile }>();
  private tsMigrationCache = new StatementCache();
  /** Per ORM database: the model application code is read against, and the files it was built from. */
  private modelMemo = new Map<string, { inputs: ParsedFile[]; models: OrmModels }>();
  /** Per application file: its last reading and the ParsedFile made of it (kept while the reading is the same object). */
  private appFiles = new Map<string, { read: ReturnType<typeof readAppQueries>; parsed: ParsedFile }>();
  /** Per ORM database: the pair rules' findings and the two schemas they were computed from. */
  private pairMemo = new Map<string, { configKey: string; orm: Schema; migrations: Schema; found: Diagnostic[] }>();
  /** Per Prisma schema sharing its SQL database with other migrations: the schema of its own migrations folder. */
  private subsetMemo = new Map<string, { inputs: ParsedFile[]; schema: Schema }>();
  private dialectMemo = new Map<string, DialectMemo>();
  private last?: { schemas: Schema[]; files: Map<string, ParsedFile>; config: Config };
  /** The last analysis's findings per file (see the end of `analyze`). */
  private lastLists = new Map<string, Diagnostic[]>();
  /** What the last analysis read of its files (see readFiles). */
  private front?: FrontState;
  /** Per database (project + dialect): what its last schema and findings were built from. */
  private groupMemo = new Map<
    string,
    {
      inputs: ParsedFile[];
      roles: string;
      configKey: string;
      schema: Schema;
      found: { schema: Diagnostic[]; workload: Diagnostic[] };
      runs: SchemaRuns;
      gen: number;
    }
  >();
  /** Per workload query: its per-query rules' findings, for the next analysis to reuse (see runWorkloadRules). */
  private queryMemo = new WeakMap<QueryDef, QueryMemo>();
  /**
   * Per workload file (its parsed object: the same while its text is), its queries' memos and findings together: a
   * file no edit touched is reused whole, without a look at each of its queries (2,000 service files, one edited).
   */
  private fileWorkMemo = new WeakMap<readonly WorkloadQuery[], FileWorkMemo>();
  /**
   * Generations of a database's analyses: a query memo is reused only by the analysis of its database right after the
   * one that made or kept it (`prevGen` → `gen`). A database none of whose files changed keeps its generation.
   */
  private gens = 0;
  private gen = 0;
  private prevGen = -1;
  /** The current configuration's key. */
  private configKey = '';
  /** Rule failures, reported once per (rule, project). Read and cleared by the caller for logging. */
  readonly internalErrors: string[] = [];
  private reportedFailures = new Set<string>();

  /** The globs of the last configuration, compiled, and per path what they say of it (2,000 matches per edit add up). */
  private roleMemo?: { key: string; of: (path: string) => PathRoles };

  private pathRoles(config: Config): (path: string) => PathRoles {
    const key = JSON.stringify([config.exclude, config.migrations, config.workloadInclude]);
    if (this.roleMemo?.key === key) return this.roleMemo.of;
    const excluded = config.exclude.length ? picomatch(config.exclude, { dot: true }) : () => false;
    const migration = picomatch(config.migrations, { dot: true });
    const workload = config.workloadInclude.length ? picomatch(config.workloadInclude, { dot: true }) : () => false;
    const memo = new Map<string, PathRoles>();
    const of = (path: string): PathRoles => {
      let r = memo.get(path);
      if (!r) {
        if (memo.size > 200_000) memo.clear();
        const m = migration(path);
        r = { excluded: excluded(path), migration: m, application: workload(path) && !m && !TEST_FILE.test(path) };
        memo.set(path, r);
      }
      return r;
    };
    this.roleMemo = { key, of };
    return of;
  }

  /** Per path: its source kind under the configuration of `config` (a glob match per file per analysis adds up). */
  private kinds = new Map<string, { config: Config; kind: ReturnType<typeof sourceKind> }>();

  private kindOf(path: string, config: Config, isEntity: (p: string) => boolean): ReturnType<typeof sourceKind> {
    const memo = this.kinds.get(path);
    if (memo && (memo.config === config || (memo.config.typeormEntities === config.typeormEntities))) return memo.kind;
    const kind = sourceKind(path, isEntity);
    if (this.kinds.size > 200_000) this.kinds.clear();
    this.kinds.set(path, { config, kind });
    return kind;
  }

  /** Loads the WASM parsers. Await once before the first `analyze`. */
  static async init(): Promise<void> {
    await initPostgres();
  }

  /**
   * Everything an analysis reads before the models are built: each file's kind, dialect and parse, the ORM databases,
   * the application code's calls, and the files of each database.
   */
  private readFiles(files: SourceFile[], config: Config, configKey: string, roles: (path: string) => PathRoles, cancel?: CancellationFlag): FrontState {
    const isExcluded = (p: string) => roles(p).excluded;
    const isMigrationGlob = (p: string) => roles(p).migration;
    // Decided once per file per run (a glob match); later steps read it back.
    const migrationFiles = new Set<string>();
    const isMigration = (p: string) => migrationFiles.has(p);
    const diagnostics = new Map<string, Diagnostic[]>();
    const infos = new Map<string, FileInfo>();
    const parsed = new Map<string, ParsedFile>();

    // SQL files, Prisma schemas, TypeORM entities; other scripts only for a TypeORM DataSource's driver.
    const isEntity = entityMatcher(config);
    const prisma: SourceFile[] = [];
    const entities: SourceFile[] = [];
    const scripts: SourceFile[] = [];
    const sql: SourceFile[] = [];
    for (const f of files) {
      if (isExcluded(f.path)) continue;
      const kind = this.kindOf(f.path, config, isEntity);
      if (kind === 'prisma') prisma.push(f);
      else if (kind === 'typeorm') entities.push(f);
      else if (kind === 'sql') sql.push(f);
      else scripts.push(f);
    }
    const all = sql.map((f) => ({ f, ...this.fileDialect(f, config) }));
    for (const x of all) if (isMigrationGlob(x.f.path)) migrationFiles.add(x.f.path);
    // Files in a dialect we do not analyse (ClickHouse, CockroachDB-only migrations) stay silent.
    for (const x of all) {
      if (!x.unsupported) continue;
      diagnostics.set(x.f.path, []);
      infos.set(x.f.path, { path: x.f.path, dialect: 'postgresql', dialectSource: 'detected', unsupported: x.unsupported, isMigration: isMigration(x.f.path), source: 'sql', statements: 0, parsed: 0, recovered: 0, skipped: 0, unparsed: 0 });
    }
    const decided = all.filter((x) => !x.unsupported);
    const kept = decided.map((x) => x.f);
    // Files with no evidence take the workspace's dialect when the files with evidence clearly agree on one
    // (so a MySQL project's plain `CREATE INDEX` migration joins the MySQL schema), else PostgreSQL.
    const counts = new Map<Dialect, number>();
    let withEvidence = 0;
    for (const x of decided) {
      if (!x.dialect) continue;
      counts.set(x.dialect, (counts.get(x.dialect) ?? 0) + 1);
      withEvidence++;
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const majority = top && top[1] >= MAJORITY * withEvidence ? top[0] : undefined;

    const seen = new Set<string>();
    for (const x of decided) {
      if (cancel?.isCancellationRequested) throw new Cancelled();
      seen.add(x.f.path);
      const dialect = x.dialect ?? majority ?? 'postgresql';
      const source: FileInfo['dialectSource'] = x.dialect ? x.source! : majority ? 'workspace' : 'default';
      // Statements in migrations are schema changes; every other file's queries are the workload.
      const pf = this.parser.parse(x.f.path, x.f.text, dialect, isMigration(x.f.path) ? 'schema' : 'workload');
      parsed.set(x.f.path, pf);
      diagnostics.set(x.f.path, []);
      infos.set(x.f.path, fileInfo(pf, source, isMigration(x.f.path)));
    }

    // ORM sources: each Prisma schema, each project's TypeORM entities, a database of its own. Without a datasource
    // or driver of their own they take the setting, else the dialect of the project's SQL files, else PostgreSQL.
    const sqlDialects = new Map<string, Map<Dialect, number>>();
    for (const x of decided) {
      const d = infos.get(x.f.path)!.dialect;
      const m = sqlDialects.get(x.f.project ?? '') ?? new Map<Dialect, number>();
      m.set(d, (m.get(d) ?? 0) + 1);
      sqlDialects.set(x.f.project ?? '', m);
    }
    const ormFallback = (project: string): { dialect: Dialect; source: FileInfo['dialectSource'] & ('setting' | 'workspace' | 'default') } => {
      if (config.dialect !== 'auto') return { dialect: config.dialect, source: 'setting' };
      const best = [...(sqlDialects.get(project) ?? new Map<Dialect, number>()).entries()].sort((a, b) => b[1] - a[1])[0];
      return best ? { dialect: best[0], source: 'workspace' } : { dialect: 'postgresql', source: 'default' };
    };
    const orm = prisma.length || entities.length ? this.orm.read(prisma, entities, scripts, config, ormFallback) : { databases: [], unsupported: new Map<string, string>() };
    for (const [path, why] of orm.unsupported) {
      diagnostics.set(path, []);
      infos.set(path, { path, dialect: 'postgresql', dialectSource: 'marker', unsupported: why, isMigration: false, source: 'prisma', statements: 0, parsed: 0, recovered: 0, skipped: 0, unparsed: 0 });
    }
    const byPath = new Map([...prisma, ...entities].map((f) => [f.path, f]));
    // Entity-glob files without an entity (barrels, DTOs) still get their (empty) entry.
    for (const path of byPath.keys()) if (!diagnostics.has(path)) diagnostics.set(path, []);
    for (const db of orm.databases) {
      for (const pf of db.files) {
        parsed.set(pf.path, pf);
        diagnostics.set(pf.path, []);
        infos.set(pf.path, fileInfo(pf, db.dialectSource, false));
      }
    }
    // TypeORM migration classes (scripts under the migration globs): the SQL of their queryRunner.query() calls is
    // replayed like a SQL migration's, in the dialect of the project's entities.
    const ormDialect = new Map(orm.databases.filter((db) => db.source === 'typeorm').map((db) => [db.project, db.dialect]));
    const liveTsMigrations = new Set<string>();
    for (const f of scripts) {
      if (!isMigrationGlob(f.path) || !TYPEORM_MIGRATION.test(f.text)) continue;
      const dialect = ormDialect.get(f.project ?? '') ?? ormFallback(f.project ?? '').dialect;
      let m = this.tsMigrations.get(f.path);
      if (!m || m.text !== f.text || m.dialect !== dialect) {
        let pf: ParsedFile;
        try {
          pf = parseTypeormMigration(f.path, f.text, dialect, this.tsMigrationCache);
        } catch {
          pf = { path: f.path, text: f.text, dialect, statements: [], comments: [], source: 'typeorm' };
        }
        this.tsMigrations.set(f.path, (m = { text: f.text, dialect, parsed: pf }));
      }
      liveTsMigrations.add(f.path);
      migrationFiles.add(f.path);
      parsed.set(f.path, m.parsed);
      diagnostics.set(f.path, []);
      infos.set(f.path, fileInfo(m.parsed, ormDialect.has(f.project ?? '') ? 'marker' : 'workspace', true));
      kept.push(f);
    }
    for (const path of this.tsMigrations.keys()) if (!liveTsMigrations.has(path)) this.tsMigrations.delete(path);
    for (const path of this.parser.paths()) if (!seen.has(path)) this.parser.forget(path);
    for (const path of this.dialectMemo.keys()) if (!seen.has(path) && !infos.has(path)) this.dialectMemo.delete(path);

    // Group into databases: (project, dialect).
    const groups = new Map<string, { project: string; dialect: Dialect; files: SourceFile[] }>();
    for (const f of kept) {
      const info = infos.get(f.path)!;
      const key = (f.project ?? '') + '\u0000' + info.dialect;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { project: f.project ?? '', dialect: info.dialect, files: [] }));
      g.files.push(f);
    }
    // Application code: its ORM calls are the workload of the ORM database they address (read against the model the
    // database's own files describe; a file addressing several keeps the first that finds calls in it).
    const appFiles = orm.databases.length ? scripts.filter((f) => roles(f.path).application) : [];
    const appOf = new Map<string, SourceFile[]>();
    const liveApp = new Set<string>();
    // Which database's calls each application file holds ('' for none): what the next analysis checks again.
    const claims = new Map<string, string>();
    for (const f of appFiles) claims.set(f.path, '');
    for (const db of orm.databases) {
      const mine = appFiles.filter((f) => (f.project ?? '') === db.project && !parsed.has(f.path));
      if (!mine.length) continue;
      const models = this.modelsFor(db);
      for (const f of mine) {
        const read = readAppQueries(f.path, f.text, models, db.dialect);
        if (!read.statements.length) continue;
        const pf = this.appParsed(f, db, read);
        liveApp.add(f.path);
        claims.set(f.path, db.key);
        parsed.set(f.path, pf);
        diagnostics.set(f.path, []);
        infos.set(f.path, fileInfo(pf, db.dialectSource, false));
        byPath.set(f.path, f);
        const list = appOf.get(db.key);
        if (list) list.push(f);
        else appOf.set(db.key, [f]);
      }
    }
    for (const path of this.appFiles.keys()) if (!liveApp.has(path)) this.appFiles.delete(path);
    for (const db of orm.databases) {
      groups.set(db.key, { project: db.project, dialect: db.dialect, files: [...db.files.map((pf) => byPath.get(pf.path)!), ...(appOf.get(db.key) ?? [])] });
    }

    // Migrations that build the database an ORM model describes — Prisma Migrate's `migrations/` folder beside the
    // schema, a TypeORM project's migration classes: the model is where the schema is written and fixed, so design
    // findings are reported there once; the migration files keep the findings about running them (locks, rewrites).
    const ownMigrations = new Map<string, SourceFile[]>();
    const modelled = new Set<string>();
    for (const db of orm.databases) {
      const g = groups.get(db.project + '\u0000' + db.dialect);
      const mine = g ? g.files.filter((f) => isMigration(f.path) && ownsMigration(db, f.path, parsed)) : [];
      if (!mine.length) continue;
      ownMigrations.set(db.key, mine);
      for (const f of mine) modelled.add(f.path);
    }
    const reported = modelled.size ? (d: Diagnostic) => !modelled.has(d.file) || ruleById(d.ruleId)?.meta.category === 'migrations' : () => true;
    // A copy: the next analysis compares its files with these, and a caller may reuse its array.
    return { configKey, files: files.slice(), parsed, infos, paths: [...diagnostics.keys()], migrationFiles, orm, groups, ownMigrations, reported, kept, byPath, claims };
  }

  /**
   * The last analysis's `readFiles`, when the only files that changed are application code whose ORM calls stay with
   * the database they were with (typing in a service file of 2,000): those files are read again, nothing else.
   */
  private readFilesAgain(files: SourceFile[], configKey: string): FrontState | undefined {
    const prev = this.front;
    if (!prev || prev.configKey !== configKey || prev.files.length !== files.length) return undefined;
    const changed: number[] = [];
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      const was = prev.files[i];
      if (f === was) continue;
      if (f.path !== was.path || f.project !== was.project || !prev.claims.has(f.path) || changed.length === 8) return undefined;
      changed.push(i);
    }
    const claimed: { f: SourceFile; db: OrmDatabase; read: ReturnType<typeof readAppQueries> }[] = [];
    for (const i of changed) {
      const f = files[i];
      // A DataSource's driver written into it decides a TypeORM project's dialect: read everything again.
      if (this.orm.driverOf(prev.files[i]) !== this.orm.driverOf(f)) return undefined;
      // The first database whose calls it holds, as readFiles decides.
      let claim: (typeof claimed)[number] | undefined;
      for (const db of prev.orm.databases) {
        if (db.project !== (f.project ?? '')) continue;
        const read = readAppQueries(f.path, f.text, this.modelsFor(db), db.dialect);
        if (read.statements.length) {
          claim = { f, db, read };
          break;
        }
      }
      if ((claim?.db.key ?? '') !== prev.claims.get(f.path)) return undefined;
      if (claim) claimed.push(claim);
    }
    // The maps are updated in place (2,000 entries copied per keystroke add up); the file infos are a result the
    // caller holds, so they are copied, and only when one changed.
    const parsed = prev.parsed;
    let infos = prev.infos;
    for (const { f, db, read } of claimed) {
      const pf = this.appParsed(f, db, read);
      parsed.set(f.path, pf);
      const info = fileInfo(pf, db.dialectSource, false);
      const was = infos.get(f.path);
      if (was && sameInfo(was, info)) continue;
      if (infos === prev.infos) infos = new Map(infos);
      infos.set(f.path, info);
    }
    return { ...prev, files: files.slice(), parsed, infos };
  }

  /** An application file's calls as a parsed file: the same object while they are, else one that records the edit. */
  private appParsed(f: SourceFile, db: OrmDatabase, read: ReturnType<typeof readAppQueries>): ParsedFile {
    let m = this.appFiles.get(f.path);
    if (!m || m.read !== read) {
      const pf: ParsedFile = { path: f.path, text: f.text, dialect: db.dialect, statements: read.statements, comments: read.comments, source: db.source };
      if (m) pf.edit = wholeFileEdit(m.parsed, f.text);
      this.appFiles.set(f.path, (m = { read, parsed: pf }));
    }
    return m.parsed;
  }

  /** Analyses the whole set of files (the workspace). Never throws on user input; throws `Cancelled` if cancelled. */
  analyze(files: SourceFile[], config: Config, cancel?: CancellationFlag): AnalysisResult {
    const t0 = performance.now();
    const roles = this.pathRoles(config);
    const configKey = JSON.stringify(config);
    const front = (this.reuse && this.readFilesAgain(files, configKey)) || this.readFiles(files, config, configKey, roles, cancel);
    if (this.reuse) this.front = front;
    const { parsed, infos, migrationFiles, orm, groups, ownMigrations, reported, kept, byPath } = front;
    const isMigration = (p: string) => migrationFiles.has(p);
    const diagnostics = new Map<string, Diagnostic[]>();
    // Indexed loops here and below: `analyze` is too large for the optimizing compiler, and an iterator step in
    // unoptimized code allocates (5,000 findings, 2,000 files: garbage on every keystroke).
    for (let i = 0; i < front.paths.length; i++) diagnostics.set(front.paths[i], []);

    const tParsed = performance.now();
    let modelMs = 0;
    const schemas: Schema[] = [];
    let tables = 0;
    let statements = 0;
    this.configKey = configKey;
    const nextMemo: typeof this.groupMemo = new Map();
    const built = new Map<string, { schema: Schema; unchanged: boolean }>();
    for (const [key, g] of groups) {
      if (cancel?.isCancellationRequested) throw new Cancelled();
      const decl = g.files.filter((f) => !isMigration(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const migs = g.files.filter((f) => isMigration(f.path) && !isDownMigration(f.path)).sort((a, b) => compareMigrations(a.path, b.path));
      const replay: ReplayFile[] = [...decl, ...migs].map((f) => ({
        path: f.path,
        isMigration: isMigration(f.path),
        statements: isMigration(f.path) ? upSection(parsed.get(f.path)!) : parsed.get(f.path)!.statements,
      }));
      // A database none of whose files changed (the same parsed objects, in the same roles) keeps its schema and
      // findings: editing the PostgreSQL migrations of a repo does not re-check its SQLite ones.
      const groupKey = key;
      const inputs = replay.map((r) => parsed.get(r.path)!);
      const roles = replay.map((r) => (r.isMigration ? 'm' : 'd')).join('');
      const memo = this.groupMemo.get(groupKey);
      this.prevGen = memo?.gen ?? -1;
      this.gen = ++this.gens;
      let schema: Schema | undefined;
      let found: { schema: Diagnostic[]; workload: Diagnostic[] } | undefined;
      let runs: SchemaRuns | undefined;
      if (memo && memo.configKey === configKey && memo.roles === roles && memo.schema.latestMigration === latestMigrationOf(replay)) {
        // What moved where, per edited file (undefined when a file changed without a recorded edit).
        const edits = new Map<string, NonNullable<ParsedFile['edit']>>();
        // Files that changed with no record of where (ORM sources and application code are read whole).
        const unknown = new Set<string>();
        let chain = true;
        inputs.forEach((pf, i) => {
          if (pf === memo.inputs[i]) return;
          if (pf.edit?.previous === memo.inputs[i]) edits.set(pf.path, pf.edit);
          else {
            chain = false;
            unknown.add(pf.path);
          }
        });
        const shifted = (ds: Diagnostic[]) => (chain ? shiftFindings(ds, edits) : undefined);
        // The schema rules' findings of the last analysis, kept where what they read is the same (see SchemaRuns).
        const previous = (same: boolean, next: Schema): PreviousRuns | undefined =>
          chain ? { runs: memo.runs, same, reuse: new TableReuse(memo.schema, next, edits, parsed) } : undefined;
        if (sameItems(memo.inputs, inputs)) {
          ({ schema, found, runs } = memo);
          this.gen = memo.gen;
        }
        else if (sameFacts(memo.inputs, inputs, 'all')) {
          // Every fact is the same object (an edit that changed offsets only: a space, a comment, a blank line):
          // the model holds, its spans were moved in place. Its findings move with the text, unless one touches the
          // edited range; then the rules run again on the same model.
          if (chain) {
            schema = memo.schema;
            const w1 = shifted(memo.found.workload);
            if (w1) this.carryQueryMemos(schema, edits);
            const sr = this.runSchemaRules(schema, config, parsed, isMigration, previous(true, schema));
            runs = sr.runs;
            found = { schema: sr.found, workload: w1 ?? this.runWorkloadRules(schema, config, parsed, isMigration, edits) };
          }
        } else if (sameFacts(memo.inputs, inputs, 'schema')) {
          // Only queries changed (typing in a query file): the model holds, the workload is collected again and only
          // the rules that read it run; the schema rules' findings move with the text.
          schema = withQueries(memo.schema, replay);
          const sr = this.runSchemaRules(schema, config, parsed, isMigration, previous(true, schema));
          runs = sr.runs;
          found = {
            schema: sr.found,
            // Queries of the files that changed without an edit record are judged again; the others keep their findings.
            workload: this.runWorkloadRules(schema, config, parsed, isMigration, edits, unknown),
          };
        } else {
          // The model changed: built again (only its changed tables, when that is shown to give the same model);
          // per-table findings are kept for the tables that stayed the same.
          const tm = performance.now();
          schema = rebuildSchema(memo.schema, replay) ?? buildSchema(g.project, g.dialect, replay);
          modelMs += performance.now() - tm;
          const sr = this.runSchemaRules(schema, config, parsed, isMigration, previous(false, schema));
          runs = sr.runs;
          found = { schema: sr.found, workload: this.runWorkloadRules(schema, config, parsed, isMigration) };
        }
      }
      if (!schema || !found || !runs) {
        const tm = performance.now();
        schema = buildSchema(g.project, g.dialect, replay);
        modelMs += performance.now() - tm;
        const sr = this.runSchemaRules(schema, config, parsed, isMigration);
        runs = sr.runs;
        found = { schema: sr.found, workload: this.runWorkloadRules(schema, config, parsed, isMigration) };
      }
      nextMemo.set(groupKey, { inputs, roles, configKey, schema, found, runs, gen: this.gen });
      built.set(key, { schema, unchanged: !!memo && memo.configKey === configKey && sameItems(memo.inputs, inputs) && memo.schema === schema });
      schemas.push(schema);
      tables += schema.tables.size;
      statements += schema.statements.length;
      for (const list of [found.schema, found.workload]) {
        for (let i = 0; i < list.length; i++) if (reported(list[i])) diagnostics.get(list[i].file)?.push(list[i]);
      }
    }
    this.groupMemo = nextMemo;

    // Rules that compare an ORM's database with the one its project's migrations build (orm-schema-drift).
    const pairMemo: typeof this.pairMemo = new Map();
    for (const db of orm.databases) {
      const mine = built.get(db.key);
      const sqlKey = db.project + '\u0000' + db.dialect;
      const other = built.get(sqlKey);
      const own = ownMigrations.get(db.key);
      if (!mine || !other || !own) continue;
      const migrations = this.pairedMigrations(db, other.schema, groups.get(sqlKey)!.files, own, parsed);
      const memo = this.pairMemo.get(db.key);
      const found =
        memo && memo.configKey === configKey && memo.orm === mine.schema && memo.migrations === migrations && mine.unchanged && other.unchanged
          ? memo.found
          : this.runPairRules(mine.schema, migrations, config, parsed, isMigration);
      pairMemo.set(db.key, { configKey, orm: mine.schema, migrations, found });
      for (let i = 0; i < found.length; i++) diagnostics.get(found[i].file)?.push(found[i]);
    }
    this.pairMemo = pairMemo;

    // forEach, not for…of: over 2,000 files an entry array per file per keystroke is garbage the next edit waits on.
    parsed.forEach((pf, path) => {
      const list = diagnostics.get(path)!;
      const naSeverity = config.rules['not-analysed'] ?? 'hint';
      if (config.reportNotAnalysed && naSeverity !== 'off') {
        const failed = pf.statements.filter((s) => s.status !== 'parsed' && s.parseError);
        if (failed.length) {
          const first = failed[0];
          list.push({
            file: path,
            start: first.span.start,
            end: lineEnd(pf.text, first.span.start, first.span.end),
            ruleId: 'not-analysed',
            severity: naSeverity,
            message: `${failed.length} statement${failed.length === 1 ? '' : 's'} in this file could not be fully analysed by the ${pf.dialect} parser`,
            help: `First parser message: ${first.parseError}. Unknown syntax is skipped, not reported as an error; set the dialect if it is wrong.`,
            fixes: [],
          });
        }
      }
      if (list.length) diagnostics.set(path, applySuppressions(pf, pf.source && declaresTables(pf) ? mergeShared(list) : list));
    });

    // A file whose findings are the same objects as last time gets last time's list: the server then sees at once
    // that there is nothing to publish for it (2,000 files of an application, one of them edited).
    const lists = this.lastLists;
    diagnostics.forEach((list, path) => {
      const prev = lists.get(path);
      if (prev && prev !== list && sameItems(prev, list)) diagnostics.set(path, prev);
    });
    this.lastLists = diagnostics;

    this.last = { schemas, files: parsed, config };
    return {
      diagnostics,
      files: infos,
      stats: {
        files: kept.length + byPath.size,
        tables,
        statements,
        ms: performance.now() - t0,
        parseMs: tParsed - t0,
        modelMs,
        rulesMs: performance.now() - tParsed - modelMs,
      },
    };
  }

  /** Markdown hover for the model node at `offset` of `file` (index, index column, FK), from the last analysis. */
  hover(file: string, offset: number): { markdown: string; start: number; end: number } | undefined {
    if (!this.last) return undefined;
    try {
      return hoverAt(this.last.schemas, this.last.files, file, offset, this.last.config);
    } catch {
      return undefined;
    }
  }

  /** Inlay hints with the lock of each migration statement of `file` on an existing table (from the last analysis). */
  lockHints(file: string): LockHint[] {
    const text = this.last?.files.get(file)?.text;
    if (!this.last || text === undefined) return [];
    try {
      return lockHints(this.last.schemas, file, text, this.last.config.postgresVersion, this.last.config.mysqlVersion);
    } catch {
      return [];
    }
  }

  /** The schemas of the last analysis (for the diagram and tests). */
  lastSchemas(): readonly Schema[] {
    return this.last?.schemas ?? [];
  }

  /** A file's statements and facts as of the last analysis. */
  lastParsedFile(path: string): ParsedFile | undefined {
    return this.last?.files.get(path);
  }

  /** setting > marker comment > file name (`x.postgres.up.sql`) > folder name (`sqlite/`) > content; unsupported engines are flagged. */
  private fileDialect(f: SourceFile, config: Config): { dialect?: Dialect; source?: FileInfo['dialectSource']; unsupported?: string } {
    const memo = this.dialectMemo.get(f.path);
    let m: DialectMemo;
    // Detection reads only the head of a file (marker lines, first 200 KB): an edit below it changes nothing.
    if (memo && (memo.text === f.text || sameHead(memo.text, f.text))) m = memo;
    else {
      m = { text: f.text };
      try {
        const marker = markerDialect(f.text);
        const byName = fileNameDialect(f.path) ?? folderDialect(f.path);
        if (marker) Object.assign(m, { dialect: marker, source: 'marker' });
        else if (byName === 'unsupported') m.unsupported = 'its file or folder name names an engine Schemawise does not analyse';
        else if (byName) Object.assign(m, { dialect: byName, source: 'filename' });
        else {
          const engine = unsupportedEngine(f.text);
          if (engine) m.unsupported = `${engine} DDL is not analysed`;
          else {
            const d = detectDialect(f.text)?.dialect;
            if (d) Object.assign(m, { dialect: d, source: 'detected' });
          }
        }
      } catch {
        m = { text: f.text };
      }
      this.dialectMemo.set(f.path, m);
    }
    if (config.dialect !== 'auto') return { dialect: config.dialect, source: 'setting' };
    return { dialect: m.dialect, source: m.source, unsupported: m.unsupported };
  }

  /** The ORM model of a database as application code names it (models, fields, relations), from its own files. */
  private modelsFor(db: OrmDatabase): OrmModels {
    const memo = this.modelMemo.get(db.key);
    if (memo && sameItems(memo.inputs, db.files)) return memo.models;
    const schema = buildSchema(db.project, db.dialect, db.files.map((pf) => ({ path: pf.path, isMigration: false, statements: pf.statements })));
    const models = buildOrmModels(schema, new Map(db.files.map((pf) => [pf.path, pf])));
    this.modelMemo.set(db.key, { inputs: db.files, models });
    return models;
  }

  /**
   * The schema an ORM database's own migrations build (see `ownsMigration`): the project's SQL database of its
   * dialect when those are all its files, else the replay of those files alone.
   */
  private pairedMigrations(db: OrmDatabase, whole: Schema, files: SourceFile[], own: SourceFile[], parsed: Map<string, ParsedFile>): Schema {
    if (own.length === files.length) return whole;
    const ordered = own.filter((f) => !isDownMigration(f.path)).sort((a, b) => compareMigrations(a.path, b.path));
    const inputs = ordered.map((f) => parsed.get(f.path)!);
    const memo = this.subsetMemo.get(db.key);
    if (memo && sameItems(memo.inputs, inputs)) return memo.schema;
    const schema = buildSchema(whole.project, whole.dialect, inputs.map((pf) => ({ path: pf.path, isMigration: true, statements: upSection(pf) })));
    this.subsetMemo.set(db.key, { inputs, schema });
    return schema;
  }

  /** Runs the pair rules on an ORM's database (`orm`, where findings point) against its migrations' `migrations`. */
  private runPairRules(orm: Schema, migrations: Schema, config: Config, parsed: Map<string, ParsedFile>, isMigration: (p: string) => boolean): Diagnostic[] {
    const out: Diagnostic[] = [];
    const fixes = new FixBuilder(orm, parsed, isMigration);
    const history = new Migrations(migrations, parsed, config);
    for (const rule of RULES) {
      if (!rule.meta.pair || !rule.checkPair || effectiveSeverity(rule, config) === 'off' || !rule.meta.dialects.includes(orm.dialect)) continue;
      const ctx = this.ruleContext(rule, orm, config, parsed, isMigration, fixes, history, out);
      this.guarded(rule, orm, () => rule.checkPair!(ctx, migrations));
    }
    return out;
  }

  /** The context a rule reads `schema` through; its reports go to `out`. */
  private ruleContext(
    rule: Rule,
    schema: Schema,
    config: Config,
    parsed: Map<string, ParsedFile>,
    isMigration: (p: string) => boolean,
    fixes: FixBuilder,
    migrations: Migrations,
    out: Diagnostic[],
  ): RuleContext {
    const severity = effectiveSeverity(rule, config) as Severity;
    return {
      schema,
      options: ruleOptions(rule, config),
      fixes,
      isMigrationFile: isMigration,
      tableExistedBeforeFile: (at) => fixes.tableExistedBeforeFile(at),
      locate: (file, offset) => fileLine(schema.project, file, parsed.get(file)?.text, offset),
      migrations,
      report: (r) => {
        const d = toDiagnostic(rule, configured(rule, config) ?? r.severity ?? severity, r);
        if (d) out.push(d);
      },
    };
  }

  /** Runs a rule; a rule that throws costs that rule for that database, logged once. */
  private guarded(rule: Rule, schema: Schema, run: () => void): boolean {
    try {
      run();
      return true;
    } catch (e) {
      const key = rule.meta.id + '\u0000' + schema.project + '\u0000' + schema.dialect;
      if (!this.reportedFailures.has(key)) {
        this.reportedFailures.add(key);
        this.internalErrors.push(`rule ${rule.meta.id} failed on ${schema.dialect} schema ${schema.project || '(workspace)'}: ${(e as Error)?.stack ?? e}`);
      }
      return false;
    }
  }

  /**
   * A database whose findings were kept or moved without running the rules: its queries' memos move with them, so
   * the next analysis can still reuse them (a memo is valid only for the analysis right after it).
   */
  private carryQueryMemos(schema: Schema, edits: Map<string, NonNullable<ParsedFile['edit']>>): void {
    for (const part of workloadPartsOf(schema.workload)) {
      const fm = this.fileWorkMemo.get(part);
      if (fm && fm.gen === this.prevGen && !touches(fm.refs, edits)) {
        fm.gen = this.gen;
        continue;
      }
      const owner = { gen: this.gen };
      for (const q of part) {
        const memo = this.queryMemo.get(q.query);
        if (!memo || memo.owner.gen !== this.prevGen) continue;
        const moved = edits.size ? shiftFindings(memo.found, edits) : memo.found;
        if (!moved) {
          this.queryMemo.delete(q.query);
          continue;
        }
        memo.found = moved;
        memo.span = { start: q.query.span.start, end: q.query.span.end };
        memo.owner = owner;
      }
    }
  }

  /** The rules that run on `schema` under `config` (migration rules only where there are migrations to judge). */
  private activeRules(schema: Schema, config: Config): Rule[] {
    return RULES.filter(
      (rule) => effectiveSeverity(rule, config) !== 'off' && rule.meta.dialects.includes(schema.dialect) && (rule.meta.category !== 'migrations' || !!schema.latestMigration),
    );
  }

  /**
   * Runs the rules that read the schema alone: each rule's `check` once, its `checkTable` per table. With `previous`,
   * a `check` on the same model keeps its findings (moved past the edits) unless one lies in the edited text, and a
   * `checkTable` keeps a table's findings while the table and what the call read are the same (see TableReuse).
   */
  private runSchemaRules(
    schema: Schema,
    config: Config,
    parsed: Map<string, ParsedFile>,
    isMigration: (p: string) => boolean,
    previous?: PreviousRuns,
  ): { found: Diagnostic[]; runs: SchemaRuns } {
    const found: Diagnostic[] = [];
    const runs: SchemaRuns = new Map();
    const fixes = new FixBuilder(schema, parsed, isMigration);
    const migrations = new Migrations(schema, parsed, config);
    for (const rule of this.activeRules(schema, config)) {
      if (rule.meta.workload || (!rule.check && !rule.checkTable)) continue;
      const before = previous?.runs.get(rule.meta.id);
      const run: SchemaRuns extends Map<string, infer R> ? R : never = {};
      if (rule.check) {
        const kept = previous?.same && before?.whole ? previous.reuse.shift(before.whole) : undefined;
        if (kept) run.whole = kept;
        else {
          const out: Diagnostic[] = [];
          run.whole = this.guarded(rule, schema, () => rule.check!(this.ruleContext(rule, schema, config, parsed, isMigration, fixes, migrations, out))) ? out : [];
        }
        found.push(...run.whole);
      }
      if (rule.checkTable && !this.reuse) {
        // One analysis, nothing kept: the rule reads the schema itself.
        const out: Diagnostic[] = [];
        const ctx = this.ruleContext(rule, schema, config, parsed, isMigration, fixes, migrations, out);
        let gate: Gate | undefined;
        if (rule.tableSummary) {
          const totals: number[] = [];
          for (const t of schema.tables.values()) this.guarded(rule, schema, () => addCounts(totals, rule.tableSummary!.of(ctx, t)));
          this.guarded(rule, schema, () => (gate = rule.tableSummary!.gate(ctx, totals)));
        }
        for (const t of schema.tables.values()) {
          const before = out.length;
          if (!this.guarded(rule, schema, () => rule.checkTable!(ctx, t, gate))) out.length = before;
        }
        found.push(...out);
      } else if (rule.checkTable) {
        const tables = new Map<string, TableFindings>();
        const tracked = (reads: Reads, out: Diagnostic[]): RuleContext => {
          const base = this.ruleContext(rule, trackedSchema(schema, reads), config, parsed, isMigration, fixes, migrations, out);
          return {
            ...base,
            locate: (file, offset) => {
              reads.all = true;
              return base.locate(file, offset);
            },
            get migrations() {
              reads.all = true;
              return migrations;
            },
          };
        };
        const used = (reads: Reads) => (reads.all || reads.keys.length || reads.bare.length || reads.indexed.length || reads.enums || reads.database ? reads : undefined);
        // Counts over all tables first (kept per table like findings), and the value they gate every table's call with.
        let gate: Gate | undefined;
        if (rule.tableSummary) {
          const summaries = new Map<string, { reads?: Reads; counts: number[] }>();
          const totals: number[] = [];
          for (const t of schema.tables.values()) {
            const entry = before?.summaries?.get(t.key);
            if (entry && previous?.reuse.holds(t.key, entry.reads)) {
              summaries.set(t.key, entry);
              addCounts(totals, entry.counts);
              continue;
            }
            const reads = newReads();
            let counts: number[] = [];
            fixes.reads = reads;
            this.guarded(rule, schema, () => (counts = rule.tableSummary!.of(tracked(reads, []), t)));
            fixes.reads = undefined;
            summaries.set(t.key, { reads: used(reads), counts });
            addCounts(totals, counts);
          }
          const ctx = this.ruleContext(rule, schema, config, parsed, isMigration, fixes, migrations, []);
          this.guarded(rule, schema, () => (gate = rule.tableSummary!.gate(ctx, totals)));
          run.summaries = summaries;
          run.gate = gate;
        }
        const sameGate = !rule.tableSummary || before?.gate === gate;
        const visit = (t: Table): TableFindings => {
          const entry = sameGate ? before?.tables?.get(t.key) : undefined;
          const kept = entry && previous ? previous.reuse.keep(t.key, entry) : undefined;
          if (kept) {
            // Most entries read nothing else and found nothing: kept as they are, no copy.
            const e = kept === entry!.found ? entry! : { reads: entry!.reads, found: kept };
            tables.set(t.key, e);
            for (const d of kept) found.push(d);
            return e;
          }
          const reads = newReads();
          const out: Diagnostic[] = [];
          const ctx = tracked(reads, out);
          fixes.reads = reads;
          const ok = this.guarded(rule, schema, () => rule.checkTable!(ctx, t, gate));
          fixes.reads = undefined;
          const e = { reads: used(reads), found: ok ? out : [] };
          tables.set(t.key, e);
          if (ok) found.push(...out);
          return e;
        };
        // Only a few tables changed (the others are the same objects): visit those and the tables whose entry read
        // something else or found something; every other entry read nothing, found nothing, and holds as it is.
        const changed = sameGate && before?.tables && before.notable ? previous?.reuse.changed : undefined;
        if (changed) {
          const order = tableOrder(schema);
          const keys = [...before!.notable!];
          changed.forEach((k) => {
            const e = before!.tables!.get(k);
            if (order.has(k) && (!e || (!e.reads && e.found.length === 0))) keys.push(k);
          });
          if (changed.size > 0) keys.sort((a, b) => order.get(a)! - order.get(b)!);
          const entries = new Map(before!.tables!);
          tables.clear();
          run.notable = [];
          for (const k of keys) {
            const e = visit(schema.tables.get(k)!);
            if (e.reads || e.found.length > 0) run.notable.push(k);
          }
          tables.forEach((e, k) => entries.set(k, e));
          run.tables = entries;
        } else {
          run.notable = [];
          for (const t of schema.tables.values()) {
            const e = visit(t);
            if (e.reads || e.found.length > 0) run.notable.push(t.key);
          }
          run.tables = tables;
        }
      }
      runs.set(rule.meta.id, run);
    }
    return { found, runs };
  }

  /**
   * Runs the rules that read the workload: the whole-workload rules, then the per-query rules query by query. A query
   * whose facts, model and configuration are those of the previous analysis keeps its per-query findings, moved by
   * `edits` (undefined: nothing is reused).
   */
  private runWorkloadRules(
    schema: Schema,
    config: Config,
    parsed: Map<string, ParsedFile>,
    isMigration: (p: string) => boolean,
    edits?: Map<string, NonNullable<ParsedFile['edit']>>,
    unknown: ReadonlySet<string> = new Set(),
  ): Diagnostic[] {
    const all: Diagnostic[] = [];
    const fixes = new FixBuilder(schema, parsed, isMigration);
    const migrations = new Migrations(schema, parsed, config);
    // Migration rules judge migration statements: a database without migration files gives them nothing to do.
    const active = this.activeRules(schema, config);
    const context = (rule: Rule, out: Diagnostic[]): RuleContext => this.ruleContext(rule, schema, config, parsed, isMigration, fixes, migrations, out);
    const guarded = (rule: Rule, run: () => void): boolean => this.guarded(rule, schema, run);
    for (const rule of active) {
      if (!rule.check || !rule.meta.workload) continue;
      const found: Diagnostic[] = [];
      if (guarded(rule, () => rule.check!(context(rule, found)))) all.push(...found);
    }
    const perQuery = active.filter((r) => r.checkQuery);
    if (!perQuery.length) return all;
    const contexts = perQuery.map((rule) => ({ rule, out: [] as Diagnostic[], ctx: undefined as RuleContext | undefined }));
    const configKey = this.configKey;
    const touchesUnknown = (ds: Diagnostic[]) =>
      unknown.size > 0 && ds.some((d) => unknown.has(d.file) || d.fixes.some((f) => f.edits.some((e) => unknown.has(e.file))) || d.related?.some((r) => unknown.has(r.file)));
    for (const part of workloadPartsOf(schema.workload)) {
      if (!part.length) continue;
      const file = part[0].file;
      const fm = edits ? this.fileWorkMemo.get(part) : undefined;
      if (
        fm &&
        fm.tables === schema.tables &&
        fm.configKey === configKey &&
        fm.gen === this.prevGen &&
        !edits!.has(file) &&
        !unknown.has(file) &&
        !touches(fm.refs, edits!) &&
        !touches(fm.refs, unknown)
      ) {
        // Nothing its findings point at moved: every query of the file keeps its findings as they are.
        fm.gen = this.gen;
        for (let i = 0; i < fm.found.length; i++) all.push(fm.found[i]);
        continue;
      }
      const next: FileWorkMemo = { gen: this.gen, tables: schema.tables, configKey, found: [], refs: new Set() };
      for (const q of part) {
        const memo = this.queryMemo.get(q.query);
        const span = q.query.span;
        if (
          memo &&
          edits &&
          memo.tables === schema.tables &&
          memo.configKey === configKey &&
          memo.owner.gen === this.prevGen &&
          memo.file === q.file &&
          !unknown.has(q.file) &&
          !touchesUnknown(memo.found)
        ) {
          // In a file no edit touched, nothing moved; elsewhere the query must be where the edits moved it (identical
          // statements may swap their objects).
          const reused = !edits.has(q.file) ? (memo.span.start === span.start && memo.span.end === span.end ? shiftFindings(memo.found, edits) : undefined) : movedTo(memo.span, q, edits) ? shiftFindings(memo.found, edits) : undefined;
          if (reused) {
            memo.owner = next;
            memo.span = { start: span.start, end: span.end };
            memo.found = reused;
            for (const d of reused) next.found.push(d);
            continue;
          }
        }
        const found: Diagnostic[] = [];
        for (const c of contexts) {
          c.out = [];
          c.ctx ??= context(c.rule, c.out);
          const out = c.out;
          const ctx: RuleContext = { ...c.ctx, report: (r) => {
            const d = toDiagnostic(c.rule, configured(c.rule, config) ?? r.severity ?? (effectiveSeverity(c.rule, config) as Severity), r);
            if (d) out.push(d);
          } };
          if (guarded(c.rule, () => c.rule.checkQuery!(ctx, q))) found.push(...out);
        }
        this.queryMemo.set(q.query, { tables: schema.tables, configKey, owner: next, file: q.file, span: { start: span.start, end: span.end }, found });
        for (const d of found) next.found.push(d);
      }
      // A view's queries (their files may be several) are judged one by one each time.
      if (part[0].source !== 'view') {
        next.refs = filesReferenced(next.found);
        this.fileWorkMemo.set(part, next);
      }
      for (const d of next.found) all.push(d);
    }
    return all;
  }
}

/** End of the line holding `start`, but not past `end` (the end of the text when there is no newline). */
/** Per parsed file: its statements' fact lists, all and those that change the schema (not queries only). */
const factLists = new WeakMap<ParsedFile, { all: unknown[]; schema: unknown[] }>();

/** What `readFiles` read: parses, file facts, the ORM databases and each database's files. */
interface FrontState {
  configKey: string;
  files: SourceFile[];
  parsed: Map<string, ParsedFile>;
  infos: Map<string, FileInfo>;
  /** The files that get a diagnostics entry, in order. */
  paths: string[];
  migrationFiles: Set<string>;
  orm: ReturnType<OrmReader['read']>;
  groups: Map<string, { project: string; dialect: Dialect; files: SourceFile[] }>;
  ownMigrations: Map<string, SourceFile[]>;
  reported: (d: Diagnostic) => boolean;
  kept: SourceFile[];
  byPath: Map<string, SourceFile>;
  /** Application file → the key of the database whose calls it holds ('' for none). */
  claims: Map<string, string>;
}

/** A workload query's per-query rule findings, for the next analysis to reuse (see runWorkloadRules). */
interface QueryMemo {
  tables: Schema['tables'];
  configKey: string;
  /** Whose generation says whether the memo is current: the file memo (or carry) that last kept it. */
  owner: { gen: number };
  file: string;
  span: Span;
  found: Diagnostic[];
}

/** The per-query findings of one file's queries together, and the files they point into. */
interface FileWorkMemo {
  gen: number;
  tables: Schema['tables'];
  configKey: string;
  found: Diagnostic[];
  refs: ReadonlySet<string>;
}

/** Every file a list of findings points into: its own, its fixes' and its related locations'. */
function filesReferenced(found: readonly Diagnostic[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const d of found) {
    out.add(d.file);
    for (const f of d.fixes) for (const e of f.edits) out.add(e.file);
    if (d.related) for (const r of d.related) out.add(r.file);
  }
  return out;
}

/** Does any of `files` (the edited ones, or those that changed with no record of where) appear in `refs`? */
function touches(refs: ReadonlySet<string>, files: ReadonlyMap<string, unknown> | ReadonlySet<string>): boolean {
  if (refs.size === 0 || files.size === 0) return false;
  let hit = false;
  files.forEach((_: unknown, f: string) => (hit ||= refs.has(f)));
  return hit;
}

function factsOf(pf: ParsedFile): { all: unknown[]; schema: unknown[] } {
  let v = factLists.get(pf);
  if (!v) {
    const all = pf.statements.map((st) => st.facts);
    factLists.set(pf, (v = { all, schema: all.filter((f) => !isQueryOnly(f)) }));
  }
  return v;
}

/** `sameItems` of two files' fact lists (all, or the schema's), walked in place: no lists built on a keystroke. */
function sameFileFacts(a: ParsedFile['statements'], b: ParsedFile['statements'], which: 'all' | 'schema'): boolean {
  if (which === 'all') {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i].facts !== b[i].facts) return false;
    return true;
  }
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isQueryOnly(a[i].facts)) i++;
    while (j < b.length && isQueryOnly(b[j].facts)) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i++].facts !== b[j++].facts) return false;
  }
}

/**
 * Are the two file lists' facts (all, or the schema's) the same objects in the same order? Files in the same places
 * are compared file by file (a statement's facts belong to one file); a file added or removed is judged by what it
 * holds (a new file of queries leaves the schema's facts as they were).
 */
function sameFacts(a: readonly ParsedFile[], b: readonly ParsedFile[], which: 'all' | 'schema'): boolean {
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFileFacts(a[i].statements, b[i].statements, which)) return false;
    return true;
  }
  return sameItems(
    a.flatMap((pf) => factsOf(pf)[which]),
    b.flatMap((pf) => factsOf(pf)[which]),
  );
}

/** What the configured globs say of a path: excluded, a migration, application code (workload, not a migration or test). */
interface PathRoles {
  excluded: boolean;
  migration: boolean;
  application: boolean;
}

/** The last migration file of a replay (the schema's `latestMigration`). */
function latestMigrationOf(replay: ReplayFile[]): string | undefined {
  for (let i = replay.length - 1; i >= 0; i--) if (replay[i].isMigration) return replay[i].path;
  return undefined;
}

/**
 * Per rule id: the findings of its whole-schema `check`, and of its `checkTable` per table key; for a rule with a
 * table summary, each table's counts and the gate its calls got.
 */
type SchemaRuns = Map<
  string,
  {
    whole?: Diagnostic[];
    tables?: Map<string, TableFindings>;
    /** The keys of the tables whose entry read something beyond its table or found something, in table order. */
    notable?: string[];
    summaries?: Map<string, { reads?: Reads; counts: number[] }>;
    gate?: Gate;
  }
>;

function addCounts(totals: number[], counts: number[]): void {
  for (let i = 0; i < counts.length; i++) totals[i] = (totals[i] ?? 0) + counts[i];
}

/** The last analysis's schema rule findings, whether the model is the same one, and what may be kept of them. */
interface PreviousRuns {
  runs: SchemaRuns;
  same: boolean;
  reuse: TableReuse;
}

function lineEnd(text: string, start: number, end: number): number {
  const nl = text.indexOf('\n', start);
  return Math.max(start + 1, Math.min(end, nl < 0 ? text.length : nl));
}

/** A rule's options: declared defaults overridden by the configuration. */
function ruleOptions(rule: Rule, config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.meta.options ?? {})) out[name] = spec.default;
  for (const id of [...(rule.meta.aliases ?? []).reverse(), rule.meta.id]) Object.assign(out, config.ruleOptions?.[id] ?? {});
  return out;
}

/** The severity the user set for this rule (by id or alias), if any. */
function configured(rule: Rule, config: Config): Severity | undefined {
  for (const id of [rule.meta.id, ...(rule.meta.aliases ?? [])]) {
    const s = config.rules[id];
    if (s && s !== 'off') return s;
  }
  return undefined;
}

function effectiveSeverity(rule: Rule, config: Config): Severity | 'off' {
  const ids = [rule.meta.id, ...(rule.meta.aliases ?? [])];
  for (const id of ids) {
    const s = config.rules[id];
    if (s) return s;
  }
  return rule.meta.defaultSeverity;
}

function locate(at: Locatable, part?: keyof NonNullable<Origin['parts']>): { file: string; span: Span } {
  if ('origin' in at) {
    const span = (part && at.origin.parts?.[part]) || at.origin.parts?.name || at.origin.span;
    return { file: at.origin.file, span };
  }
  return at;
}

function format(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (data && k in data ? String(data[k]) : `{{${k}}}`));
}

function toDiagnostic(rule: Rule, severity: Severity, r: Report): Diagnostic | undefined {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId ${r.messageId}`);
  const { file, span } = locate(r.at, r.part);
  return {
    file,
    start: span.start,
    end: span.end,
    ruleId: rule.meta.id,
    severity,
    message: format(template, r.data),
    help: r.help,
    fixes: (r.fixes ?? []).filter((f): f is NonNullable<typeof f> => !!f),
    related: r.related?.map((x) => {
      const l = locate(x.at, x.part);
      return { file: l.file, start: l.span.start, end: l.span.end, message: x.message };
    }),
  };
}

/** Is this line (trimmed) nothing but comments? */
function commentOnly(line: string, pf: ParsedFile): boolean {
  if (pf.source) return /^(?:\/\/.*|\/\*.*\*\/\s*)$/.test(line);
  return /^(?:--.*|\/\*.*\*\/\s*)$/.test(line) || (pf.dialect === 'mysql' && line.startsWith('#'));
}

/** Does a parsed file's text hold a suppression directive at all (per ParsedFile: unchanged files are not searched again)? */
const mayHoldDirectives = new WeakMap<ParsedFile, boolean>();

function applySuppressions(pf: ParsedFile, list: Diagnostic[]): Diagnostic[] {
  if (!list.length) return list;
  let may = mayHoldDirectives.get(pf);
  if (may === undefined) mayHoldDirectives.set(pf, (may = pf.text.includes('schemawise-ignore')));
  if (!may) return list;
  const sups = pf.source ? findCommentSuppressions(pf.text, pf.comments) : findSuppressions(pf.text, pf.dialect);
  const text = pf.text;
  const ranges: { start: number; end: number; ids: Set<string> }[] = [];
  const fileIds = new Set<string>();
  const extra: Diagnostic[] = [];
  for (const s of sups) {
    s.ruleIds.forEach((id, k) => {
      const known = ruleById(id);
      if (!known && id !== 'not-analysed') {
        const at = s.idSpans[k];
        extra.push({
          file: pf.path,
          start: at.start,
          end: at.end,
          ruleId: 'unknown-rule-id',
          severity: 'warning',
          message: `Unknown rule id \`${id}\` in a suppression comment`,
          help: 'Check the spelling; `schemawise explain <rule-id>` lists what a rule does.',
          fixes: [],
        });
      }
    });
    const ids = new Set(s.ruleIds.flatMap((id) => [id, ruleById(id)?.meta.id ?? id]));
    if (s.scope === 'file') {
      for (const id of ids) fileIds.add(id);
      continue;
    }
    const lineStart = text.lastIndexOf('\n', s.comment.start - 1) + 1;
    const codeBefore = text.slice(lineStart, s.comment.start).trim() !== '';
    if (codeBefore) {
      // Trailing comment: this line.
      const nl = text.indexOf('\n', s.comment.end);
      ranges.push({ start: lineStart, end: nl < 0 ? text.length : nl, ids });
      continue;
    }
    // Own line: the next code line, or the whole statement when the comment leads one.
    const leading = pf.statements.find((st) => st.leadingComments.some((c) => c.start <= s.comment.start && s.comment.end <= c.end));
    if (leading) {
      // The statement, and the rest of the line it starts on: it may hold more statements
      // (`CREATE TABLE a (…); CREATE TABLE t (…);`), which the quick fix's comment above the line is meant for.
      const nl = text.indexOf('\n', leading.span.start);
      ranges.push({ start: leading.span.start, end: Math.max(leading.span.end, nl < 0 ? text.length : nl), ids });
      continue;
    }
    let pos = s.comment.end;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      const next = text.indexOf('\n', nl + 1);
      const line = text.slice(nl + 1, next < 0 ? text.length : next).trim();
      pos = nl + 1;
      if (line === '' || commentOnly(line, pf)) continue;
      ranges.push({ start: nl + 1, end: next < 0 ? text.length : next, ids });
      break;
    }
  }
  const kept = list.filter((d) => {
    if (fileIds.has(d.ruleId)) return false;
    return !ranges.some((r) => r.ids.has(d.ruleId) && d.start >= r.start && d.start <= r.end);
  });
  return [...kept, ...extra];
}

/**
 * One finding per place and rule: a column an ORM base class declares once is a column of every entity that
 * extends it, and a rule finds the same problem in each. They are one problem, where it is written.
 */
function mergeShared(list: Diagnostic[]): Diagnostic[] {
  if (list.length < 2) return list;
  const byPlace = new Map<string, Diagnostic[]>();
  for (const d of list) {
    // Pair findings (drift) name different objects at one place (the model that lacks them): never one problem.
    if (ruleById(d.ruleId)?.meta.pair) {
      byPlace.set(`pair:${byPlace.size}`, [d]);
      continue;
    }
    const key = `${d.start}:${d.end}:${d.ruleId}`;
    const same = byPlace.get(key);
    if (same) same.push(d);
    else byPlace.set(key, [d]);
  }
  if (byPlace.size === list.length) return list;
  const out: Diagnostic[] = [];
  for (const same of byPlace.values()) {
    const others = new Set(same.slice(1).map((d) => d.message).filter((m) => m !== same[0].message)).size;
    out.push(others ? { ...same[0], message: `${same[0].message} (and in ${others} more ${others === 1 ? 'table' : 'tables'} that inherit it)` } : same[0]);
  }
  return out;
}

/** Does a file declare tables (an ORM model file, not application code whose statements are all queries)? */
const declaring = new WeakMap<ParsedFile, boolean>();

function declaresTables(pf: ParsedFile): boolean {
  let v = declaring.get(pf);
  if (v === undefined) {
    v = pf.statements.some((st) => st.facts.some((f) => f.kind !== 'query'));
    declaring.set(pf, v);
  }
  return v;
}

const fileInfos = new WeakMap<ParsedFile, FileInfo>();

/** A file's counts, computed once per ParsedFile (unchanged files keep theirs). */
function fileInfo(pf: ParsedFile, dialectSource: FileInfo['dialectSource'], isMigration: boolean): FileInfo {
  const memo = fileInfos.get(pf);
  if (memo && memo.dialectSource === dialectSource && memo.isMigration === isMigration && memo.dialect === pf.dialect) return memo;
  const info = countStatements(pf, dialectSource, isMigration);
  fileInfos.set(pf, info);
  return info;
}

/** Two file infos that say the same (an edit that kept every count). */
function sameInfo(a: FileInfo, b: FileInfo): boolean {
  for (const k of Object.keys(b) as (keyof FileInfo)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

function countStatements(pf: ParsedFile, dialectSource: FileInfo['dialectSource'], isMigration: boolean): FileInfo {
  let parsed = 0;
  let recovered = 0;
  let skipped = 0;
  let unparsed = 0;
  for (const st of pf.statements) {
    if (st.status === 'parsed') parsed++;
    else if (st.status === 'recovered') recovered++;
    else skipped++;
    if (st.parseError) unparsed++;
  }
  return { path: pf.path, dialect: pf.dialect, dialectSource, isMigration, source: pf.source ?? 'sql', statements: pf.statements.length, parsed, recovered, skipped, unparsed };
}

/** Rule ids the engine knows, with aliases (for config validation). */
export function knownRuleIds(): ReadonlySet<string> {
  return new Set(RULES.flatMap((r) => [r.meta.id, ...(r.meta.aliases ?? [])]).concat(['not-analysed']));
}

/** Where a migration file's down section starts: dbmate `-- migrate:down`, goose `-- +goose Down`. */
const DOWN_MARKER = /^--\s*(?:migrate:down\b|\+goose\s+down\b)/im;

/** The statements a migration file runs when applied: all of them, or those before its down section. */
function upSection(pf: ParsedFile): ParsedFile['statements'] {
  const m = DOWN_MARKER.exec(pf.text);
  if (!m) return pf.statements;
  return pf.statements.filter((st) => st.span.start < m.index);
}

/** `path:line` (1-based) for messages; the path relative to the project root when the file is inside it. */
export function fileLine(project: string, file: string, text: string | undefined, offset: number): string {
  let line = 1;
  if (text) for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const root = project.replace(/\/+$/, '') + '/';
  const path = project && file.startsWith(root) ? file.slice(root.length) : file.replace(/^.*\//, '');
  return `${path}:${line}`;
}
