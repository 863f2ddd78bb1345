/**
 * File-level parsing: split into statements, parse each with its dialect's parser (cached by statement text,
 * so an edit re-parses only the statements it touched), fall back to token recovery, and return facts with
 * file offsets and file paths.
 */
import type { Dialect, Fact, Span, StatementResult } from '../model/types';
import { split } from './split';
import { parsePostgresStatement } from './postgres';
import { parseMysqlStatement } from './mysql';
import { recoverStatement } from './fallback';
import { insertValues } from './insert';

export interface ParsedStatement extends StatementResult {
  file: string;
  text: string;
  leadingComments: Span[];
  /** Every span object inside `facts` (this statement's own copies), to move them when the statement moves. */
  spans: Span[];
}

export interface ParsedFile {
  path: string;
  text: string;
  dialect: Dialect;
  statements: ParsedStatement[];
  comments: Span[];
  /** Read from an ORM source (core/orm.ts) rather than SQL: fixes and suppressions speak its syntax. */
  source?: 'prisma' | 'typeorm';
  /**
   * Set when this parse was made incrementally from `previous`: the text that was [start, oldEnd) is now
   * [start, newEnd). Statements outside it keep their objects (moved); inside it, a statement whose facts kept their
   * shape keeps its fact objects too, with updated spans.
   */
  edit?: { previous: ParsedFile; start: number; oldEnd: number; newEnd: number };
}

interface CachedParse {
  facts: Fact[];
  status: StatementResult['status'];
  parser?: StatementResult['parser'];
  parseError?: string;
}

/**
 * How a file's statements are read: `schema` (migrations) yields schema facts only; `workload` (every other file)
 * also yields its queries, as facts of kind `query`.
 */
export type ParseMode = 'schema' | 'workload';

/** Parses statements at offset 0, keyed by dialect, mode and text; results are relocated per use. Bounded LRU. */
export class StatementCache {
  private maps = new Map<string, Map<string, CachedParse>>();
  private size_ = 0;
  constructor(private readonly limit = 50_000) {}

  get(dialect: Dialect, text: string, mode: ParseMode = 'schema'): CachedParse {
    const key = dialect + ':' + mode;
    let map = this.maps.get(key);
    if (!map) this.maps.set(key, (map = new Map()));
    let hit = map.get(text);
    if (hit) {
      map.delete(text);
      map.set(text, hit);
      return hit;
    }
    hit = parseStatement(dialect, text, mode);
    map.set(text, hit);
    if (++this.size_ > this.limit) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) {
        map.delete(oldest);
        this.size_--;
      }
    }
    return hit;
  }

  get size(): number {
    return this.size_;
  }
}

/** Statements that open with these words are never schema facts; skip the parsers entirely (COPY data, DML in dumps). */
const NON_DDL = /^(?:INSERT|COPY|SELECT|UPDATE|DELETE|SET|GRANT|REVOKE|COMMENT|LOCK|UNLOCK|VALUES|WITH|ANALYZE|VACUUM|SHOW|USE|PRAGMA|EXPLAIN|CALL|DO|REFRESH|CLUSTER|REINDEX|NOTIFY|LISTEN|SECURITY|DECLARE|FETCH|PREPARE|EXECUTE|DEALLOCATE|DISCARD|RESET|CHECKPOINT|LOAD|IMPORT|TRUNCATE|REPLACE|HANDLER|FLUSH|OPTIMIZE|REPAIR|CHECK|KILL|DESCRIBE|DESC|SAVEPOINT|RELEASE|ATTACH|DETACH)\b/i;

