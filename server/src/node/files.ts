/**
 * Workspace IO shared by the CLI and the language server: finding schema files, reading them safely, and
 * loading `.schemawise.json`. Everything that touches the disk for the core lives here (the core is IO-free).
 *
 * Paths handed to the core (`SourceFile.path`) are absolute and `/`-separated, so the core's `migrations` /
 * `exclude` globs match absolute paths: `**\/migrations/**` works anywhere; a relative glob written in
 * `.schemawise.json` (`generated/*.sql`) is anchored to the folder of that file when it is loaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Config, SourceFile } from '../core/api';
import { validateConfigLayer } from '../core/config';
import { knownRuleIds } from '../core/engine';

/** File extensions analysed (lower case, with the dot); TypeScript/JavaScript files when they match the entity globs. */
export const SCHEMA_EXTENSIONS: readonly string[] = ['.sql', '.prisma'];
/** What the analysis reads, for messages. */
export const SCHEMA_FILES_DESCRIPTION = '.sql, .prisma or TypeORM entity files';

const SCRIPT = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/i;
/** Where a TypeORM DataSource's options (its driver) are usually written. */
const DATASOURCE_FILE = /(?:^|[/\\])(?:[\w.-]*data-?source|ormconfig|typeorm[.-]?config)\.(?:ts|mts|cts|js|mjs|cjs)$/i;

/** Folders never walked into. */
export const ALWAYS_SKIPPED_DIRS: readonly string[] = ['node_modules', '.git', '.hg', '.svn'];

/** Files larger than this are skipped, not analysed. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const CONFIG_FILE_NAME = '.schemawise.json';

export interface Skipped {
  path: string;
  reason: string;
}

/** `C:\a\b` → `C:/a/b`; already-posix paths are unchanged. */
export function toPosixPath(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Dialect-suffixed SQL files some projects keep side by side (synapse: `full.sql.postgres`, `full.sql.sqlite`). */
const DIALECT_SUFFIXED_SQL = /\.sql\.(?:postgres|postgresql|pg|sqlite|sqlite3|mysql)$/i;

/**
 * Is this a file the analysis reads? SQL and Prisma by name; a script when `entity` says it is a TypeORM entity
 * file (the `typeorm.entities` globs) or it is named like a DataSource's options file (read for the driver only).
 */
export function isSchemaFile(p: string, entity?: (p: string) => boolean): boolean {
  if (SCHEMA_EXTENSIONS.includes(path.extname(p).toLowerCase()) || DIALECT_SUFFIXED_SQL.test(p)) return true;
  return !!entity && SCRIPT.test(p) && (DATASOURCE_FILE.test(p) || entity(toPosixPath(p)));
}

/** The script files a configuration reads: TypeORM entities, migration classes (the migration globs), application code. */
export function scriptGlobs(config: { typeormEntities: string[]; migrations: string[]; workloadInclude: string[] }): string[] {
  return [...config.typeormEntities, ...config.migrations, ...config.workloadInclude];
}

/** Matcher for globs (`scriptGlobs`), tried against the path relative to `root` and the absolute path. */
export function entityGlobs(globs: string[], root: string): (p: string) => boolean {
  if (!globs.length) return () => false;
  const m = picomatch(globs, { dot: true });
  return (p) => m(p) || m(toPosixPath(path.relative(root, p)));
}

/**
 * Expands files and folders into the schema files to analyse: absolute, `/`-separated, sorted, each file once
 * (a file reached through two symlinks is kept under the first path). Folders are walked recursively, skipping
 * `ALWAYS_SKIPPED_DIRS` and anything matching an `exclude` glob. A glob is tried against the path relative to
 * the folder being walked, relative to `cwd`, and absolute. Explicitly named files are analysed if they have a
 * schema extension and are not excluded. Never throws on IO problems: they are reported in `skipped`.
 */
/**
 * `scripts`: globs of the TypeScript/JavaScript files to read (TypeORM entities and migration classes); other scripts
 * are read only when named like a DataSource's options file.
 */
export function discoverFiles(paths: string[], opts: { exclude: string[]; cwd: string; scripts?: string[] }): { files: string[]; skipped: Skipped[] } {
  const isExcluded = opts.exclude.length > 0 ? picomatch(opts.exclude, { dot: true }) : () => false;
  const cwd = path.resolve(opts.cwd);
  const isEntity = entityGlobs(opts.scripts ?? [], cwd);
  const underRoot = new Map<string, (p: string) => boolean>();
  const entityUnder = (root: string) => {
    let m = underRoot.get(root);
    if (!m) underRoot.set(root, (m = entityGlobs(opts.scripts ?? [], root)));
    return m;
  };
  const found = new Map<string, string>(); // real path → reported path
  const skipped: Skipped[] = [];
  const visitedDirs = new Set<string>();

  const excluded = (abs: string, root: string): boolean => {
    const candidates = [toPosixPath(path.relative(root, abs)), toPosixPath(path.relative(cwd, abs)), toPosixPath(abs)];
    return candidates.some((c) => c !== '' && isExcluded(c));
  };
  const addFile = (abs: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      real = abs;
    }
    if (!found.has(real)) found.set(real, toPosixPath(abs));
  };

  const walk = (dir: string, root: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      skipped.push({ path: toPosixPath(dir), reason: ioReason(e) });
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loop or a folder reached twice
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: toPosixPath(dir), reason: ioReason(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          if (isSchemaFile(abs)) skipped.push({ path: toPosixPath(abs), reason: 'broken symbolic link' });
          continue;
        }
      }
      if (isDir) {
        if (!ALWAYS_SKIPPED_DIRS.includes(entry.name) && !excluded(abs, root)) walk(abs, root);
      } else if (isFile && isSchemaFile(abs, (p) => isEntity(p) || entityUnder(root)(p)) && !excluded(abs, root)) {
        addFile(abs);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      skipped.push({ path: toPosixPath(abs), reason: ioReason(e) });
      continue;
    }
    if (st.isDirectory()) walk(abs, abs);
    else if (!isSchemaFile(abs, isEntity)) {
      skipped.push({ path: toPosixPath(abs), reason: `not a schema file (expected ${SCHEMA_FILES_DESCRIPTION})` });
    } else if (excluded(abs, path.dirname(abs))) {
      skipped.push({ path: toPosixPath(abs), reason: 'excluded by an "exclude" pattern' });
    } else addFile(abs);
  }
  const files = [...found.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, skipped };
}

