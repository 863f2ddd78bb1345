/**
 * ORM sources in the one model: Prisma schemas and TypeORM entities are read (syntax only, never executed) and
 * lowered to the same facts as SQL, one ParsedFile per source file, so the replay, every rule, the hovers and the
 * diagram see them like SQL. Each Prisma schema and each project's TypeORM entities form a database of their own:
 * the SQL migrations beside them describe the same database a second time (drift between the two is a rule's job),
 * not more tables of it.
 *
 * Caches: a file's syntax tree per text; a database's lowering per the texts of all its files, so an analysis in
 * which none of them changed keeps the same ParsedFile objects (and the engine keeps that database's findings).
 */
import picomatch from 'picomatch';
import type { Config, SourceFile } from './api';
import type { Dialect } from './model/types';
import { wholeFileEdit, type ParsedFile } from './parse/file';
import { lowerPrisma, newPrismaLoweringCache, parsePrismaFile, type PrismaFile, type PrismaLoweringCache } from './parse/prisma';
import type * as Typeorm from './parse/typeorm';
import type { EntityFile } from './parse/typeorm';

let typeormModule: typeof Typeorm | undefined;
/** The TypeORM reader, and the 9 MB TypeScript parser it imports, load on first use: SQL-only runs never pay for them. */
function typeorm(): typeof Typeorm {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (typeormModule ??= require('./parse/typeorm') as typeof Typeorm);
}

export type SourceKind = 'sql' | 'prisma' | 'typeorm';

/** A database read from ORM sources. */
export interface OrmDatabase {
  key: string;
  project: string;
  dialect: Dialect;
  source: 'prisma' | 'typeorm';
  /** How the dialect was chosen: the schema's own datasource / DataSource options, or a setting/default. */
  dialectSource: 'marker' | 'setting' | 'workspace' | 'default';
  files: ParsedFile[];
}

export interface OrmRead {
  databases: OrmDatabase[];
  /** Files of a database in a provider Schemawise does not analyse (MongoDB, SQL Server): path → why. */
  unsupported: Map<string, string>;
}

const DATASOURCE = /^\s*datasource\s+\w+\s*\{/m;
const SCRIPT = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/i;

/** Which reader a file is for: `.prisma`, TypeScript/JavaScript matching the entity globs, else SQL. */
export function sourceKind(path: string, isEntity: (p: string) => boolean): SourceKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.prisma')) return 'prisma';
  if (SCRIPT.test(lower)) return isEntity(path) ? 'typeorm' : undefined;
  return 'sql';
}