const QUERY = /^(?:SELECT|WITH|UPDATE|DELETE|INSERT|\()/i;

function parseStatement(dialect: Dialect, text: string, mode: ParseMode): CachedParse {
  const head = text.slice(0, 40);
  const query = mode === 'workload' && QUERY.test(head);
  if (/^(?:INSERT|REPLACE)\b/i.test(head)) {
    // Seed rows tell how big a table is; INSERT … SELECT in a workload file is a query (parsed below).
    const ins = insertValues(text, 0);
    if (ins) return { facts: [ins], status: 'skipped' };
  }
  // TRUNCATE empties a table: in a migration (mode `schema`) that is a change the migration rules judge; dumps
  // and workload files never pay for parsing it.
  const truncate = mode === 'schema' && /^TRUNCATE\b/i.test(head);
  if (NON_DDL.test(head) && !query && !truncate) return { facts: [], status: 'skipped' };
  let res: { facts: Fact[]; error?: string };
  try {
    res =
      dialect === 'postgresql'
        ? parsePostgresStatement(text, 0, { queries: mode === 'workload' })
        : parseMysqlStatement(text, 0, dialect, { queries: mode === 'workload' });
  } catch (e) {
    res = { facts: [], error: String((e as Error)?.message ?? e) };
  }
  if (!res.error) {
    return { facts: res.facts, status: 'parsed', parser: dialect === 'postgresql' ? 'libpg-query' : 'node-sql-parser' };
  }
  let recovered: Fact[] = [];
  try {
    recovered = recoverStatement(text, 0, dialect);
  } catch {
    recovered = [];
  }
  if (recovered.length) return { facts: recovered, status: 'recovered', parser: 'fallback', parseError: res.error };
  return { facts: [], status: 'skipped', parseError: res.error };
}

/**
 * Deep copy of `facts` with every span moved by `delta` and every origin's file set to `file`; `spans` collects the
 * copies' spans. `delta` may be a function of the offset: a statement read from a string literal with escapes
 * (typeorm-migrations.ts) is not one contiguous piece of its file.
 */
export function relocate<T>(value: T, delta: number | ((offset: number) => number), file: string, spans: Span[] = []): T {
  const move = typeof delta === 'number' ? (o: number) => o + delta : delta;
  return walk(value) as T;
  function walk(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = walk(o[k]);
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      out.start = move(o.start as number);
      out.end = move(o.end as number);
      spans.push(out as unknown as Span);
    }
    if ('file' in o && typeof o.file === 'string') out.file = file;
    return out;
  }
}

interface FileMemo {
  text: string;
  dialect: Dialect;
  mode: ParseMode;
  statements: ParsedStatement[];
  comments: Span[];
  /** No DELIMITER, psql meta or COPY data: a statement start is always a clean splitter state. */
  incremental: boolean;
  parsed: ParsedFile;
}

const CHUNK = 4096;

/** Length of the common prefix: native comparison of 4 KB chunks, then characters (a char loop over 500 KB costs ms). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p + CHUNK <= n && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let q = 0;
  while (q + CHUNK <= max && a.slice(a.length - q - CHUNK, a.length - q) === b.slice(b.length - q - CHUNK, b.length - q)) q += CHUNK;
  while (q < max && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return q;
}

/**
 * The edit record of a file read whole again (an ORM source, application code): the changed range between the
 * common prefix and suffix of the two texts, for the engine to move findings past it. Clears `previous`'s own record
 * (one step back only).
 */
export function wholeFileEdit(previous: ParsedFile, text: string): NonNullable<ParsedFile['edit']> {
  const p = commonPrefix(previous.text, text);
  const q = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - p);
  previous.edit = undefined;
  return { previous, start: p, oldEnd: previous.text.length - q, newEnd: text.length - q };
}

/** Below this size a full split is as cheap as working out what changed. */
const INCREMENTAL_MIN = 16 * 1024;
const SCRIPT_LINES = /^[ \t]*(?:\\|delimiter\b)|\bstdin\b/im;

/** Are two fact trees equal but for span offsets (`start`/`end` of objects that have both)? */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i])) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  // Their entries are not own keys: two different maps or sets never count as equal.
  if (a instanceof Map || a instanceof Set || b instanceof Map || b instanceof Set) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const isSpan = typeof x.start === 'number' && typeof x.end === 'number';
  // Counted rather than listed: the engine compares whole tables with this on every edit.
  let n = 0;
  for (const k in x) {
    n++;
    if (!(k in y)) return false;
    if (isSpan && (k === 'start' || k === 'end')) continue;
    if (!sameShape(x[k], y[k])) return false;
  }
  for (const _ in y) n--;
  return n === 0;
}

/** Copies every span's offsets from `from` into the same-shaped tree `to`, in place. */
function copySpans(from: unknown, to: unknown): void {
  if (Array.isArray(from)) {
    for (let i = 0; i < from.length; i++) copySpans(from[i], (to as unknown[])[i]);
    return;
  }
  if (from === null || typeof from !== 'object') return;
  const f = from as Record<string, unknown>;
  const t = to as Record<string, unknown>;
  if (typeof f.start === 'number' && typeof f.end === 'number') {
    t.start = f.start;
    t.end = f.end;
  }
  for (const k in f) if (f[k] !== null && typeof f[k] === 'object') copySpans(f[k], t[k]);
}