/**
 * Reads one file for analysis. Refuses, with a reason meant for the user, files over `maxBytes`, binary files
 * (a NUL byte in the first 8 KB, or mostly invalid UTF-8) and unreadable ones. UTF-8 is the expected encoding;
 * a UTF-16 file with a byte order mark is decoded too. A byte order mark is kept in the text (U+FEFF at offset
 * 0) so offsets match the bytes on disk one to one; the lexer treats it as whitespace.
 */
export function readSourceFile(filePath: string, maxBytes = MAX_FILE_BYTES): { file?: SourceFile; skipped?: string } {
  const abs = path.resolve(filePath);
  let buf: Buffer;
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) return { skipped: 'is a directory' };
    if (st.size > maxBytes) return { skipped: tooLarge(st.size, maxBytes) };
    buf = fs.readFileSync(abs);
  } catch (e) {
    return { skipped: ioReason(e) };
  }
  // The size can change between stat and read.
  if (buf.length > maxBytes) return { skipped: tooLarge(buf.length, maxBytes) };
  const text = decode(buf);
  if (typeof text !== 'string') return { skipped: text.reason };
  return { file: { path: toPosixPath(abs), text } };
}

const SNIFF_BYTES = 8192;

function decode(buf: Buffer): string | { reason: string } {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const enc = buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return new TextDecoder(enc, { ignoreBOM: true }).decode(buf);
  }
  const head = buf.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
  // A few stray Latin-1 bytes in comments are tolerated (decoded as U+FFFD); a file that is mostly
  // invalid sequences is not text we can review.
  const sample = new TextDecoder('utf-8', { ignoreBOM: true }).decode(head);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  if (sample.length > 0 && bad > 16 && bad / sample.length > 0.1) return { reason: 'not UTF-8 text (mostly invalid byte sequences)' };
  return text;
}

function tooLarge(size: number, limit: number): string {
  let [a, b] = [formatSize(size), formatSize(limit)];
  if (parseFloat(a) === parseFloat(b)) [a, b] = [`${size} bytes`, `${limit} bytes`]; // "20.0 MB, over the 20 MB limit"
  return `file is ${a}, over the ${b} limit`;
}

/** 31.2 MB, 20 MB, 3.5 KB, 100 bytes. */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot read (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}

/**
 * The project a file belongs to (`SourceFile.project`): the nearest folder above it containing `.git`, as a
 * `/`-separated absolute path; undefined outside a repository (all such files then form one project).
 * `cache` maps folders to answers across calls.
 */
