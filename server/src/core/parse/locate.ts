/**
 * The token walk over DDL: reads a statement's tokens into facts, with the exact span of every piece (table,
 * column, type, default, key, constraint, referenced table ...). Shared by `mysql.ts` (statements node-sql-parser
 * accepted) and `fallback.ts` (statements no parser accepted). One grammar, two modes:
 *
 * - `trusted`: a real parser already accepted the statement. A word this walk does not know is valid syntax it
 *   does not model (`STORAGE DISK`, `SECONDARY_ENGINE_ATTRIBUTE ...`): skip it and keep the piece.
 * - `recover`: nobody vouches for the text (often it is being typed). A piece (column, table element, key list,
 *   ALTER action) with anything unknown in it, or cut off before its `,`/`)`, is dropped. Never invents.
 *
 * The grammar covers MySQL/MariaDB and SQLite fully and the PostgreSQL forms the fallback recovers.
 * Offsets: tokens are relative to the statement text; spans are file offsets (`base` + token offset).
 */
import type {
  AlterAction,
  ColumnDef,
  ConstraintDef,
  Dialect,
  Fact,
  IndexDef,
  IndexKey,
  OriginPart,
  QName,
  ReferentialAction,
  Span,
  TableDef,
} from '../model/types';
import type { Token, TokenKind } from './types';
import { normalizeType } from './sqltype';

export type WalkMode = 'trusted' | 'recover';

type Parts = Partial<Record<OriginPart, Span>>;

/** Origins leave the file empty: the file layer stamps the path when it relocates a statement's facts. */
const NO_FILE = '';

/** Comments are invisible to the grammar (spans run from the first to the last significant token). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment' && t.kind !== 'meta' && t.kind !== 'data' && t.kind !== 'semicolon');
}

/** A position in a statement's significant tokens, bounded by `end` (exclusive) while a piece is read. */
class Cursor {
  pos = 0;
  end: number;
  /** Tokens the walk could not place. Recovery drops every piece whose read raised this. */
  issues = 0;
  /** Index of the matching `)` for each `(`, or -1 when it never closes. */
  readonly close: Int32Array;