/** Moves a statement owned by one file's memo, in place (no garbage: this runs for every statement after an edit). */
export function moveStatement(ps: ParsedStatement, delta: number): void {
  if (delta === 0) return;
  for (const sp of ps.spans) {
    sp.start += delta;
    sp.end += delta;
  }
  ps.span.start += delta;
  ps.span.end += delta;
  for (const c of ps.leadingComments) {
    c.start += delta;
    c.end += delta;
  }
}

/** Parses files, remembering the last parse of each path so an edit costs only the statements it touched. */
export class FileParser {
  private memo = new Map<string, FileMemo>();
  constructor(private readonly cache = new StatementCache()) {}

  parse(path: string, text: string, dialect: Dialect, mode: ParseMode = 'schema'): ParsedFile {
    const old = this.memo.get(path);
    if (old && old.text === text && old.dialect === dialect && old.mode === mode) return old.parsed;
    const same = old && old.dialect === dialect && old.mode === mode ? old : undefined;
    const inc = same && same.incremental && text.length >= INCREMENTAL_MIN ? this.reparse(same, text, path) : undefined;
    let statements: ParsedStatement[];
    let comments: Span[];
    let incremental: boolean;
    let edit: ParsedFile['edit'];
    if (inc) {
      ({ statements, comments } = inc);
      incremental = true;
      edit = { previous: same!.parsed, start: inc.editStart, oldEnd: inc.oldEnd, newEnd: inc.newEnd };
    } else {
      const res = split(text, dialect);
      // Reuse this file's own copies of statements whose text did not change, moved to their new place.
      const byText = new Map<string, ParsedStatement[]>();
      for (const ps of same?.statements ?? []) {
        const q = byText.get(ps.text);
        if (q) q.push(ps);
        else byText.set(ps.text, [ps]);
      }
      statements = res.statements.map((st) => {
        const ps = byText.get(st.text)?.shift();
        if (!ps) return this.fresh(path, dialect, mode, st.text, st.span, st.leadingComments);
        // Moved in place: the span object is also the key of the statement's replay record.
        moveStatement(ps, st.span.start - ps.span.start);
        ps.leadingComments = st.leadingComments;
        return ps;
      });
      comments = res.comments;
      incremental = !SCRIPT_LINES.test(text);
      if (same) {
        // What changed, for the engine to move findings (statements outside it were reused and moved above).
        const p = commonPrefix(same.text, text);
        const q = commonSuffix(same.text, text, Math.min(same.text.length, text.length) - p);
        edit = { previous: same.parsed, start: p, oldEnd: same.text.length - q, newEnd: text.length - q };
      }
    }
    const parsed: ParsedFile = { path, text, dialect, statements, comments, edit };
    // Only one step back: the previous parse must not keep the whole history alive.
    if (same?.parsed.edit) same.parsed.edit = undefined;
    this.memo.set(path, { text, dialect, mode, statements, comments, incremental, parsed });
    return parsed;
  }

  private fresh(path: string, dialect: Dialect, mode: ParseMode, text: string, span: Span, leadingComments: Span[]): ParsedStatement {
    const c = this.cache.get(dialect, text, mode);
    const spans: Span[] = [];
    return {
      file: path,
      text,
      span,
      facts: relocate(c.facts, span.start, path, spans),
      spans,
      status: c.status,
      parser: c.parser,
      parseError: c.parseError,
      leadingComments,
    };
  }