export function projectRootOf(file: string, cache = new Map<string, string | undefined>()): string | undefined {
  const visited: string[] = [];
  let dir = path.dirname(path.resolve(file));
  let answer: string | undefined;
  for (;;) {
    if (cache.has(dir)) {
      answer = cache.get(dir);
      break;
    }
    visited.push(dir);
    if (fs.existsSync(path.join(dir, '.git'))) {
      answer = toPosixPath(dir);
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, answer);
  return answer;
}

export interface LoadedConfig {
  layer: Partial<Config>;
  /** Problems with the file, each prefixed with its path. Bad entries are ignored, the rest applies. */
  errors: string[];
  /** The file read, if one was found. */
  path?: string;
}

/**
 * Finds `.schemawise.json` in `dir` or the nearest parent (stopping at the folder containing `.git`, or the
 * filesystem root) and loads it with `readConfigFile`. No file found is not an error: `{ layer: {} }`.
 */
export function loadConfigFile(dir: string, knownRules: ReadonlySet<string> = knownRuleIds()): LoadedConfig {
  const found = findConfigFile(dir);
  return found ? readConfigFile(found, knownRules) : { layer: {}, errors: [] };
}

export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (fs.existsSync(path.join(current, '.git'))) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Reads and validates one config file. The format is JSON; `//` and `/* *\/` comments and trailing commas are
 * allowed (as in VS Code's settings). Relative `migrations`/`exclude` globs are anchored to the file's folder
 * (`generated/**` → `/abs/project/generated/**`); globs starting with `**` or an absolute path are kept.
 */
export function readConfigFile(file: string, knownRules: ReadonlySet<string> = knownRuleIds()): LoadedConfig {
  const abs = path.resolve(file);
  const shown = toPosixPath(abs);
  let text: string;
  try {
    if (fs.statSync(abs).isDirectory()) return { layer: {}, errors: [`${shown}: is a directory`], path: shown };
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    return { layer: {}, errors: [`${shown}: ${ioReason(e)}`], path: shown };
  }
  const parsed = parseJsonc(text);
  if ('error' in parsed) return { layer: {}, errors: [`${shown}:${parsed.line}:${parsed.column}: ${parsed.error}`], path: shown };
  const { config, errors } = validateConfigLayer(parsed.value, shown, knownRules);
  const base = toPosixPath(path.dirname(abs));
  if (config.migrations) config.migrations = config.migrations.map((g) => anchorGlob(g, base));
  if (config.exclude) config.exclude = config.exclude.map((g) => anchorGlob(g, base));
  if (config.typeormEntities) config.typeormEntities = config.typeormEntities.map((g) => anchorGlob(g, base));
  if (config.workloadInclude) config.workloadInclude = config.workloadInclude.map((g) => anchorGlob(g, base));
  return { layer: config, errors, path: shown };
}

/** Makes a relative glob absolute under `baseDir` (posix). Leading `!` (negation) is kept in front. */
export function anchorGlob(glob: string, baseDir: string): string {
  if (glob.startsWith('!')) return '!' + anchorGlob(glob.slice(1), baseDir);
  if (glob.startsWith('**') || path.posix.isAbsolute(glob) || /^[A-Za-z]:\//.test(glob)) return glob;
  const rel = glob.replace(/^(\.\/)+/, '');
  const escapedBase = baseDir.replace(/[\\*?[\](){}!+@]/g, (c) => '\\' + c);
  return `${escapedBase.replace(/\/$/, '')}/${rel}`;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * JSON with comments and trailing commas. Comments and trailing commas are blanked out with spaces (newlines
 * kept) so the positions in `JSON.parse` errors still point into the original text.
 */
export function parseJsonc(text: string): { value: unknown } | { error: string; line: number; column: number } {
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const out = src.split('');
  let i = 0;
  let lastSignificant = -1; // index of the last non-blank character outside comments
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"' && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      lastSignificant = Math.min(i, src.length - 1);
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (; i < stop; i++) if (src[i] !== '\n' && src[i] !== '\r') out[i] = ' ';
    } else {
      if ((c === '}' || c === ']') && lastSignificant >= 0 && out[lastSignificant] === ',') out[lastSignificant] = ' ';
      if (!/\s/.test(c)) lastSignificant = i;
      i++;
    }
  }
  const cleaned = out.join('');
  try {
    return { value: JSON.parse(cleaned) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /at position (\d+)/.exec(message);
    const pos = m ? Number(m[1]) : /end of JSON input/.test(message) ? cleaned.length : 0;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < pos && k < cleaned.length; k++) {
      if (cleaned[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { error: `invalid JSON: ${reason}`, line, column: pos - lineStart + 1 };
  }
}