  constructor(
    readonly toks: readonly Token[],
    readonly text: string,
    readonly base: number,
    readonly dialect: Dialect,
    readonly mode: WalkMode,
  ) {
    this.end = toks.length;
    this.close = new Int32Array(toks.length).fill(-1);
    const stack: number[] = [];
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].kind === 'lparen') stack.push(i);
      else if (toks[i].kind === 'rparen' && stack.length) this.close[stack.pop()!] = i;
    }
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(k = 0): Token | undefined {
    const i = this.pos + k;
    return i < this.end ? this.toks[i] : undefined;
  }

  kind(k = 0): TokenKind | undefined {
    return this.peek(k)?.kind;
  }

  /** The upper-cased word at `pos + k`, if that token is a bare word. */
  w(k = 0): string | undefined {
    const t = this.peek(k);
    return t && t.kind === 'word' ? t.value : undefined;
  }

  is(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (this.w(k) !== words[k]) return false;
    return true;
  }

  eat(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.pos += words.length;
    return true;
  }

  isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return !!t && t.kind === 'op' && t.value === v;
  }

  eatOp(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.pos++;
    return true;
  }

  /** The `)` index closing the `(` at `i`, or -1 when it does not close before `end`. */
  /**
   * At `(`: moves past its matching `)` and returns that index. Anywhere else, or unbalanced: counts an issue,
   * moves to the end and returns -1 (the caller gives up on the element).
   */
  skipGroup(): number {
    const close = this.kind() === 'lparen' ? this.closeOf(this.pos) : -1;
    if (close < 0) {
      this.issues++;
      this.pos = this.end;
      return -1;
    }
    this.pos = close + 1;
    return close;
  }

  closeOf(i: number): number {
    const j = this.close[i];
    return j >= 0 && j < this.end ? j : -1;
  }

  /** Steps over one token, or a whole balanced group. False (and at `end`) when the group never closes. */
  skip(): boolean {
    if (this.kind() === 'lparen') {
      const j = this.closeOf(this.pos);
      if (j < 0) {
        this.pos = this.end;
        return false;
      }
      this.pos = j + 1;
      return true;
    }
    this.pos++;
    return true;
  }

  /** Counts an unknown token (or group) and steps over it. */
  unknown(): void {
    this.issues++;
    this.skip();
  }

  /** File span of tokens `i..j` (inclusive). */
  span(i: number, j: number): Span {
    return { start: this.base + this.toks[i].start, end: this.base + this.toks[j].end };
  }

  src(i: number, j: number): string {
    return this.text.slice(this.toks[i].start, this.toks[j].end);
  }

  /** Tokens `i..j` as written, with every run of whitespace/comments between tokens turned into one space. */
  norm(i: number, j: number): string {
    let out = '';
    for (let k = i; k <= j; k++) {
      if (k > i && this.toks[k].start > this.toks[k - 1].end) out += ' ';
      out += this.text.slice(this.toks[k].start, this.toks[k].end);
    }
    return out;
  }

  hasUnterminated(i: number, j: number): boolean {
    for (let k = i; k < j; k++) if (this.toks[k].kind === 'unterminated') return true;
    return false;
  }

  /** Top-level comma-separated ranges of `[from, to)`. */
  commaSplit(from: number, to: number): { from: number; to: number }[] {
    const out: { from: number; to: number }[] = [];
    let s = from;
    for (let i = from; i < to; i++) {
      const t = this.toks[i];
      if (t.kind === 'lparen') {
        const j = this.close[i];
        if (j < 0 || j >= to) break;
        i = j;
      } else if (t.kind === 'comma') {
        out.push({ from: s, to: i });
        s = i + 1;
      }
    }
    out.push({ from: s, to });
    return out;
  }

  /** Reads with `end` narrowed to `to`, restoring it afterwards. */
  within<T>(from: number, to: number, read: () => T): T {
    const saved = this.end;
    this.pos = from;
    this.end = to;
    try {
      return read();
    } finally {
      this.end = saved;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// names and literals

/**
 * A name token: a word or a quoted identifier. A MySQL `"..."` (a string to the lexer) counts too: in a name
 * position it only parses under ANSI_QUOTES, where it is an identifier.
 */
function isIdent(t: Token | undefined): t is Token {
  return !!t && (t.kind === 'word' || t.kind === 'quoted' || (t.kind === 'string' && t.value.startsWith('"')));
}

/** An identifier as written: a bare word keeps its case, a quoted one loses its quotes. */
/** A required identifier: its text, moving past it; otherwise counts an issue and returns undefined. */
function takeIdent(c: Cursor): string | undefined {
  const n = c.peek();
  if (!isIdent(n)) {
    c.issues++;
    return undefined;
  }
  c.pos++;
  return identText(c, n);
}

function identText(c: Cursor, t: Token): string {
  if (t.kind === 'string') return stringValue(c, t);
  return t.kind === 'quoted' ? t.value : c.text.slice(t.start, t.end);
}

interface NameRead {
  name: QName;
  span: Span;
}

/** `name`, `schema.name` (`db.name` in MySQL) or `catalog.schema.name`. */
function readQName(c: Cursor): NameRead | undefined {
  const from = c.pos;
  const first = c.peek();
  if (!isIdent(first)) return undefined;
  const parts = [identText(c, first)];
  c.pos++;
  while (c.kind() === 'dot' && isIdent(c.peek(1))) {
    parts.push(identText(c, c.peek(1)!));
    c.pos += 2;
  }
  const n = parts.length;
  const name: QName = n === 1 ? { name: parts[0] } : { schema: parts[n - 2], name: parts[n - 1] };
  return { name, span: c.span(from, c.pos - 1) };
}

/** The value of a string literal token: prefixes (`N`, `X`, `E`, `_utf8mb4`) and quotes removed, escapes applied. */
function stringValue(c: Cursor, t: Token): string {
  const raw = c.text.slice(t.start, t.end);
  if (raw.startsWith('$')) {
    const tag = raw.slice(0, raw.indexOf('$', 1) + 1);
    return raw.slice(tag.length, raw.length - tag.length);
  }
  const q = raw.search(/['"]/);
  if (q < 0) return raw;
  const quote = raw[q];
  const body = raw.slice(q + 1, raw.length - 1);
  const backslash = c.dialect === 'mysql' || /^[eE]$/.test(raw.slice(0, q));
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === quote && body[i + 1] === quote) {
      out += quote;
      i++;
    } else if (backslash && ch === '\\' && i + 1 < body.length) {
      const e = body[++i];
      out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '\0' : e === 'Z' ? '\x1a' : e;
    } else out += ch;
  }
  return out;
}

/** A name-like value (`utf8mb4`, `'utf8mb4'`, `` `InnoDB` ``, `"C"`), e.g. after CHARACTER SET or ENGINE=. */
function readValueName(c: Cursor): string | undefined {
  const t = c.peek();
  if (!t) return undefined;
  if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'number') {
    c.pos++;
    return identText(c, t);
  }
  if (t.kind === 'string') {
    c.pos++;
    return stringValue(c, t);
  }
  return undefined;
}

/** `readValueName` with the span of the value token. */
function readValueSpan(c: Cursor): { value: string; span: Span } | undefined {
  const at = c.pos;
  const value = readValueName(c);
  return value === undefined ? undefined : { value, span: c.span(at, at) };
}

/** A collation after COLLATE: `utf8mb4_bin`, `NOCASE`, `"C"`, PG `pg_catalog."default"` (qualifier kept, quotes not). */
function readCollation(c: Cursor): string | undefined {
  if (c.kind() === 'string') return readValueName(c);
  const n = readQName(c);
  if (!n) return undefined;
  return n.name.schema !== undefined ? `${n.name.schema}.${n.name.name}` : n.name.name;
}

/** `( ident, ident, ... )` at pos, e.g. FK columns. Undefined (nothing consumed) unless every item is one identifier. */
function readIdentList(c: Cursor): { names: string[]; spans: Span[]; span: Span } | undefined {
  if (c.kind() !== 'lparen') return undefined;
  const open = c.pos;
  const close = c.closeOf(open);
  if (close < 0) return undefined;
  const names: string[] = [];
  const spans: Span[] = [];
  for (const r of c.commaSplit(open + 1, close)) {
    if (r.to - r.from !== 1 || !isIdent(c.toks[r.from])) return undefined;
    names.push(identText(c, c.toks[r.from]));
    spans.push(c.span(r.from, r.from));
  }
  c.pos = close + 1;
  return { names, spans, span: c.span(open, close) };
}

// ---------------------------------------------------------------------------------------------------------------
// column definitions

function words(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** Words that end a column's type (the type itself is the run of words before them, plus `(...)` and modifiers). */
const ATTR_WORDS = words(
  'CONSTRAINT NOT NULL PRIMARY UNIQUE KEY CHECK REFERENCES DEFAULT COLLATE GENERATED AS AUTO_INCREMENT ' +
    'AUTOINCREMENT COMMENT CHARSET ON INVISIBLE VISIBLE COLUMN_FORMAT STORAGE SRID BINARY ASCII UNICODE ' +
    'ENGINE_ATTRIBUTE SECONDARY_ENGINE_ATTRIBUTE DEFERRABLE INITIALLY FIRST AFTER SERIAL COMPRESSION ' +
    'ENFORCED',
);
/** Words that cannot start a type (a SQLite column may have none: `id PRIMARY KEY`). */
const NOT_A_TYPE = words(
  'CONSTRAINT NOT NULL PRIMARY UNIQUE KEY CHECK REFERENCES DEFAULT COLLATE GENERATED AS AUTO_INCREMENT ' +
    'AUTOINCREMENT COMMENT ON FIRST AFTER',
);
const MYSQL_TYPE_MODIFIERS = new Set(['UNSIGNED', 'SIGNED', 'ZEROFILL']);

interface TypeRead {
  from: number;
  to: number;
  unsigned: boolean;
}

/** The column type as written: `varchar(255)`, `int(10) unsigned`, `double precision`, `timestamp(3) with time zone`, `text[]`. */
function readType(c: Cursor): TypeRead | undefined {
  const from = c.pos;
  let words = 0;
  let unsigned = false;
  for (;;) {
    const t = c.peek();
    if (!t) break;
    if (t.kind === 'word') {
      if (words === 0 ? NOT_A_TYPE.has(t.value) : ATTR_WORDS.has(t.value)) break;
      if (t.value === 'CHARACTER' && c.w(1) === 'SET') break;
      if (t.value === 'UNSIGNED' && words > 0) unsigned = true;
      c.pos++;
      words++;
    } else if (t.kind === 'quoted' && words === 0 && c.dialect !== 'mysql') {
      c.pos++; // PG enum types are often quoted: "Status"
      words++;
    } else if (t.kind === 'dot' && words > 0 && isIdent(c.peek(1))) {
      c.pos += 2; // schema-qualified user type
    } else break;
  }
  if (words === 0) return undefined;
  if (c.kind() === 'lparen') {
    const close = c.closeOf(c.pos);
    if (close < 0) {
      c.issues++;
      c.pos = c.end;
      return undefined;
    }
    c.pos = close + 1;
  }
  // after the arguments: MySQL sign/zerofill, PG time zone and array suffixes
  for (;;) {
    const w = c.w();
    if (c.dialect !== 'postgresql' && w && MYSQL_TYPE_MODIFIERS.has(w)) {
      if (w === 'UNSIGNED') unsigned = true;
      c.pos++;
    } else if (c.dialect === 'postgresql' && (w === 'WITH' || w === 'WITHOUT') && c.is(w, 'TIME', 'ZONE')) {
      c.pos += 3;
    } else if (c.dialect === 'postgresql' && c.isOp('[')) {
      let j = c.pos + 1;
      if (c.toks[j]?.kind === 'number') j++;
      if (j >= c.end || !(c.toks[j].kind === 'op' && c.toks[j].value === ']')) break;
      c.pos = j + 1;
    } else if (c.dialect === 'postgresql' && w === 'ARRAY') {
      c.pos++;
    } else break;
  }
  return { from, to: c.pos - 1, unsigned };
}

/** Extent of an expression (a DEFAULT or ON UPDATE value): tokens and groups up to the next attribute word or `,`/`)`. */
function readExpr(c: Cursor): { from: number; to: number } | undefined {
  const from = c.pos;
  let n = 0;
  while (!c.done) {
    const t = c.peek()!;
    if (t.kind === 'comma' || t.kind === 'rparen') break;
    if (n > 0 && t.kind === 'word' && (ATTR_WORDS.has(t.value) || (t.value === 'CHARACTER' && c.w(1) === 'SET'))) break;
    if (!c.skip()) {
      c.issues++;
      return undefined;
    }
    n++;
  }
  return n ? { from, to: c.pos - 1 } : undefined;
}

function readAction(c: Cursor): ReferentialAction | undefined {
  if (c.eat('CASCADE')) return 'cascade';
  if (c.eat('RESTRICT')) return 'restrict';
  if (c.eat('NO', 'ACTION')) return 'no action';
  const setNull = c.eat('SET', 'NULL');
  const setDefault = !setNull && c.eat('SET', 'DEFAULT');
  if (!setNull && !setDefault) return undefined;
  if (c.kind() === 'lparen' && c.dialect === 'postgresql') c.skip(); // PG 15: SET NULL (col, ...)
  return setNull ? 'set null' : 'set default';
}

interface ReferencesRead {
  references: NonNullable<ConstraintDef['references']>;
  span: Span;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
}

/** After `REFERENCES`: `table [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...] [[NOT] DEFERRABLE] [INITIALLY ...]`. */
function readReferences(c: Cursor): ReferencesRead | undefined {
  const from = c.pos;
  const name = readQName(c);
  if (!name) {
    c.issues++;
    return undefined;
  }
  const references: ReferencesRead['references'] = { table: name.name, columns: [] };
  if (c.kind() === 'lparen') {
    const list = readIdentList(c);
    if (!list) {
      c.unknown();
      return undefined;
    }
    references.columns = list.names;
  }
  const span = c.span(from, c.pos - 1);
  const out: ReferencesRead = { references, span };
  for (;;) {
    if (c.is('ON', 'DELETE') || c.is('ON', 'UPDATE')) {
      const which = c.w(1);
      c.pos += 2;
      const action = readAction(c);
      if (!action) {
        c.issues++;
        return undefined;
      }
      if (which === 'DELETE') references.onDelete = action;
      else references.onUpdate = action;
    } else if (c.eat('MATCH')) {
      const m = c.w();
      if (m === 'FULL' || m === 'PARTIAL' || m === 'SIMPLE') references.match = m.toLowerCase() as 'full' | 'partial' | 'simple';
      else if (!m) {
        c.issues++;
        return undefined;
      }
      c.pos++;
    } else if (c.eat('DEFERRABLE')) {
      out.deferrable = true;
    } else if (c.eat('NOT', 'DEFERRABLE')) {
      out.deferrable = false;
    } else if (c.eat('INITIALLY', 'DEFERRED')) {
      out.initiallyDeferred = true;
    } else if (c.eat('INITIALLY', 'IMMEDIATE')) {
      out.initiallyDeferred = false;
    } else break;
  }
  return out;
}

/** SQLite `ON CONFLICT ROLLBACK|ABORT|FAIL|IGNORE|REPLACE` after NOT NULL / PRIMARY KEY / UNIQUE. */
function skipConflictClause(c: Cursor): void {
  if (c.is('ON', 'CONFLICT')) {
    c.pos += 2;
    if (c.w()) c.pos++;
    else c.issues++;
  }
}

interface ColumnRead {
  column: ColumnDef;
  /** Inline constraints, `inline: true`, in source order. */
  constraints: ConstraintDef[];
}

const PG_SERIALS = new Set(['SERIAL', 'BIGSERIAL', 'SMALLSERIAL', 'SERIAL2', 'SERIAL4', 'SERIAL8']);

/**
 * One column definition from `pos` to `end`: `name [type] [attribute ...]`. Stops early at MySQL `FIRST`/`AFTER`
 * (column position in ALTER), which is not part of the definition. Undefined when there is no name.
 */
function readColumn(c: Cursor): ColumnRead | undefined {
  const first = c.pos;
  const nameTok = c.peek();
  if (!isIdent(nameTok)) {
    c.issues++;
    return undefined;
  }
  c.pos++;
  const colName = identText(c, nameTok);
  const nameSpan = c.span(first, first);
  const parts: Parts = { name: nameSpan };
  const type = readType(c);
  const rawType = type ? c.src(type.from, type.to) : '';
  const column: ColumnDef = {
    name: colName,
    rawType,
    type: normalizeType(rawType, c.dialect),
    nullable: true,
    origin: { file: NO_FILE, span: nameSpan, parts },
  };
  if (type) parts.type = c.span(type.from, type.to);
  if (type?.unsigned && c.dialect === 'mysql') column.type.unsigned = true;
  const constraints: ConstraintDef[] = [];
  const typeWord = type ? c.toks[type.from].value : '';
  if (c.dialect === 'postgresql' && type && type.from === type.to && PG_SERIALS.has(typeWord)) {
    column.autoIncrement = 'serial';
  }

  /** `CONSTRAINT name` seen: the next constraint takes the name and starts its span there. */
  let named: { name: string; from: number; nameSpan: Span } | undefined;
  const addConstraint = (
    kind: ConstraintDef['kind'],
    from: number,
    keywordTo: number,
    extra: Partial<ConstraintDef> = {},
    moreParts: Parts = {},
  ): ConstraintDef => {
    const start = named ? named.from : from;
    const cparts: Parts = { keyword: c.span(from, keywordTo), columns: nameSpan, ...moreParts };
    if (named) cparts.name = named.nameSpan;
    const con: ConstraintDef = {
      kind,
      columns: [colName],
      columnSpans: [nameSpan],
      inline: true,
      origin: { file: NO_FILE, span: c.span(start, Math.max(c.pos - 1, keywordTo)), parts: cparts },
      ...extra,
    };
    if (named) con.name = named.name;
    named = undefined;
    constraints.push(con);
    return con;
  };
  /** Extends the last constraint's span to the current position (after its trailing options). */
  const extendLast = (): void => {
    const con = constraints[constraints.length - 1];
    if (con) con.origin.span = { start: con.origin.span.start, end: c.span(c.pos - 1, c.pos - 1).end };
  };

  while (!c.done) {
    const at = c.pos;
    const t = c.peek()!;
    if (t.kind !== 'word') {
      c.unknown();
      continue;
    }
    const w = t.value;
    if (w === 'FIRST' || w === 'AFTER') break;
    c.pos++;
    switch (w) {
      case 'CONSTRAINT': {
        const n = c.peek();
        if (isIdent(n) && !['PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'NOT', 'NULL', 'DEFAULT', 'FOREIGN'].includes(c.w() ?? '')) {
          named = { name: identText(c, n), from: at, nameSpan: c.span(c.pos, c.pos) };
          c.pos++;
        } else if (c.dialect !== 'mysql') c.issues++;
        break;
      }
      case 'NOT':
        if (c.eat('NULL')) {
          column.nullable = false;
          parts.nullability = c.span(at, c.pos - 1);
          named = undefined;
          skipConflictClause(c);
        } else if (c.eat('DEFERRABLE')) {
          const last = constraints[constraints.length - 1];
          if (last) last.deferrable = false;
        } else if (!c.eat('ENFORCED')) c.issues++;
        break;
      case 'NULL':
        column.nullable = true;
        parts.nullability = c.span(at, at);
        named = undefined;
        skipConflictClause(c);
        break;
      case 'PRIMARY':
      case 'KEY': {
        if (w === 'PRIMARY' && !c.eat('KEY')) {
          c.issues++;
          break;
        }
        if (w === 'KEY' && c.dialect !== 'mysql') {
          c.issues++;
          break;
        }
        const kwTo = c.pos - 1;
        if (c.dialect === 'sqlite') {
          c.eat('ASC') || c.eat('DESC');
          skipConflictClause(c);
          if (c.eat('AUTOINCREMENT')) column.autoIncrement = 'autoincrement';
        }
        column.nullable = false;
        addConstraint('primary', at, kwTo);
        break;
      }
      case 'UNIQUE': {
        if (c.dialect === 'mysql') c.eat('KEY') || c.eat('INDEX');
        const kwTo = c.pos - 1;
        if (c.dialect === 'postgresql') c.eat('NULLS', 'NOT', 'DISTINCT') || c.eat('NULLS', 'DISTINCT');
        skipConflictClause(c);
        addConstraint('unique', at, kwTo);
        break;
      }
      case 'CHECK': {
        const open = c.pos;
        const close = c.skipGroup();
        if (close < 0) break;
        const extra: Partial<ConstraintDef> = { expression: close > open + 1 ? c.norm(open + 1, close - 1) : '' };
        if (c.eat('NO', 'INHERIT') || c.eat('ENFORCED') || c.eat('NOT', 'ENFORCED')) {
          /* options without a model field */
        }
        addConstraint('check', at, at, extra);
        break;
      }
      case 'REFERENCES': {
        const ref = readReferences(c);
        if (!ref) break;
        const con = addConstraint('foreign', at, at, { references: ref.references }, { references: ref.span });
        if (ref.deferrable !== undefined) con.deferrable = ref.deferrable;
        if (ref.initiallyDeferred !== undefined) con.initiallyDeferred = ref.initiallyDeferred;
        break;
      }
      case 'DEFERRABLE':
      case 'INITIALLY': {
        const last = constraints[constraints.length - 1];
        if (w === 'INITIALLY') {
          const v = c.w();
          if (v !== 'DEFERRED' && v !== 'IMMEDIATE') {
            c.issues++;
            break;
          }
          c.pos++;
          if (last) last.initiallyDeferred = v === 'DEFERRED';
        } else if (last) last.deferrable = true;
        extendLast();
        break;
      }
      case 'DEFAULT': {
        const e = readExpr(c);
        if (!e) {
          c.issues++;
          break;
        }
        column.default = c.src(e.from, e.to);
        parts.default = c.span(e.from, e.to);
        named = undefined;
        break;
      }
      case 'COLLATE': {
        const from = c.pos;
        const v = readCollation(c);
        if (v === undefined) c.issues++;
        else {
          column.collation = v;
          if (c.dialect === 'mysql') parts.collation = c.span(from, c.pos - 1);
        }
        break;
      }
      case 'CHARSET':
      case 'CHARACTER': {
        if (w === 'CHARACTER' && !c.eat('SET')) {
          c.issues++;
          break;
        }
        const from = c.pos;
        const v = readValueName(c);
        if (v === undefined) c.issues++;
        else {
          column.charset = v;
          if (c.dialect === 'mysql') parts.charset = c.span(from, from);
        }
        break;
      }
      case 'GENERATED':
      case 'AS': {
        if (w === 'GENERATED') {
          if (!(c.eat('ALWAYS') || c.eat('BY', 'DEFAULT'))) {
            c.issues++;
            break;
          }
          if (!c.eat('AS')) {
            c.issues++;
            break;
          }
          if (c.eat('IDENTITY')) {
            column.autoIncrement = 'identity';
            column.nullable = false;
            if (c.kind() === 'lparen' && !c.skip()) c.issues++;
            break;
          }
        }
        const open = c.pos;
        const close = c.skipGroup();
        if (close < 0) break;
        const stored = c.eat('STORED') || c.eat('PERSISTENT');
        if (!stored) c.eat('VIRTUAL');
        column.generated = { expression: close > open + 1 ? c.norm(open + 1, close - 1) : '', stored };
        break;
      }
      case 'AUTO_INCREMENT':
        column.autoIncrement = 'auto_increment';
        break;
      case 'AUTOINCREMENT':
        // Valid only right after PRIMARY KEY (handled there); anywhere else SQLite rejects it.
        c.issues++;
        break;
      case 'COMMENT': {
        const s = c.peek();
        if (s?.kind === 'string') {
          column.comment = stringValue(c, s);
          c.pos++;
        } else c.issues++;
        break;
      }
      case 'ON':
        if (c.eat('UPDATE')) {
          if (!readExpr(c)) c.issues++;
        } else if (c.eat('CONFLICT')) {
          if (c.w()) c.pos++;
          else c.issues++;
        } else c.issues++;
        break;
      case 'SERIAL':
        // MySQL `SERIAL DEFAULT VALUE` = NOT NULL AUTO_INCREMENT UNIQUE
        if (c.eat('DEFAULT', 'VALUE')) {
          column.autoIncrement = 'auto_increment';
          column.nullable = false;
          addConstraint('unique', at, c.pos - 1);
        } else c.issues++;
        break;
      case 'INVISIBLE':
      case 'VISIBLE':
      case 'BINARY':
      case 'ASCII':
      case 'UNICODE':
      case 'ENFORCED':
        break;
      case 'COLUMN_FORMAT':
      case 'STORAGE':
      case 'SRID':
      case 'COMPRESSION':
        if (c.done) c.issues++;
        else c.pos++;
        break;
      case 'ENGINE_ATTRIBUTE':
      case 'SECONDARY_ENGINE_ATTRIBUTE':
        c.eatOp('=');
        if (c.kind() === 'string') c.pos++;
        else c.issues++;
        break;
      default:
        c.issues++;
        if (c.kind() === 'lparen') c.skip();
    }
  }
  if (named) c.issues++; // CONSTRAINT name without a constraint
  if (typeWord === 'SERIAL' && c.dialect === 'mysql' && type && type.from === type.to) {
    // MySQL SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
    column.autoIncrement = 'auto_increment';
    column.nullable = false;
  }
  column.origin.span = c.span(first, c.pos - 1);
  return { column, constraints };
}

// ---------------------------------------------------------------------------------------------------------------
// key lists and table elements

interface KeyRead extends IndexKey {
  /** Span of the column identifier alone (plain-column keys). */
  columnSpan?: Span;
  /** SQLite `PRIMARY KEY (id AUTOINCREMENT)`. */
  autoincrement?: boolean;
}

const KEY_MODIFIERS = new Set(['ASC', 'DESC', 'NULLS', 'COLLATE']);

/** One index key in `[from, to)`: `col`, `col(10)`, `(expr)`, `lower(x)`, then COLLATE / opclass / ASC|DESC / NULLS. */
function readKey(c: Cursor, from: number, to: number): KeyRead | undefined {
  return c.within(from, to, () => {
    if (c.done) {
      c.issues++;
      return undefined;
    }
    const key: KeyRead = { span: c.span(from, to - 1) };
    const t = c.peek()!;
    const next = c.peek(1);
    // MySQL prefix key `col(10)` (node-sql-parser reads it as a call of a function `col`)
    const prefix = c.dialect === 'mysql' && isIdent(t) && next?.kind === 'lparen' && c.closeOf(c.pos + 1) === c.pos + 3 && c.toks[c.pos + 2].kind === 'number';
    const plain = isIdent(t) && !(t.kind === 'word' && KEY_MODIFIERS.has(t.value) && from + 1 < to) && (!next || next.kind === 'word');
    if (prefix) {
      key.column = identText(c, t);
      key.columnSpan = c.span(c.pos, c.pos);
      key.prefixLength = Number(c.toks[c.pos + 2].value);
      c.pos += 4;
    } else if (plain) {
      key.column = identText(c, t);
      key.columnSpan = c.span(c.pos, c.pos);
      c.pos++;
    } else {
      const e0 = c.pos;
      while (!c.done) {
        const w = c.w();
        if (w && KEY_MODIFIERS.has(w) && c.pos > e0) break;
        if (c.pos > e0 && c.toks[c.pos - 1].kind === 'rparen' && w && c.dialect === 'postgresql') break; // opclass
        if (!c.skip()) {
          c.issues++;
          return undefined;
        }
      }
      const e1 = c.pos - 1;
      const whole = c.toks[e0].kind === 'lparen' && c.close[e0] === e1;
      key.expression = whole ? (e1 > e0 + 1 ? c.norm(e0 + 1, e1 - 1) : '') : c.norm(e0, e1);
    }
    while (!c.done) {
      if (c.eat('COLLATE')) {
        const v = readCollation(c);
        if (v === undefined) c.issues++;
        else key.collation = v;
      } else if (c.eat('ASC')) key.order = 'asc';
      else if (c.eat('DESC')) key.order = 'desc';
      else if (c.eat('NULLS', 'FIRST')) key.nulls = 'first';
      else if (c.eat('NULLS', 'LAST')) key.nulls = 'last';
      else if (c.dialect === 'sqlite' && c.eat('AUTOINCREMENT')) key.autoincrement = true;
      else if (c.dialect === 'postgresql' && isIdent(c.peek()) && !key.opclass) {
        key.opclass = identText(c, c.peek()!);
        c.pos++;
        if (c.kind() === 'lparen') c.skip(); // opclass parameters
      } else c.unknown();
    }
    return key;
  });
}

/** `( key, ... )` at pos. Undefined when it does not close or (recover mode) a key is not understood. */
function readKeys(c: Cursor): { keys: KeyRead[]; span: Span } | undefined {
  if (c.kind() !== 'lparen') {
    c.issues++;
    return undefined;
  }
  const open = c.pos;
  const close = c.closeOf(open);
  if (close < 0) {
    c.issues++;
    c.pos = c.end;
    return undefined;
  }
  const end = c.end;
  const keys: KeyRead[] = [];
  for (const r of c.commaSplit(open + 1, close)) {
    const before = c.issues;
    const k = readKey(c, r.from, r.to);
    if (!k || (c.mode === 'recover' && c.issues > before)) {
      c.end = end;
      c.pos = close + 1;
      c.issues++;
      return undefined;
    }
    keys.push(k);
  }
  c.end = end;
  c.pos = close + 1;
  return { keys, span: c.span(open, close) };
}

function stripKey(k: KeyRead): IndexKey {
  const { columnSpan: _span, autoincrement: _auto, ...key } = k;
  void _span;
  void _auto;
  return key;
}

/** Index options after the key list (or before it): USING, KEY_BLOCK_SIZE, COMMENT, WITH PARSER, VISIBLE ... */
function readIndexOptions(c: Cursor, index: { method?: string }): void {
  while (!c.done) {
    if (c.eat('USING')) {
      const m = c.w();
      if (m && !(c.dialect === 'postgresql' && m === 'INDEX')) {
        index.method = m.toLowerCase();
        c.pos++;
      } else if (c.eat('INDEX', 'TABLESPACE')) {
        if (!readValueName(c)) c.issues++;
      } else c.issues++;
    } else if (c.eat('KEY_BLOCK_SIZE') || c.eat('ENGINE_ATTRIBUTE') || c.eat('SECONDARY_ENGINE_ATTRIBUTE')) {
      c.eatOp('=');
      if (!readValueName(c)) c.issues++;
    } else if (c.eat('COMMENT')) {
      if (c.kind() === 'string') c.pos++;
      else c.issues++;
    } else if (c.eat('WITH', 'PARSER')) {
      if (!readValueName(c)) c.issues++;
    } else if (c.eat('VISIBLE') || c.eat('INVISIBLE') || c.eat('CLUSTERED') || c.eat('NONCLUSTERED')) {
      /* no model field */
    } else if (c.is('ON', 'CONFLICT')) {
      skipConflictClause(c);
    } else break;
  }
}

type ElementRead =
  | { kind: 'column'; column: ColumnDef; constraints: ConstraintDef[] }
  /** `autoincrement`: the column of a SQLite `PRIMARY KEY (id AUTOINCREMENT)`. */
  | { kind: 'constraint'; constraint: ConstraintDef; autoincrement?: string }
  | { kind: 'index'; index: IndexDef }
  /** PG `LIKE other` / MySQL `(LIKE other)` inside the parentheses: the table copies another one. */
  | { kind: 'like' };

/** Whether the element at pos is a table-level constraint/index rather than a column. */
function isTableElement(c: Cursor): boolean {
  const w = c.w();
  if (!w) return false;
  if (w === 'CONSTRAINT' || w === 'PRIMARY' || w === 'FOREIGN' || w === 'CHECK') return true;
  if (w === 'UNIQUE') return c.kind(1) === 'lparen' || isIdent(c.peek(1));
  if (w === 'LIKE') return isIdent(c.peek(1));
  if (w === 'EXCLUDE') return c.dialect === 'postgresql' && (c.kind(1) === 'lparen' || c.w(1) === 'USING');
  if (c.dialect !== 'mysql') return false;
  if (w === 'KEY' || w === 'INDEX' || w === 'FULLTEXT' || w === 'SPATIAL') {
    // `KEY name (cols)`, `INDEX (cols)`, `FULLTEXT KEY ...` - not a column named like that (those need backticks)
    for (let k = 1; k <= 3; k++) {
      const kk = c.kind(k);
      if (kk === 'lparen') return true;
      if (c.w(k) === 'USING' || c.w(k) === 'KEY' || c.w(k) === 'INDEX') return true;
      if (!isIdent(c.peek(k))) return false;
    }
  }
  return false;
}

/**
 * A table-level element (in CREATE TABLE, or after ALTER ... ADD): `[CONSTRAINT [name]] PRIMARY KEY | UNIQUE |
 * FOREIGN KEY | CHECK | EXCLUDE ...`, or MySQL `{KEY|INDEX|FULLTEXT|SPATIAL} ...`. Reads from pos to `end`.
 * UNIQUE over plain columns is a unique constraint; UNIQUE over prefixes or expressions is a unique index.
 */
function readTableConstraint(c: Cursor, table: QName): ElementRead | undefined {
  const start = c.pos;
  let cname: string | undefined;
  let cnameSpan: Span | undefined;
  if (c.eat('CONSTRAINT')) {
    if (isIdent(c.peek()) && !['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE'].includes(c.w() ?? '')) {
      cname = identText(c, c.peek()!);
      cnameSpan = c.span(c.pos, c.pos);
      c.pos++;
    }
  }
  const kw = c.pos;
  const w = c.w();
  const origin = (parts: Parts) => ({ file: NO_FILE, span: c.span(start, Math.max(c.pos - 1, kw)), parts });
  const named = (parts: Parts): Parts => (cnameSpan ? { ...parts, name: cnameSpan } : parts);

  if (w === 'LIKE') return { kind: 'like' };

  if (w === 'PRIMARY' || w === 'UNIQUE' || w === 'KEY' || w === 'INDEX' || w === 'FULLTEXT' || w === 'SPATIAL') {
    const unique = w === 'UNIQUE';
    const primary = w === 'PRIMARY';
    c.pos++;
    if (primary && !c.eat('KEY')) {
      c.issues++;
      return undefined;
    }
    if ((unique || w === 'FULLTEXT' || w === 'SPATIAL') && c.dialect === 'mysql') c.eat('KEY') || c.eat('INDEX');
    const kwTo = c.pos - 1;
    let iname: string | undefined;
    let inameSpan: Span | undefined;
    if (!primary && c.dialect === 'mysql' && isIdent(c.peek()) && c.w() !== 'USING') {
      iname = identText(c, c.peek()!);
      inameSpan = c.span(c.pos, c.pos);
      c.pos++;
    }
    if (unique && c.dialect === 'postgresql') c.eat('NULLS', 'NOT', 'DISTINCT') || c.eat('NULLS', 'DISTINCT');
    const index: { method?: string } = {};
    readIndexOptions(c, index);
    const keys = readKeys(c);
    if (!keys) return undefined;
    readIndexOptions(c, index);
    if (c.dialect === 'postgresql') skipPgConstraintTail(c);
    const plain = keys.keys.every((k) => k.column !== undefined && k.prefixLength === undefined);
    const name = cname ?? iname;
    const nameSpan = cnameSpan ?? inameSpan;
    if (primary || (unique && plain)) {
      const parts: Parts = { keyword: c.span(kw, kwTo), columns: keys.span };
      if (nameSpan) parts.name = nameSpan;
      const constraint: ConstraintDef = {
        kind: primary ? 'primary' : 'unique',
        columns: keys.keys.map((k) => k.column ?? k.expression ?? ''),
        columnSpans: keys.keys.map((k) => k.columnSpan ?? k.span),
        origin: origin(parts),
      };
      if (name !== undefined) constraint.name = name;
      const auto = primary && keys.keys.length === 1 && keys.keys[0].autoincrement ? keys.keys[0].column : undefined;
      return auto === undefined ? { kind: 'constraint', constraint } : { kind: 'constraint', constraint, autoincrement: auto };
    }
    const parts: Parts = { keyword: c.span(kw, kwTo), columns: keys.span };
    if (nameSpan) parts.name = nameSpan;
    const idx: IndexDef = {
      table,
      keys: keys.keys.map(stripKey),
      unique,
      origin: origin(parts),
    };
    if (name !== undefined) idx.name = name;
    const method = w === 'FULLTEXT' ? 'fulltext' : w === 'SPATIAL' ? 'spatial' : index.method;
    if (method) idx.method = method;
    return { kind: 'index', index: idx };
  }

  if (w === 'FOREIGN') {
    c.pos++;
    if (!c.eat('KEY')) {
      c.issues++;
      return undefined;
    }
    const kwTo = c.pos - 1;
    let iname: string | undefined;
    if (c.dialect === 'mysql' && isIdent(c.peek())) {
      iname = identText(c, c.peek()!); // MySQL: index name after FOREIGN KEY, used when CONSTRAINT gives none
      c.pos++;
    }
    const cols = readIdentList(c);
    if (!cols) {
      c.unknown();
      return undefined;
    }
    if (!c.eat('REFERENCES')) {
      c.issues++;
      return undefined;
    }
    const ref = readReferences(c);
    if (!ref) return undefined;
    if (c.dialect === 'postgresql') skipPgConstraintTail(c);
    const constraint: ConstraintDef = {
      kind: 'foreign',
      columns: cols.names,
      columnSpans: cols.spans,
      references: ref.references,
      origin: origin(named({ keyword: c.span(kw, kwTo), columns: cols.span, references: ref.span })),
    };
    const name = cname ?? iname;
    if (name !== undefined) constraint.name = name;
    if (ref.deferrable !== undefined) constraint.deferrable = ref.deferrable;
    if (ref.initiallyDeferred !== undefined) constraint.initiallyDeferred = ref.initiallyDeferred;
    finishPgFlags(c, constraint, kw);
    return { kind: 'constraint', constraint };
  }

  if (w === 'CHECK') {
    c.pos++;
    const open = c.pos;
    const close = c.skipGroup();
    if (close < 0) return undefined;
    c.eat('NOT', 'ENFORCED') || c.eat('ENFORCED') || c.eat('NO', 'INHERIT');
    if (c.dialect === 'postgresql') skipPgConstraintTail(c);
    const constraint: ConstraintDef = {
      kind: 'check',
      columns: [],
      columnSpans: [],
      expression: close > open + 1 ? c.norm(open + 1, close - 1) : '',
      origin: origin(named({ keyword: c.span(kw, kw) })),
    };
    if (cname !== undefined) constraint.name = cname;
    finishPgFlags(c, constraint, kw);
    return { kind: 'constraint', constraint };
  }

  if (w === 'EXCLUDE' && c.dialect === 'postgresql') {
    c.pos++;
    if (c.eat('USING')) c.pos++;
    const open = c.pos;
    const close = c.skipGroup();
    if (close < 0) return undefined;
    skipPgConstraintTail(c);
    const constraint: ConstraintDef = {
      kind: 'exclude',
      columns: [],
      columnSpans: [],
      expression: c.norm(open + 1, close - 1),
      origin: origin(named({ keyword: c.span(kw, kw) })),
    };
    if (cname !== undefined) constraint.name = cname;
    return { kind: 'constraint', constraint };
  }
  c.issues++;
  return undefined;
}

/** PG constraint trailers the model has no field for (or that `finishPgFlags` reads back from the tokens). */
function skipPgConstraintTail(c: Cursor): void {
  for (;;) {
    if (c.eat('INCLUDE') || c.eat('WITH')) {
      if (c.kind() === 'lparen') c.skip();
      else c.issues++;
    } else if (c.eat('USING', 'INDEX', 'TABLESPACE')) {
      if (!readValueName(c)) c.issues++;
    } else if (c.eat('WHERE')) {
      if (c.kind() === 'lparen') c.skip();
      else c.issues++;
    } else if (
      c.eat('NOT', 'VALID') ||
      c.eat('NO', 'INHERIT') ||
      c.eat('DEFERRABLE') ||
      c.eat('NOT', 'DEFERRABLE') ||
      c.eat('INITIALLY', 'DEFERRED') ||
      c.eat('INITIALLY', 'IMMEDIATE')
    ) {
      /* read back by finishPgFlags */
    } else break;
  }
}

/** NOT VALID / DEFERRABLE / INITIALLY DEFERRED written after a PG table constraint (between `from` and pos). */
function finishPgFlags(c: Cursor, con: ConstraintDef, from: number): void {
  if (c.dialect !== 'postgresql') return;
  for (let i = from; i < c.pos - 1; i++) {
    const a = c.toks[i];
    const b = c.toks[i + 1];
    if (a.kind !== 'word' || b.kind !== 'word') continue;
    if (a.value === 'NOT' && b.value === 'VALID') con.notValid = true;
    if (a.value === 'INITIALLY') con.initiallyDeferred = b.value === 'DEFERRED';
  }
  for (let i = from; i < c.pos; i++) {
    const a = c.toks[i];
    if (a.kind === 'word' && a.value === 'DEFERRABLE') con.deferrable = !(i > 0 && c.toks[i - 1].kind === 'word' && c.toks[i - 1].value === 'NOT');
  }
}

/** One element of a CREATE TABLE body in `[from, to)`. */
function readTableElement(c: Cursor, from: number, to: number, table: QName): ElementRead | undefined {
  return c.within(from, to, () => {
    if (c.done) {
      c.issues++;
      return undefined;
    }
    let el: ElementRead | undefined;
    if (isTableElement(c)) el = readTableConstraint(c, table);
    else {
      const col = readColumn(c);
      if (col) el = { kind: 'column', column: col.column, constraints: col.constraints };
    }
    while (!c.done) c.unknown(); // trailing tokens this grammar does not place
    return el;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// statements

interface StatementCtx {
  c: Cursor;
  span: Span;
  facts: Fact[];
}

/**
 * Lowers one statement's tokens (comments included or not) to facts. `text` is the statement text the tokens'
 * offsets refer to, `base` its offset in the file. Never throws on any input (callers still guard).
 */
export function lowerStatement(tokens: readonly Token[], text: string, base: number, dialect: Dialect, mode: WalkMode): Fact[] {
  const toks = significant(tokens);
  if (toks.length === 0) return [];
  const c = new Cursor(toks, text, base, dialect, mode);
  const ctx: StatementCtx = { c, span: c.span(0, toks.length - 1), facts: [] };
  const w = c.w();
  c.pos = 1;
  switch (w) {
    case 'CREATE':
      create(ctx);
      break;
    case 'ALTER':
      if (c.eat('TABLE') || c.eat('ONLINE', 'TABLE') || c.eat('IGNORE', 'TABLE') || c.eat('ONLINE', 'IGNORE', 'TABLE')) alterTable(ctx);
      else if (c.eat('DATABASE') || c.eat('SCHEMA')) database(ctx, false);
      break;
    case 'DROP':
      drop(ctx);
      break;
    case 'RENAME':
      if (c.eat('TABLE') || c.eat('TABLES')) renameTables(ctx);
      break;
    case 'TRUNCATE':
      if (dialect === 'mysql') truncate(ctx);
      break;
    case 'START':
      if (c.eat('TRANSACTION')) ctx.facts.push({ kind: 'transaction', control: 'begin', span: ctx.span });
      break;
    case 'BEGIN':
      if (c.done || c.eat('WORK') || c.eat('TRANSACTION') || c.eat('DEFERRED') || c.eat('IMMEDIATE') || c.eat('EXCLUSIVE')) {
        c.eat('TRANSACTION');
        if (c.done) ctx.facts.push({ kind: 'transaction', control: 'begin', span: ctx.span });
      }
      break;
    case 'COMMIT':
    case 'END':
      if (w === 'END' && dialect !== 'sqlite') break;
      c.eat('WORK') || c.eat('TRANSACTION');
      if (c.done || c.is('AND')) ctx.facts.push({ kind: 'transaction', control: 'commit', span: ctx.span });
      break;
    case 'ROLLBACK':
      c.eat('WORK') || c.eat('TRANSACTION');
      if (c.done || c.is('AND')) ctx.facts.push({ kind: 'transaction', control: 'rollback', span: ctx.span });
      break;
  }
  return ctx.facts;
}

/**
 * Whether the statement (significant tokens) is one `lowerStatement` can get facts from, judged by its head only:
 * CREATE TABLE/INDEX/VIEW/DATABASE/SCHEMA, ALTER TABLE/DATABASE/SCHEMA, DROP TABLE/INDEX/VIEW, RENAME TABLE and
 * transaction control. Lets callers skip a real parser for everything else (DML, triggers, routines).
 */
export function isSchemaStatement(toks: readonly Token[], dialect: Dialect): boolean {
  const w = (k: number): string | undefined => (toks[k]?.kind === 'word' ? toks[k].value : undefined);
  switch (w(0)) {
    case 'CREATE': {
      for (let k = 1; k < toks.length && k < 40; k++) {
        const v = w(k);
        if (v && CREATE_OBJECTS.has(v)) return v === 'TABLE' || v === 'INDEX' || v === 'VIEW' || v === 'DATABASE' || v === 'SCHEMA' || v === 'UNIQUE' || v === 'FULLTEXT' || v === 'SPATIAL';
      }
      return false;
    }
    case 'ALTER':
      return ['TABLE', 'ONLINE', 'IGNORE', 'DATABASE', 'SCHEMA'].includes(w(1) ?? '');
    case 'DROP':
      return ['TABLE', 'TABLES', 'TEMPORARY', 'INDEX', 'VIEW'].includes(w(1) ?? '') || (dialect === 'mysql' && (w(1) === 'DATABASE' || w(1) === 'SCHEMA'));
    case 'TRUNCATE':
      return dialect === 'mysql';
    case 'RENAME':
      return w(1) === 'TABLE' || w(1) === 'TABLES';
    case 'START':
    case 'BEGIN':
    case 'COMMIT':
    case 'ROLLBACK':
      return true;
    case 'END':
      return dialect === 'sqlite';
    default:
      return false;
  }
}

/** Words that say what a CREATE statement creates; everything before them is a modifier. */
const CREATE_OBJECTS = words(
  'TABLE INDEX VIEW DATABASE SCHEMA TRIGGER PROCEDURE FUNCTION EVENT USER ROLE SEQUENCE TYPE EXTENSION ' +
    'SERVER TABLESPACE LOGFILE DOMAIN RULE POLICY AGGREGATE SPATIAL FULLTEXT UNIQUE',
);

function create(ctx: StatementCtx): void {
  const { c } = ctx;
  let temporary = false;
  let virtual = false;
  let foreign = false;
  // modifiers: OR REPLACE, TEMP[ORARY], GLOBAL/LOCAL, UNLOGGED, VIRTUAL, ALGORITHM=..., DEFINER=..., SQL SECURITY ...
  while (!c.done) {
    const w = c.w();
    if (w && CREATE_OBJECTS.has(w)) break;
    if (w === 'TEMPORARY' || w === 'TEMP') temporary = true;
    else if (w === 'VIRTUAL') virtual = c.dialect === 'sqlite';
    else if (w === 'FOREIGN') foreign = c.dialect === 'postgresql';
    else if (w === 'MATERIALIZED') {
      if (c.w(1) === 'VIEW') break;
    }
    c.pos++;
  }
  const kwTo = c.pos;
  const w = c.w();
  if (w === 'TABLE') {
    c.pos++;
    createTable(ctx, temporary, virtual, foreign, c.span(0, kwTo));
  } else if (w === 'UNIQUE' || w === 'FULLTEXT' || w === 'SPATIAL' || w === 'INDEX') {
    createIndex(ctx);
  } else if (w === 'VIEW' || (w === 'MATERIALIZED' && c.w(1) === 'VIEW')) {
    const materialized = w === 'MATERIALIZED';
    c.pos += materialized ? 2 : 1;
    c.eat('IF', 'NOT', 'EXISTS');
    const name = readQName(c);
    if (!name) return;
    const fact: Fact = { kind: 'createView', name: name.name, span: ctx.span, nameSpan: name.span };
    if (materialized) fact.materialized = true;
    ctx.facts.push(fact);
  } else if (w === 'DATABASE' || w === 'SCHEMA') {
    c.pos++;
    c.eat('IF', 'NOT', 'EXISTS');
    if (isIdent(c.peek())) c.pos++;
    database(ctx, true);
  }
}

/** `[DEFAULT] CHARACTER SET [=] x`, `[DEFAULT] COLLATE [=] y` ... after CREATE/ALTER DATABASE [name]. */
function database(ctx: StatementCtx, created: boolean): void {
  const { c } = ctx;
  if (!created && isIdent(c.peek()) && !isDatabaseOption(c)) c.pos++;
  let charset: { value: string; span: Span } | undefined;
  let collation: { value: string; span: Span } | undefined;
  while (!c.done) {
    c.eat('DEFAULT');
    if (c.eat('CHARACTER', 'SET') || c.eat('CHARSET')) {
      c.eatOp('=');
      charset = readValueSpan(c) ?? charset;
    } else if (c.eat('COLLATE')) {
      c.eatOp('=');
      collation = readValueSpan(c) ?? collation;
    } else c.skip();
  }
  if (charset === undefined && collation === undefined) return;
  const fact: Fact = { kind: 'database', span: ctx.span };
  if (charset !== undefined) fact.charset = charset.value;
  if (collation !== undefined) fact.collation = collation.value;
  if (charset !== undefined) fact.charsetSpan = charset.span;
  if (collation !== undefined) fact.collationSpan = collation.span;
  ctx.facts.push(fact);
}

function isDatabaseOption(c: Cursor): boolean {
  const w = c.w();
  return w === 'DEFAULT' || w === 'CHARACTER' || w === 'CHARSET' || w === 'COLLATE' || w === 'ENCRYPTION' || w === 'READ';
}

function createTable(ctx: StatementCtx, temporary: boolean, virtual: boolean, foreign: boolean, keyword: Span): void {
  const { c } = ctx;
  const ifNotExists = c.eat('IF', 'NOT', 'EXISTS');
  const name = readQName(c);
  if (!name) return;
  const table: TableDef = {
    name: name.name,
    columns: [],
    constraints: [],
    indexes: [],
    origin: { file: NO_FILE, span: ctx.span, parts: { name: name.span, keyword } },
  };
  if (temporary) table.temporary = true;
  if (foreign) table.virtual = true;
  if (virtual) {
    if (!virtualTable(c, table)) return;
  } else {
    // CREATE TABLE ... LIKE other / AS SELECT / PARTITION OF: the columns come from elsewhere.
    if (c.kind() !== 'lparen') return;
    const open = c.pos;
    const close = c.close[open];
    const bodyEnd = close >= 0 ? close : c.end;
    let autoincrement: string | undefined;
    for (const r of c.commaSplit(open + 1, bodyEnd)) {
      const terminated = close >= 0 || r.to < bodyEnd;
      const before = c.issues;
      const el = readTableElement(c, r.from, r.to, table.name);
      if (el?.kind === 'like') return;
      if (!el) continue;
      if (c.mode === 'recover' && (c.issues > before || !terminated || c.hasUnterminated(r.from, r.to))) continue;
      if (el.kind === 'column') {
        table.columns.push(el.column);
        table.constraints.push(...el.constraints);
      } else if (el.kind === 'constraint') {
        table.constraints.push(el.constraint);
        if (el.autoincrement !== undefined) autoincrement = el.autoincrement;
      } else table.indexes.push(el.index);
    }
    const auto = autoincrement === undefined ? undefined : table.columns.find((col) => col.name === autoincrement);
    if (auto) auto.autoIncrement = 'autoincrement';
    const empty = !table.columns.length && !table.constraints.length && !table.indexes.length;
    // recovery: `CREATE TABLE t (` or `(id bigint primary ke)` while typing: nothing known yet
    if (c.mode === 'recover' && empty && (close < 0 || close > open + 1)) return;
    if (c.mode === 'recover' && close < 0) table.unclosed = true;
    if (close >= 0) {
      c.pos = close + 1;
      if (!tableOptions(c, table)) return;
    }
  }
  const fact: Fact = { kind: 'createTable', table, span: ctx.span };
  if (ifNotExists) fact.ifNotExists = true;
  ctx.facts.push(fact);
}

/** SQLite `USING module(args)`: the module's plain identifier arguments become columns without a type. */
function virtualTable(c: Cursor, table: TableDef): boolean {
  table.virtual = true;
  if (!c.eat('USING') || !isIdent(c.peek())) return false;
  c.pos++;
  if (c.kind() !== 'lparen') return true;
  const open = c.pos;
  const close = c.closeOf(open);
  if (close < 0) return c.mode === 'trusted';
  for (const r of c.commaSplit(open + 1, close)) {
    const t = c.toks[r.from];
    if (r.to <= r.from || !isIdent(t)) continue;
    let option = false;
    for (let i = r.from; i < r.to; i++) if (c.toks[i].kind === 'op') option = true; // tokenize = 'porter', prefix = 2
    if (option) continue;
    const nameSpan = c.span(r.from, r.from);
    table.columns.push({
      name: identText(c, t),
      rawType: '',
      type: normalizeType('', c.dialect),
      nullable: true,
      origin: { file: NO_FILE, span: c.span(r.from, r.to - 1), parts: { name: nameSpan } },
    });
  }
  c.pos = close + 1;
  return true;
}

/** Table options after `)`. False when the statement turns out to be CREATE TABLE ... AS SELECT. */
function tableOptions(c: Cursor, table: TableDef): boolean {
  while (!c.done) {
    if (c.kind() === 'comma') {
      c.pos++;
      continue;
    }
    const w = c.w();
    // CREATE TABLE t (...) [AS] SELECT ...: the query adds columns this walk cannot know
    if (w === 'AS' || w === 'SELECT' || w === 'IGNORE' || w === 'REPLACE' || c.kind() === 'lparen') return false;
    if (w === 'PARTITION' && c.w(1) === 'BY') {
      table.partitioned = true;
      return true; // the partitioning clause runs to the end: nothing more for the model
    }
    if (w === 'INHERITS' && c.dialect === 'postgresql') {
      c.pos++;
      if (c.kind() !== 'lparen') return true;
      const close = c.closeOf(c.pos);
      if (close < 0) return true;
      const parents: QName[] = [];
      for (const r of c.commaSplit(c.pos + 1, close)) {
        c.within(r.from, r.to, () => {
          const n = readQName(c);
          if (n && c.done) parents.push(n.name);
        });
      }
      c.pos = close + 1;
      if (parents.length) table.inherits = parents;
      continue;
    }
    if (w === 'SERVER') return true;
    if (c.eat('WITHOUT', 'ROWID')) {
      table.withoutRowid = true;
      continue;
    }
    if (c.eat('STRICT')) continue;
    c.eat('DEFAULT');
    if (c.eat('ENGINE') || c.eat('TYPE')) {
      c.eatOp('=');
      const v = readValueName(c);
      if (v !== undefined) table.engine = v;
    } else if (c.eat('CHARACTER', 'SET') || c.eat('CHARSET')) {
      c.eatOp('=');
      const v = readValueSpan(c);
      if (v !== undefined) {
        table.charset = v.value;
        if (c.dialect === 'mysql') table.origin.parts!.charset = v.span;
      }
    } else if (c.eat('COLLATE')) {
      c.eatOp('=');
      const v = readValueSpan(c);
      if (v !== undefined) {
        table.collation = v.value;
        if (c.dialect === 'mysql') table.origin.parts!.collation = v.span;
      }
    } else if (c.eat('COMMENT')) {
      c.eatOp('=');
      const t = c.peek();
      if (t?.kind === 'string') {
        table.comment = stringValue(c, t);
        c.pos++;
      }
    } else if (c.w()) {
      // any other `NAME [=] value`: AUTO_INCREMENT=16, ROW_FORMAT=DYNAMIC, TABLESPACE x, DATA DIRECTORY='...'
      c.pos++;
      if (c.eatOp('=')) c.skip();
      else if (c.kind() === 'lparen') c.skip();
    } else c.skip();
  }
  return true;
}

function createIndex(ctx: StatementCtx): void {
  const { c } = ctx;
  const kwFrom = c.pos;
  const w = c.w();
  let unique = false;
  let method: string | undefined;
  if (w === 'UNIQUE') unique = true;
  else if (w === 'FULLTEXT') method = 'fulltext';
  else if (w === 'SPATIAL') method = 'spatial';
  if (w !== 'INDEX') c.pos++;
  if (!c.eat('INDEX')) return;
  const keyword = c.span(kwFrom, c.pos - 1);
  const concurrently = c.dialect === 'postgresql' && c.eat('CONCURRENTLY');
  const ifNotExists = c.eat('IF', 'NOT', 'EXISTS');
  let name: NameRead | undefined;
  if (!c.is('ON') || c.w(1) === 'ON') {
    name = readQName(c);
    if (!name && c.dialect !== 'postgresql') return;
  }
  const opts: { method?: string } = {};
  readIndexOptions(c, opts); // MySQL: USING BTREE before ON
  if (!c.eat('ON')) return;
  if (c.dialect === 'postgresql') c.eat('ONLY');
  const table = readQName(c);
  if (!table) return;
  if (c.dialect === 'postgresql' && c.eat('USING')) {
    const m = c.w();
    if (!m) return;
    opts.method = m.toLowerCase();
    c.pos++;
  }
  const before = c.issues;
  const keys = readKeys(c);
  if (!keys) return;
  if (c.mode === 'recover' && c.issues > before) return;
  readIndexOptions(c, opts);
  // SQLite: the index name's schema qualifier places the table too
  const tableName: QName = c.dialect === 'sqlite' && name?.name.schema && !table.name.schema ? { schema: name.name.schema, name: table.name.name } : table.name;
  const parts: Parts = { keyword, columns: keys.span };
  if (name) parts.name = name.span;
  const index: IndexDef = { table: tableName, keys: keys.keys.map(stripKey), unique, origin: { file: NO_FILE, span: ctx.span, parts } };
  if (name) index.name = name.name.name;
  if (method ?? opts.method) index.method = method ?? opts.method;
  if (concurrently) index.concurrently = true;
  while (!c.done) {
    if (c.eat('WHERE')) {
      const from = c.pos;
      if (c.done) return;
      index.where = c.norm(from, c.end - 1);
      parts.predicate = c.span(from, c.end - 1);
      c.pos = c.end;
    } else if (c.eat('INCLUDE')) {
      const list = readIdentList(c);
      if (!list) return;
      index.include = list.names;
    } else if (c.eat('ALGORITHM') || c.eat('LOCK')) {
      c.eatOp('=');
      c.pos++;
    } else if (c.eat('NULLS', 'NOT', 'DISTINCT') || c.eat('NULLS', 'DISTINCT')) {
      /* no model field */
    } else if (c.eat('WITH') || c.eat('TABLESPACE')) {
      c.skip();
    } else {
      if (c.mode === 'recover') return;
      c.skip();
    }
  }
  const fact: Fact = { kind: 'createIndex', index, span: ctx.span };
  if (ifNotExists) fact.ifNotExists = true;
  ctx.facts.push(fact);
}

function drop(ctx: StatementCtx): void {
  const { c } = ctx;
  c.eat('TEMPORARY');
  if (c.eat('TABLE') || c.eat('TABLES')) {
    const ifExists = c.eat('IF', 'EXISTS');
    const tables = nameList(c);
    if (!tables.length) return;
    const fact: Fact = { kind: 'dropTable', tables, span: ctx.span };
    if (ifExists) fact.ifExists = true;
    ctx.facts.push(fact);
  } else if (c.eat('VIEW')) {
    c.eat('IF', 'EXISTS');
    const names = nameList(c);
    if (names.length) ctx.facts.push({ kind: 'dropView', names, span: ctx.span });
  } else if (c.eat('INDEX')) {
    const concurrently = c.dialect === 'postgresql' && c.eat('CONCURRENTLY');
    const ifExists = c.eat('IF', 'EXISTS');
    const names = nameList(c);
    if (!names.length) return;
    const fact: Fact = { kind: 'dropIndex', names, span: ctx.span };
    if (c.eat('ON')) {
      const t = readQName(c);
      if (!t) return;
      fact.table = t.name;
    }
    if (ifExists) fact.ifExists = true;
    if (concurrently) fact.concurrently = true;
    ctx.facts.push(fact);
  } else if (c.dialect === 'mysql' && (c.eat('DATABASE') || c.eat('SCHEMA'))) {
    // A MySQL database is what other dialects call a schema: its tables go with it.
    const ifExists = c.eat('IF', 'EXISTS');
    const n = c.peek();
    if (!isIdent(n) || c.peek(1)) return;
    const fact: Fact = { kind: 'dropSchema', names: [identText(c, n)], cascade: true, span: ctx.span };
    if (ifExists) fact.ifExists = true;
    ctx.facts.push(fact);
  }
}

/** MySQL `TRUNCATE [TABLE] t` (only migration files reach here: the file layer skips it elsewhere). */
function truncate(ctx: StatementCtx): void {
  const { c } = ctx;
  c.eat('TABLE');
  const tables = nameList(c);
  if (tables.length && c.done) ctx.facts.push({ kind: 'truncate', tables, span: ctx.span });
}

function nameList(c: Cursor): QName[] {
  const out: QName[] = [];
  for (;;) {
    const n = readQName(c);
    if (!n) break;
    out.push(n.name);
    if (c.kind() !== 'comma') break;
    c.pos++;
  }
  return out;
}

/** MySQL `RENAME TABLE a TO b, c TO d`: one renameTable fact per pair, spanning the pair. */
function renameTables(ctx: StatementCtx): void {
  const { c } = ctx;
  for (const r of c.commaSplit(c.pos, c.end)) {
    c.within(r.from, r.to, () => {
      const from = readQName(c);
      if (!from || !c.eat('TO')) return;
      const to = readQName(c);
      if (!to || !c.done) return;
      ctx.facts.push({ kind: 'renameTable', from: from.name, to: to.name, span: c.span(r.from, r.to - 1) });
    });
  }
}

function alterTable(ctx: StatementCtx): void {
  const { c } = ctx;
  const ifExists = c.eat('IF', 'EXISTS');
  c.eat('ONLY');
  const name = readQName(c);
  if (!name) return;
  const actions: AlterAction[] = [];
  const segments = c.commaSplit(c.pos, c.end);
  for (let i = 0; i < segments.length; i++) {
    const r = segments[i];
    const before = c.issues;
    const got = c.within(r.from, r.to, () => alterAction(c, name.name));
    if (c.mode === 'recover' && (c.issues > before || c.hasUnterminated(r.from, r.to))) continue;
    actions.push(...got);
  }
  if (!actions.length) return;
  const fact: Fact = { kind: 'alterTable', table: name.name, actions, span: ctx.span, nameSpan: name.span };
  if (ifExists) fact.ifExists = true;
  ctx.facts.push(fact);
}

/** One comma-separated ALTER TABLE clause (pos..end). May yield several actions (`ADD (a int, b int)`, options). */
function alterAction(c: Cursor, table: QName): AlterAction[] {
  const from = c.pos;
  const clause = (): Span => c.span(from, Math.max(from, c.pos - 1));
  const done = (actions: AlterAction[]): AlterAction[] => {
    // MySQL column position: an added column that is not last cannot be added INSTANT before 8.0.29
    if (c.dialect === 'mysql') {
      const position = c.eat('FIRST') ? 'first' : c.eat('AFTER') ? 'after' : undefined;
      if (position === 'after') {
        if (isIdent(c.peek())) c.pos++;
        else c.issues++;
      }
      if (position) for (const a of actions) if (a.action === 'addColumn') a.position = position;
    }
    c.eat('CASCADE') || c.eat('RESTRICT');
    while (!c.done) c.unknown();
    // clause spans cover what followed (CASCADE, ...)
    for (const a of actions) if ('span' in a && a.span.start === c.span(from, from).start) a.span = clause();
    return actions;
  };
  const w = c.w();
  if (!w) {
    c.unknown();
    return [];
  }
  if (w === 'ADD') {
    c.pos++;
    if (c.eat('COLUMN') || !isTableElementAfterAdd(c)) {
      const ifNotExists = c.eat('IF', 'NOT', 'EXISTS');
      if (c.kind() === 'lparen' && c.dialect === 'mysql') {
        // ADD (a int, b int)
        const open = c.pos;
        const close = c.closeOf(open);
        if (close < 0) {
          c.issues++;
          return [];
        }
        const out: AlterAction[] = [];
        for (const r of c.commaSplit(open + 1, close)) {
          const col = c.within(r.from, r.to, () => {
            const got = readColumn(c);
            while (!c.done) c.unknown();
            return got;
          });
          if (col) out.push({ action: 'addColumn', column: col.column, constraints: col.constraints });
        }
        c.pos = close + 1;
        return done(out);
      }
      const col = readColumn(c);
      if (!col) return [];
      const a: AlterAction = { action: 'addColumn', column: col.column, constraints: col.constraints };
      if (ifNotExists) a.ifNotExists = true;
      return done([a]);
    }
    const el = readTableConstraint(c, table);
    if (!el || el.kind === 'like' || el.kind === 'column') return done([]);
    if (el.kind === 'index') return done([{ action: 'addIndex', index: el.index }]);
    return done([{ action: 'addConstraint', constraint: el.constraint }]);
  }
  if (w === 'DROP') {
    c.pos++;
    if (c.eat('PRIMARY', 'KEY')) return done([{ action: 'dropPrimaryKey', span: clause() }]);
    if (c.eat('FOREIGN', 'KEY') || c.eat('CONSTRAINT') || c.eat('CHECK')) {
      c.eat('IF', 'EXISTS');
      const name = takeIdent(c);
      if (name === undefined) return [];
      return done([{ action: 'dropConstraint', name, span: clause() }]);
    }
    if (c.eat('INDEX') || c.eat('KEY')) {
      const name = takeIdent(c);
      if (name === undefined) return [];
      return done([{ action: 'dropIndex', name, span: clause() }]);
    }
    c.eat('COLUMN');
    c.eat('IF', 'EXISTS');
    const name = takeIdent(c);
    if (name === undefined) return [];
    return done([{ action: 'dropColumn', name, span: clause() }]);
  }
  if (w === 'MODIFY' || w === 'CHANGE') {
    if (c.dialect !== 'mysql') {
      c.unknown();
      return [];
    }
    c.pos++;
    c.eat('COLUMN');
    let old: string | undefined;
    if (w === 'CHANGE') {
      const n = c.peek();
      if (!isIdent(n)) {
        c.issues++;
        return [];
      }
      old = identText(c, n);
      c.pos++;
    }
    const col = readColumn(c);
    if (!col) return [];
    return done([{ action: 'modifyColumn', from: old ?? col.column.name, column: col.column, constraints: col.constraints }]);
  }
  if (w === 'RENAME') {
    c.pos++;
    // RENAME [COLUMN] a TO b (COLUMN is optional in SQLite and PG); MySQL `RENAME [TO|AS] t` renames the table
    if (c.eat('COLUMN') || (isIdent(c.peek()) && c.w() !== 'TO' && c.w() !== 'AS' && c.w(1) === 'TO')) {
      const a = c.peek();
      const b = c.peek(2);
      if (!isIdent(a) || c.w(1) !== 'TO' || !isIdent(b)) {
        c.issues++;
        return [];
      }
      c.pos += 3;
      return done([{ action: 'renameColumn', from: identText(c, a), to: identText(c, b), span: clause() }]);
    }
    if (c.eat('INDEX') || c.eat('KEY') || (c.dialect === 'postgresql' && c.eat('CONSTRAINT'))) {
      const isConstraint = c.toks[c.pos - 1].value === 'CONSTRAINT';
      const a = c.peek();
      if (!isIdent(a) || c.w(1) !== 'TO' || !isIdent(c.peek(2))) {
        c.issues++;
        return [];
      }
      const b = c.peek(2)!;
      c.pos += 3;
      if (isConstraint) return done([]); // no model action for a constraint rename
      return done([{ action: 'renameIndex', from: identText(c, a), to: identText(c, b), span: clause() }]);
    }
    c.eat('TO') || c.eat('AS');
    const to = readQName(c);
    if (!to) {
      c.issues++;
      return [];
    }
    return done([{ action: 'renameTable', to: to.name, span: clause() }]);
  }
  if (w === 'ALTER') {
    c.pos++;
    if (c.eat('INDEX') || c.eat('CHECK') || c.eat('CONSTRAINT')) {
      // ALTER INDEX i [IN]VISIBLE, ALTER CHECK c [NOT] ENFORCED: nothing for the model
      if (c.mode === 'recover') c.issues++;
      c.pos = c.end;
      return [];
    }
    c.eat('COLUMN');
    const n = c.peek();
    if (!isIdent(n)) {
      c.issues++;
      return [];
    }
    c.pos++;
    const colName = identText(c, n);
    if (c.eat('SET', 'DEFAULT')) {
      const e = readExpr(c);
      if (!e) {
        c.issues++;
        return [];
      }
      return done([{ action: 'setDefault', name: colName, default: c.src(e.from, e.to), span: clause() }]);
    }
    if (c.eat('DROP', 'DEFAULT')) return done([{ action: 'dropDefault', name: colName, span: clause() }]);
    if (c.eat('SET', 'VISIBLE') || c.eat('SET', 'INVISIBLE')) return done([]);
    c.unknown();
    return [];
  }
  if (c.dialect === 'mysql') return tableOptionActions(c, from);
  c.unknown();
  return [];
}

/** After ADD: a table constraint/index rather than a column (COLUMN is optional in every dialect). */
function isTableElementAfterAdd(c: Cursor): boolean {
  const w = c.w();
  if (w === 'INDEX' || w === 'KEY' || w === 'FULLTEXT' || w === 'SPATIAL') return c.dialect === 'mysql';
  if (w === 'UNIQUE') return true;
  return isTableElement(c);
}

/** MySQL ALTER TABLE options: ENGINE=, [DEFAULT] CHARSET=, CONVERT TO CHARACTER SET x [COLLATE y], COLLATE= ... */
function tableOptionActions(c: Cursor, from: number): AlterAction[] {
  const opts: { engine?: string; charset?: string; collation?: string; convert?: boolean; charsetSpan?: Span; collationSpan?: Span } = {};
  let known = false;
  while (!c.done) {
    if (c.eat('CONVERT', 'TO')) {
      if (!(c.eat('CHARACTER', 'SET') || c.eat('CHARSET'))) {
        c.issues++;
        return [];
      }
      const v = readValueSpan(c);
      if (v === undefined) {
        c.issues++;
        return [];
      }
      opts.charset = v.value;
      opts.charsetSpan = v.span;
      opts.convert = true;
      known = true;
      continue;
    }
    c.eat('DEFAULT');
    if (c.eat('ENGINE')) {
      c.eatOp('=');
      const v = readValueName(c);
      if (v !== undefined) opts.engine = v;
      known = true;
    } else if (c.eat('CHARACTER', 'SET') || c.eat('CHARSET')) {
      c.eatOp('=');
      const v = readValueSpan(c);
      if (v !== undefined) {
        opts.charset = v.value;
        opts.charsetSpan = v.span;
      }
      known = true;
    } else if (c.eat('COLLATE')) {
      c.eatOp('=');
      const v = readValueSpan(c);
      if (v !== undefined) {
        opts.collation = v.value;
        opts.collationSpan = v.span;
      }
      known = true;
    } else if (c.w() && (c.isOp('=', 1) || /^(ALGORITHM|LOCK|AUTO_INCREMENT|ROW_FORMAT|COMMENT|KEY_BLOCK_SIZE|STATS_\w+|FORCE)$/.test(c.w()!))) {
      c.pos++;
      if (c.eatOp('=') || (!c.done && c.kind() !== 'word')) c.skip();
      known = true;
    } else {
      c.unknown();
    }
  }
  if (opts.engine === undefined && opts.charset === undefined && opts.collation === undefined) {
    if (!known) c.issues++;
    return [];
  }
  const { charsetSpan, collationSpan, convert, ...values } = opts;
  const action: AlterAction = { action: 'setOptions', ...values, span: c.span(from, c.pos - 1) };
  if (convert) action.convert = true;
  if (charsetSpan) action.charsetSpan = charsetSpan;
  if (collationSpan) action.collationSpan = collationSpan;
  return [action];
}
