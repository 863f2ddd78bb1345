/**
 * SQL written for ORM calls, with its way back to the script file. An ORM call's query is written out as the SQL the
 * ORM would send (`"email" = $1`), piece by piece; each piece remembers the script text it stands for (the `email: x`
 * property, a query builder's string fragment, a `${…}` substitution). The query model is then lowered from that SQL
 * — by the project's own SQL parsers for raw SQL and query builder fragments, or directly from the neutral query tree
 * (parse/query.ts) for find options — and every span of it is carried back into the script through the pieces. So
 * comparison texts are SQL (a partial index's predicate is proved against them as for any query), and a finding
 * points at the ORM call's own text.
 */
import type * as TS from 'typescript';
import type { Dialect, Fact, QueryDef, Span } from '../model/types';
import { parsePostgresStatement } from './postgres';
import { parseMysqlStatement } from './mysql';
import { typescript } from './ts-api';

let api: typeof TS | undefined;

/**
 * The TypeScript API as plain properties: the module's exports are getters (its bundle's `__export`), and the walk
 * over every node of every script asks for `isX` / `SyntaxKind` many times each.
 */
export function tsApi(): typeof TS {
  return (api ??= { ...typescript() });
}

interface Piece {
  /** Range in the SQL. */
  s: number;
  e: number;
  /** What it stands for in the script. */
  file: Span;
  /** The SQL is the script text itself, character for character (inner offsets map one to one). */
  linear: boolean;
}

/** SQL text built piece by piece, each piece tied to a range of the script. */
export class SqlWriter {
  private out: string[] = [];
  /** `out`'s total length after each of its strings (to drop back to a mark without joining them). */
  private ends: number[] = [];
  private length = 0;
  private readonly pieces: Piece[] = [];
  private readonly exact = new Map<string, Span>();
  private params = 0;

  constructor(
    readonly dialect: Dialect,
    /** Where a span of glue text alone maps to (the whole call). */
    readonly anchor: Span,
  ) {}

  get sql(): string {
    if (this.out.length > 1) {
      this.out = [this.out.join('')];
      this.ends = [this.length];
    }
    return this.out[0] ?? '';
  }

  get pos(): number {
    return this.length;
  }

  /** Appends SQL that stands for `file` in the script (glue, mapped to what surrounds it, when no `file`). */
  emit(text: string, file?: Span, linear = false): Span {
    const s = this.length;
    this.out.push(text);
    this.length += text.length;
    this.ends.push(this.length);
    if (file && text) this.pieces.push({ s, e: this.length, file, linear: linear && file.end - file.start === text.length });
    return { start: s, end: this.length };
  }

  /** The state to go back to when what follows turns out to yield nothing (see `reset`). */
  mark(): { pos: number; pieces: number; params: number } {
    return { pos: this.length, pieces: this.pieces.length, params: this.params };
  }

  /** Drops everything written after `m`. */
  reset(m: { pos: number; pieces: number; params: number }): void {
    if (this.length === m.pos) return;
    while (this.ends.length && this.ends[this.ends.length - 1] > m.pos) {
      this.ends.pop();
      const last = this.out.pop()!;
      const start = this.ends.length ? this.ends[this.ends.length - 1] : 0;
      if (start < m.pos) {
        this.out.push(last.slice(0, m.pos - start));
        this.ends.push(m.pos);
      }
    }
    this.length = m.pos;
    this.pieces.length = m.pieces;
    this.params = m.params;
    for (const k of [...this.exact.keys()]) if (Number(k.slice(0, k.indexOf(':'))) >= m.pos) this.exact.delete(k);
  }

  /** A parameter placeholder for a value of the script. */
  param(file: Span): Span {
    return this.emit(this.dialect === 'postgresql' ? `$${++this.params}` : '?', file);
  }

  quote(name: string): string {
    return this.dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
  }

  literal(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
  }

  /** Ties an SQL range (a whole comparison, a sort key) to exactly this script range. */
  tie(sql: Span, file: Span): void {
    this.exact.set(`${sql.start}:${sql.end}`, file);
  }

  /**
   * A copy of `value` (facts of this SQL) with every span carried into the script. A deep copy: each span of the
   * result is an object of its own, as the facts of a statement must be (spans are moved in place after an edit).
   */
  remap<T>(value: T): T {
    return this.copy(value) as T;
  }

  private copy(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.copy(v[i]);
      return out;
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    const span = typeof o.start === 'number' && typeof o.end === 'number' ? this.map(o.start, o.end) : undefined;
    if (span && keys.length === 2) return span;
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = this.copy(o[k]);
    return span ? Object.assign(out, span) : out;
  }