/** Entity glob matcher for a configuration (globs match `/`-separated absolute or relative paths). */
export function entityMatcher(config: Config): (p: string) => boolean {
  return config.typeormEntities.length ? picomatch(config.typeormEntities, { dot: true }) : () => false;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export class OrmReader {
  private prismaFiles = new Map<string, { text: string; file: PrismaFile }>();
  /** Per Prisma schema: its blocks' statements, kept while a block and what it reads stay the same. */
  private prismaCaches = new Map<string, PrismaLoweringCache>();
  private entityFiles = new Map<string, { text: string; file: EntityFile }>();
  private lowered = new Map<string, { inputs: string[]; result: { dialect?: Dialect; unsupported?: string; files: ParsedFile[] } }>();
  private drivers = new Map<string, { text: string; dialect?: Dialect }>();

  /**
   * Reads the ORM files among `files` (`kind` already decided by the caller). `others`: every other script file
   * handed in (DataSource options may live there). `fallback`: the dialect a TypeORM project takes when none of its
   * files names a driver.
   */
  read(prisma: SourceFile[], entities: SourceFile[], others: SourceFile[], config: Config, fallback: (project: string) => { dialect: Dialect; source: OrmDatabase['dialectSource'] }): OrmRead {
    const databases: OrmDatabase[] = [];
    const unsupported = new Map<string, string>();
    const live = new Set<string>();

    // Prisma: one schema per folder holding a datasource; a folder without one joins the nearest such ancestor
    // (prismaSchemaFolder: models spread over `prisma/schema/*.prisma`, the datasource in any of them).
    const byProject = groupBy(prisma, (f) => f.project ?? '');
    for (const [project, files] of byProject) {
      const parsed = files.map((f) => ({ f, p: this.prismaFile(f) }));
      const roots = new Set(parsed.filter((x) => DATASOURCE.test(x.f.text)).map((x) => dirOf(x.f.path)));
      const rootOf = (path: string): string => {
        for (let d = dirOf(path); ; d = dirOf(d)) {
          if (roots.has(d)) return d;
          if (!d) return dirOf(path);
        }
      };
      for (const [root, members] of groupBy(parsed, (x) => rootOf(x.f.path))) {
        members.sort((a, b) => (a.f.path < b.f.path ? -1 : 1));
        const key = `${project}\u0000prisma:${root}`;
        // Without a datasource (a schema folder being written), the project's dialect.
        const otherwise = fallback(project);
        const lowerKey = `${key}\u0000${otherwise.dialect}`;
        const res = this.lower(lowerKey, members.map((x) => x.f), () => {
          let cache = this.prismaCaches.get(lowerKey);
          if (!cache) this.prismaCaches.set(lowerKey, (cache = newPrismaLoweringCache()));
          const r = lowerPrisma(members.map((x) => x.p), { dialect: otherwise.dialect, cache });
          return { dialect: r.dialect, unsupported: r.unsupported, files: r.files.map((x) => toParsed(x, r.dialect ?? otherwise.dialect, 'prisma')) };
        });
        live.add(`${key}\u0000${otherwise.dialect}`);
        if (res.unsupported) {
          for (const m of members) unsupported.set(m.f.path, res.unsupported);
          continue;
        }
        const chosen = res.dialect ? { dialect: res.dialect, source: 'marker' as const } : otherwise;
        databases.push({ key: `${key}\u0000${chosen.dialect}`, project, dialect: chosen.dialect, source: 'prisma', dialectSource: chosen.source, files: res.files });
      }
    }

    // TypeORM: a project's entities are one database; its driver comes from a DataSource options literal.
    const scriptsByProject = groupBy(others, (f) => f.project ?? '');
    for (const [project, files] of groupBy(entities, (f) => f.project ?? '')) {
      files.sort((a, b) => (a.path < b.path ? -1 : 1));
      let driver: Dialect | undefined;
      for (const f of [...files, ...(scriptsByProject.get(project) ?? [])]) {
        driver = this.driverOf(f);
        if (driver) break;
      }
      const chosen = config.dialect !== 'auto' ? { dialect: config.dialect, source: 'setting' as const } : driver ? { dialect: driver, source: 'marker' as const } : fallback(project);
      const key = `${project}\u0000typeorm\u0000${chosen.dialect}\u0000${config.typeormNaming}`;
      live.add(key);
      const parsed = files.map((f) => this.entityFile(f));
      const res = this.lower(key, files, () => {
        const r = typeorm().lowerTypeorm(parsed, { dialect: chosen.dialect, naming: config.typeormNaming });
        return { dialect: chosen.dialect, files: r.files.map((x) => toParsed(x, chosen.dialect, 'typeorm')) };
      });
      if (res.files.length) databases.push({ key, project, dialect: chosen.dialect, source: 'typeorm', dialectSource: chosen.source, files: res.files });
    }

    const paths = new Set([...prisma, ...entities, ...others].map((f) => f.path));
    for (const p of this.prismaFiles.keys()) if (!paths.has(p)) this.prismaFiles.delete(p);
    for (const p of this.entityFiles.keys()) if (!paths.has(p)) this.entityFiles.delete(p);
    for (const p of this.drivers.keys()) if (!paths.has(p)) this.drivers.delete(p);
    for (const k of this.lowered.keys()) if (!live.has(k)) this.lowered.delete(k);
    for (const k of this.prismaCaches.keys()) if (!live.has(k)) this.prismaCaches.delete(k);
    return { databases, unsupported };
  }

  private lower(key: string, files: SourceFile[], run: () => { dialect?: Dialect; unsupported?: string; files: ParsedFile[] }) {
    const inputs = files.flatMap((f) => [f.path, f.text]);
    const memo = this.lowered.get(key);
    if (memo && memo.inputs.length === inputs.length && memo.inputs.every((x, i) => x === inputs[i])) return memo.result;
    const result = run();
    // Each file's edit since the last reading of the same files, for the engine to keep what the edit did not touch.
    if (memo) {
      const before = new Map(memo.result.files.map((pf) => [pf.path, pf]));
      for (const pf of result.files) {
        const prev = before.get(pf.path);
        if (prev) pf.edit = wholeFileEdit(prev, pf.text);
      }
    }
    this.lowered.set(key, { inputs, result });
    return result;
  }

  private prismaFile(f: SourceFile): PrismaFile {
    let m = this.prismaFiles.get(f.path);
    // The last parse is handed over (read around the edit, changed in place): only this memo holds it.
    if (!m || m.text !== f.text) this.prismaFiles.set(f.path, (m = { text: f.text, file: parsePrismaFile(f.path, f.text, m?.file) }));
    return m.file;
  }

  private entityFile(f: SourceFile): EntityFile {
    let m = this.entityFiles.get(f.path);
    if (!m || m.text !== f.text) this.entityFiles.set(f.path, (m = { text: f.text, file: typeorm().parseEntityFile(f.path, f.text) }));
    return m.file;
  }

  /** The TypeORM driver a DataSource / createConnection options object in this file names, if any. */
  driverOf(f: SourceFile): Dialect | undefined {
    let m = this.drivers.get(f.path);
    if (!m || m.text !== f.text) {
      let dialect: Dialect | undefined;
      try {
        dialect = /\btype\s*:/.test(f.text) ? typeorm().typeormDriver(f.text) : undefined;
      } catch {
        dialect = undefined;
      }
      this.drivers.set(f.path, (m = { text: f.text, dialect }));
    }
    return m.dialect;
  }
}

function toParsed(x: { path: string; text: string; statements: ParsedFile['statements']; comments: ParsedFile['comments'] }, dialect: Dialect, source: 'prisma' | 'typeorm'): ParsedFile {
  if (source === 'prisma') {
    // A field without `@db.*` has the type Prisma picks for its scalar: rules that judge a chosen type stay quiet.
    for (const st of x.statements) {
      for (const f of st.facts) {
        const columns = f.kind === 'createTable' ? f.table.columns : f.kind === 'alterTable' ? f.actions.flatMap((a) => (a.action === 'addColumn' ? [a.column] : [])) : [];
        for (const c of columns) if (!c.origin.parts?.nativeType) c.implicitType = true;
      }
    }
  }
  return { path: x.path, text: x.text, dialect, statements: x.statements, comments: x.comments, source };
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
