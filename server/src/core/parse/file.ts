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
import type { SplitResult } from './types';

export interface ParsedStatement extends StatementResult {
  file: string;
  leadingComments: Span[];
}

export interface ParsedFile {
  path: string;
  text: string;
  dialect: Dialect;
  statements: ParsedStatement[];
  comments: Span[];
}

interface CachedParse {
  facts: Fact[];
  status: StatementResult['status'];
  parser?: StatementResult['parser'];
  parseError?: string;
}

/** Parses statements at offset 0 keyed by dialect + text; results are shifted per use. Bounded LRU. */
export class StatementCache {
  private map = new Map<string, CachedParse>();
  constructor(private readonly limit = 50_000) {}

  get(dialect: Dialect, text: string): CachedParse {
    const key = dialect + '\u0000' + text;
    let hit = this.map.get(key);
    if (hit) {
      // refresh LRU position
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    hit = parseStatement(dialect, text);
    this.map.set(key, hit);
    if (this.map.size > this.limit) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    return hit;
  }

  get size(): number {
    return this.map.size;
  }
}

/** Statements that open with these words are never schema facts; skip the parsers entirely (COPY data, DML in dumps). */
const NON_DDL = /^(?:INSERT|COPY|SELECT|UPDATE|DELETE|SET|GRANT|REVOKE|COMMENT|LOCK|UNLOCK|VALUES|WITH|ANALYZE|VACUUM|SHOW|USE|PRAGMA|EXPLAIN|CALL|DO|REFRESH|CLUSTER|REINDEX|NOTIFY|LISTEN|SECURITY|DECLARE|FETCH|PREPARE|EXECUTE|DEALLOCATE|DISCARD|RESET|CHECKPOINT|LOAD|IMPORT|TRUNCATE|REPLACE|HANDLER|FLUSH|OPTIMIZE|REPAIR|CHECK|KILL|DESCRIBE|DESC|SAVEPOINT|RELEASE|ATTACH|DETACH)\b/i;

function parseStatement(dialect: Dialect, text: string): CachedParse {
  const head = text.slice(0, 40);
  if (NON_DDL.test(head)) return { facts: [], status: 'skipped' };
  let res: { facts: Fact[]; error?: string };
  try {
    res = dialect === 'postgresql' ? parsePostgresStatement(text, 0) : parseMysqlStatement(text, 0, dialect);
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

/** Deep copy of `facts` with every span moved by `delta` and every origin's file set to `file`. */
export function relocate<T>(value: T, delta: number, file: string): T {
  return walk(value) as T;
  function walk(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = walk(o[k]);
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      out.start = (o.start as number) + delta;
      out.end = (o.end as number) + delta;
    }
    if ('file' in o && typeof o.file === 'string') out.file = file;
    return out;
  }
}

interface FileMemo {
  text: string;
  dialect: Dialect;
  split: SplitResult;
  /** statement text + start → relocated result, reused when neither moved. */
  byPosition: Map<string, ParsedStatement>;
  parsed: ParsedFile;
}

/** Parses files, remembering the last parse of each path so unchanged files cost nothing. */
export class FileParser {
  private memo = new Map<string, FileMemo>();
  constructor(private readonly cache = new StatementCache()) {}

  parse(path: string, text: string, dialect: Dialect): ParsedFile {
    const old = this.memo.get(path);
    if (old && old.text === text && old.dialect === dialect) return old.parsed;
    const splitRes = split(text, dialect);
    const prev = old && old.dialect === dialect ? old.byPosition : undefined;
    const byPosition = new Map<string, ParsedStatement>();
    const statements: ParsedStatement[] = [];
    for (const st of splitRes.statements) {
      const posKey = st.span.start + ':' + st.text;
      let ps = prev?.get(posKey);
      if (!ps) {
        const c = this.cache.get(dialect, st.text);
        ps = {
          file: path,
          span: st.span,
          facts: relocate(c.facts, st.span.start, path),
          status: c.status,
          parser: c.parser,
          parseError: c.parseError,
          leadingComments: st.leadingComments,
        };
      } else if (ps.leadingComments !== st.leadingComments) {
        ps = { ...ps, leadingComments: st.leadingComments };
      }
      byPosition.set(posKey, ps);
      statements.push(ps);
    }
    const parsed: ParsedFile = { path, text, dialect, statements, comments: splitRes.comments };
    this.memo.set(path, { text, dialect, split: splitRes, byPosition, parsed });
    return parsed;
  }

  forget(path: string): void {
    this.memo.delete(path);
  }

  paths(): string[] {
    return [...this.memo.keys()];
  }
}