  private map(start: number, end: number): Span {
    const hit = this.exact.get(`${start}:${end}`);
    if (hit) return { start: hit.start, end: hit.end };
    const a = this.at(start, false);
    const b = this.at(end, true);
    const s = a ? (a.linear ? a.file.start + (start - a.s) : a.file.start) : this.anchor.start;
    const e = b ? (b.linear ? b.file.start + (end - b.s) : b.file.end) : this.anchor.end;
    return s <= e ? { start: s, end: e } : { start: e, end: s };
  }

  /**
   * The piece holding offset `x` (as a start: the piece at or after it, glue included; as an end: the piece at or
   * before it), so a span that begins or ends in glue (a parenthesis, a keyword) takes its nearest real text.
   */
  private at(x: number, end: boolean): Piece | undefined {
    const ps = this.pieces;
    let lo = 0;
    let hi = ps.length;
    // first piece whose end is past x (as a start) or at/after x (as an end)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end ? ps[mid].e < x : ps[mid].e <= x) lo = mid + 1;
      else hi = mid;
    }
    if (!end) return ps[lo];
    const p = ps[lo];
    if (p && p.s < x) return p;
    return ps[lo - 1] ?? p;
  }
}

// ---------------------------------------------------------------------------------------------------------
// SQL strings of the script: raw queries and query builder fragments.

/** A string or template literal's text as SQL pieces; `${…}` substitutions are parameters. False when not a literal. */
export function writeLiteral(w: SqlWriter, node: TS.Node, sf: TS.SourceFile, fragment?: (w: SqlWriter, text: string, start: number) => void): boolean {
  const ts = tsApi();
  const put = fragment ?? ((x: SqlWriter, text: string, start: number) => x.emit(text, { start, end: start + text.length }, true));
  // A string still being typed (no closing quote): not a query yet.
  const open = (n: TS.Node) => (n as TS.LiteralLikeNode).isUnterminated === true || n.end <= n.getStart(sf);
  if (open(node) || (ts.isTemplateExpression(node) && node.templateSpans.some((s) => open(s.literal)))) return false;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    const start = node.getStart(sf) + 1;
    const raw = sf.text.slice(start, node.end - 1);
    // An escape (`\'`, `\n`) makes the script text differ from the string: the value then stands for the whole literal.
    if (raw === node.text) put(w, raw, start);
    else w.emit(node.text, { start: start - 1, end: node.end });
    return true;
  }
  if (!ts.isTemplateExpression(node)) return false;
  const head = node.head;
  put(w, sf.text.slice(head.getStart(sf) + 1, head.end - 2), head.getStart(sf) + 1);
  let at = head.end - 2;
  for (const span of node.templateSpans) {
    const lit = span.literal;
    const litStart = lit.getStart(sf);
    w.param({ start: at, end: litStart + 1 });
    const tail = ts.isTemplateTail(lit);
    put(w, sf.text.slice(litStart + 1, lit.end - (tail ? 1 : 2)), litStart + 1);
    at = lit.end - 2;
  }
  return true;
}

const parsed = new Map<string, QueryDef | null>();
const PARSED_CAP = 5000;

/**
 * The query of one SQL statement, by the dialect's parser in workload mode (what parse/file.ts does for a workload
 * file's statement), spans in SQL offsets; undefined when the parser refuses it or it is not a query. Cached by text.
 */
function sqlQuery(sql: string, dialect: Dialect): QueryDef | undefined {
  const key = dialect + '\u0000' + sql;
  let hit = parsed.get(key);
  if (hit === undefined) {
    let facts: Fact[] = [];
    try {
      const res = dialect === 'postgresql' ? parsePostgresStatement(sql, 0, { queries: true }) : parseMysqlStatement(sql, 0, dialect, { queries: true });
      facts = res.error ? [] : res.facts;
    } catch {
      facts = [];
    }
    const q = facts.find((f): f is Extract<Fact, { kind: 'query' }> => f.kind === 'query');
    hit = q ? q.query : null;
    if (parsed.size >= PARSED_CAP) parsed.clear();
    parsed.set(key, hit);
  }
  return hit ?? undefined;
}

/** The query of the writer's SQL, spans in the script. */
export function writtenQuery(w: SqlWriter): QueryDef | undefined {
  const q = sqlQuery(w.sql, w.dialect);
  return q && w.remap(q);
}