  /**
   * Re-splits only around the change: from the statement before the first changed character to the first
   * statement after the change that the new split finds again, unchanged, at its moved position (proof that the
   * splitter is back in step). Returns undefined when that cannot be shown; the caller then splits the whole file.
   */
  private reparse(
    old: FileMemo,
    text: string,
    path: string,
  ): { statements: ParsedStatement[]; comments: Span[]; editStart: number; oldEnd: number; newEnd: number } | undefined {
    const t0 = old.text;
    const p = commonPrefix(t0, text);
    const q = commonSuffix(t0, text, Math.min(t0.length, text.length) - p);
    const changeEnd = t0.length - q;
    const delta = text.length - t0.length;
    // A change that may add or remove script lines (DELIMITER, psql \ commands, COPY … stdin) needs a full split.
    if (SCRIPT_LINES.test(t0.slice(Math.max(0, p - 16), changeEnd + 16)) || SCRIPT_LINES.test(text.slice(Math.max(0, p - 16), changeEnd + delta + 16))) return undefined;
    const sts = old.statements;
    // k = first statement that ends at or after the change; resume at the one before it (the change may remove its terminator).
    let lo = 0;
    let hi = sts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sts[mid].span.end < p) lo = mid + 1;
      else hi = mid;
    }
    const a = Math.max(0, lo - 1);
    const resume = a === 0 ? 0 : sts[a].span.start;
    // m = first statement entirely after the change (and after a): the resync witness.
    let m = a + 1;
    while (m < sts.length && sts[m].span.start < changeEnd) m++;
    const windowEnd = m < sts.length ? sts[m].span.end + delta : text.length;
    const res = split(text.slice(resume, windowEnd), old.dialect);
    const found = res.statements.map((st) => ({
      text: st.text,
      span: { start: st.span.start + resume, end: st.span.end + resume },
      leadingComments: st.leadingComments.map((c) => ({ start: c.start + resume, end: c.end + resume })),
    }));
    let witness: (typeof found)[number] | undefined;
    if (m < sts.length) {
      witness = found[found.length - 1];
      if (!witness || witness.span.start !== sts[m].span.start + delta || witness.text !== sts[m].text) return undefined;
      found.pop();
    }
    // Statement a's leading comments lie before `resume` (unchanged) unless we resumed at the file start.
    if (a > 0) {
      if (!found.length || found[0].span.start !== resume) return undefined;
      found[0].leadingComments = sts[a].leadingComments;
    }
    const reusable = new Map<string, ParsedStatement[]>();
    for (let i = a; i < Math.min(m, sts.length); i++) {
      const qq = reusable.get(sts[i].text);
      if (qq) qq.push(sts[i]);
      else reusable.set(sts[i].text, [sts[i]]);
    }
    // The window's old statements, in order, for pairing when the edit changed a statement's text but not its count.
    const oldWindow = sts.slice(a, Math.min(m, sts.length));
    const middle = found.map((st, i) => {
      const ps = reusable.get(st.text)?.shift();
      if (ps) {
        moveStatement(ps, st.span.start - ps.span.start);
        ps.leadingComments = st.leadingComments;
        return ps;
      }
      const fresh = this.fresh(path, old.dialect, old.mode, st.text, st.span, st.leadingComments);
      // Same facts but for offsets (a space, a comment, a line break typed inside the statement): keep the old fact
      // objects, so the model built from them stays valid, and give them the new offsets.
      const prev = oldWindow.length === found.length ? oldWindow[i] : undefined;
      if (prev && reusable.get(prev.text)?.includes(prev) && prev.status === fresh.status && prev.parseError === fresh.parseError && sameShape(prev.facts, fresh.facts)) {
        reusable.set(prev.text, reusable.get(prev.text)!.filter((x) => x !== prev));
        copySpans(fresh.facts, prev.facts);
        prev.text = fresh.text;
        prev.span.start = fresh.span.start;
        prev.span.end = fresh.span.end;
        prev.leadingComments = fresh.leadingComments;
        return prev;
      }
      return fresh;
    });
    const tailStart = m < sts.length ? sts[m].span.start : Infinity;
    const tail = sts.slice(m);
    for (const ps of tail) moveStatement(ps, delta);
    // The change may lie in the witness's leading comments.
    if (witness) tail[0].leadingComments = witness.leadingComments;
    const comments = [
      ...old.comments.filter((c) => c.end <= resume),
      ...res.comments.map((c) => ({ start: c.start + resume, end: c.end + resume })),
      ...old.comments.filter((c) => c.start >= tailStart).map((c) => ((c.start += delta), (c.end += delta), c)),
    ];
    return { statements: [...sts.slice(0, a), ...middle, ...tail], comments, editStart: p, oldEnd: changeEnd, newEnd: changeEnd + delta };
  }

  forget(path: string): void {
    this.memo.delete(path);
  }

  paths(): string[] {
    return [...this.memo.keys()];
  }
}
