/**
 * Prisma schema syntax: a tolerant lexer and parser for `.prisma` files, with exact spans (UTF-16 offsets into the
 * file text). Syntax only: what a name means (a model, an enum, a scalar) is decided by `prisma.ts`.
 *
 * Follows the PSL grammar (prisma-engines `datamodel.pest`): one member per line (a field, an enum value, a block
 * attribute `@@x(…)`, or `key = value` in datasource/generator blocks); argument lists stay on one line, arrays may
 * span lines; strings stop at the end of their line. While a schema is being typed, a block without its `}` ends
 * where the next block starts (`model X {` at the start of a line), an unreadable token costs the rest of its line
 * only, an unterminated string or argument list ends at its line. Never throws.
 *
 * Hand-written rather than `@mrleebo/prisma-ast` 0.15: that library throws, with no partial result, on every half-typed
 * input (a field without a type, a missing `}`, an unterminated string, a stray token), and takes 18 ms (median, warm)
 * on the 76 KB langfuse schema with the location tracking spans need; this parser keeps the rest of the file and takes
 * 0.7 ms.
 */
import type { Span } from '../model/types';
import { commonPrefix, commonSuffix } from './file';

export interface PrismaName {
  text: string;
  span: Span;
}

export type PrismaExpr =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; text: string; span: Span }
  /** A name: a constant (`Cascade`, `Desc`, `true`), a field reference, an enum value; dotted (`a.b`) when written so. */
  | { kind: 'path'; text: string; span: Span }
  | { kind: 'call'; name: PrismaName; args: PrismaArg[]; span: Span }
  | { kind: 'array'; items: PrismaExpr[]; span: Span };

export interface PrismaArg {
  /** Set for `name: value`. */
  name?: PrismaName;
  /** Absent for `name:` without a value (being typed). */
  value?: PrismaExpr;
  span: Span;
}

export interface PrismaAttribute {
  /** Without its `@`/`@@`: `id`, `default`, `db.VarChar`, `index`. */
  name: string;
  /** The sigil and the name: `@db.VarChar`, `@@index`. */
  nameSpan: Span;
  args: PrismaArg[];
  /** The whole attribute, through its `)` when it has arguments. */
  span: Span;
}

export interface PrismaFieldType {
  /** `String`, `User`, `Role`; `Unsupported` for `Unsupported("…")`. */
  name: string;
  /** The type name alone (without `?` or `[]`); the whole `Unsupported("…")`. */
  span: Span;
  /** The `?` of an optional field. */
  optional?: Span;
  /** The `[]` of a list field. */
  list?: Span;
  /** The database type written inside `Unsupported("…")`. */
  unsupported?: string;
}

/** A model, view or composite-type field; in an enum, a value (no type). */
export interface PrismaField {
  kind: 'field';
  name: PrismaName;
  type?: PrismaFieldType;
  attributes: PrismaAttribute[];
  /** From the name to the last token of the line, without a trailing comment. */
  span: Span;
}

export interface PrismaBlockAttribute {
  kind: 'attribute';
  attribute: PrismaAttribute;
  span: Span;
}

/** `key = value` in a datasource or generator block. */
export interface PrismaAssignment {
  kind: 'assignment';
  key: PrismaName;
  value?: PrismaExpr;
  span: Span;
}

export type PrismaMember = PrismaField | PrismaBlockAttribute | PrismaAssignment;

export type PrismaBlockKind = 'model' | 'enum' | 'view' | 'type' | 'datasource' | 'generator';

export interface PrismaBlock {
  kind: PrismaBlockKind;
  keyword: Span;
  /** Absent while being typed (`model {`). */
  name?: PrismaName;
  members: PrismaMember[];
  /** From the keyword through the `}`; without a `}`, through the last token of the block. */
  span: Span;
  /** The closing `}` was found. */
  closed: boolean;
  /** The first thing in the block that could not be read, when any (a stray token, an unterminated string …). */
  problem?: string;
  /** The `//` and `///` comment lines directly above the keyword (no blank line between). */
  leadingComments: Span[];
}

export interface PrismaFile {
  path: string;
  text: string;
  blocks: PrismaBlock[];
  /** Every `//` comment (doc comments `///` included), through the end of its line, in file order. */
  comments: Span[];
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

const enum T {
  Ident,
  Number,
  String,
  Punct,
  Newline,
}

interface Token {
  t: T;
  start: number;
  end: number;
  /** Ident/Number: the text; String: the unescaped value; Punct: the character(s). */
  v: string;
  /** String: no closing quote on its line. */
  open?: boolean;
}

/** ASCII letters, digits, `_`, `-` (the grammar's identifiers) and, to keep a mistyped name one token, any non-ASCII. */
function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c > 127;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** JSON-style escapes, as the PSL grammar reads strings: `\"` → `"`, `\n` → newline. */
function unescapeString(raw: string): string {
  return raw.replace(/\\(.)/g, (_, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e));
}

/** Tokens of `text` from `from` (a line start) to `to` (a line start, or the end), with offsets into `text`. */
function lex(text: string, comments: Span[], from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const n = to;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xfeff) {
      i++;
    } else if (c === 10 || c === 13) {
      const start = i;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      out.push({ t: T.Newline, start, end: i, v: '\n' });
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const start = i;
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ start, end: i });
    } else if (c === 34) {
      const start = i++;
      let escaped = false;
      let open = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34) {
          open = false;
          break;
        }
        if (d === 10 || d === 13) break;
        if (d === 92 && i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) {
          escaped = true;
          i++;
        }
        i++;
      }
      const raw = text.slice(start + 1, i);
      if (!open) i++;
      out.push({ t: T.String, start, end: i, v: escaped ? unescapeString(raw) : raw, open: open || undefined });
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const start = i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      // The grammar's identifiers may start with a digit (`1st`); a number is digits only.
      if (i < n && isIdentChar(text.charCodeAt(i)) && c !== 45) {
        while (i < n && isIdentChar(text.charCodeAt(i))) i++;
        out.push({ t: T.Ident, start, end: i, v: text.slice(start, i) });
      } else {
        out.push({ t: T.Number, start, end: i, v: text.slice(start, i) });
      }
    } else if (isIdentChar(c) && c !== 45) {
      const start = i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      out.push({ t: T.Ident, start, end: i, v: text.slice(start, i) });
    } else if (c === 64 && text.charCodeAt(i + 1) === 64) {
      out.push({ t: T.Punct, start: i, end: i + 2, v: '@@' });
      i += 2;
    } else if (c === 91 && text.charCodeAt(i + 1) === 93) {
      // `[]` after a type: one token, so that `String[]` is not read as an array expression.
      out.push({ t: T.Punct, start: i, end: i + 2, v: '[]' });
      i += 2;
    } else {
      out.push({ t: T.Punct, start: i, end: i + 1, v: text[i] });
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

const BLOCK_KEYWORDS = new Set<string>(['model', 'enum', 'view', 'type', 'datasource', 'generator']);

class Parser {
  private i = 0;
  private problem: string | undefined;

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  parse(): PrismaBlock[] {
    const blocks: PrismaBlock[] = [];
    const toks = this.toks;
    while (this.i < toks.length) {
      const t = toks[this.i];
      if (t.t === T.Newline || (t.t === T.Punct && t.v === '}')) {
        this.i++; // a stray `}` alone: `}model B {` still starts a block
      } else if (this.blockStartsAt(this.i)) {
        blocks.push(this.block());
      } else {
        // Top-level text that is no block (a block keyword without `{` yet, junk): skip its line.
        this.skipLine(false);
      }
    }
    return blocks;
  }

  /**
   * `model Name {` / `model {` on one line, the keyword first on its line or right after a `}` (so a field named
   * `type` never matches).
   */
  private blockStartsAt(k: number): boolean {
    const toks = this.toks;
    const t = toks[k];
    if (t.t !== T.Ident || !BLOCK_KEYWORDS.has(t.v)) return false;
    const before = toks[k - 1];
    if (before && before.t !== T.Newline && !(before.t === T.Punct && before.v === '}')) return false;
    const a = toks[k + 1];
    if (a?.t === T.Punct && a.v === '{') return true;
    const b = toks[k + 2];
    return a?.t === T.Ident && b?.t === T.Punct && b.v === '{';
  }

  private block(): PrismaBlock {
    const toks = this.toks;
    const kw = toks[this.i++];
    const kind = kw.v as PrismaBlockKind;
    let name: PrismaName | undefined;
    if (toks[this.i].t === T.Ident) {
      const nt = toks[this.i++];
      name = { text: nt.v, span: { start: nt.start, end: nt.end } };
    }
    let end = toks[this.i].end; // the `{`
    this.i++;
    this.problem = name ? undefined : `\`${kind}\` without a name`;
    const members: PrismaMember[] = [];
    let closed = false;
    while (this.i < toks.length) {
      const t = toks[this.i];
      if (t.t === T.Newline) {
        this.i++;
        continue;
      }
      if (t.t === T.Punct && t.v === '}') {
        end = t.end;
        this.i++;
        closed = true;
        break;
      }
      if (this.blockStartsAt(this.i)) break;
      const m = this.member(kind);
      if (m) {
        members.push(m);
        end = m.span.end;
      }
      // Whatever is left on the line could not be read (a `}` ends the block instead).
      if (this.i < toks.length && toks[this.i].t !== T.Newline && !this.isClose(this.i)) {
        this.note(`unexpected \`${toks[this.i].v}\``);
        end = Math.max(end, this.skipLine(true));
      }
    }
    if (!closed) this.note(`\`${kind}${name ? ' ' + name.text : ''}\` has no closing \`}\``);
    return {
      kind,
      keyword: { start: kw.start, end: kw.end },
      name,
      members,
      span: { start: kw.start, end },
      closed,
      problem: this.problem,
      leadingComments: [],
    };
  }

  private member(kind: PrismaBlockKind): PrismaMember | undefined {
    const t = this.toks[this.i];
    if (t.t === T.Punct && t.v === '@@') {
      const attribute = this.attribute();
      return { kind: 'attribute', attribute, span: attribute.span };
    }
    if (t.t !== T.Ident) return undefined;
    if (kind === 'datasource' || kind === 'generator') return this.assignment();
    return this.field(kind);
  }

  private assignment(): PrismaAssignment {
    const toks = this.toks;
    const k = toks[this.i++];
    const key = { text: k.v, span: { start: k.start, end: k.end } };
    let end = k.end;
    let value: PrismaExpr | undefined;
    if (this.isPunct(this.i, '=')) {
      end = toks[this.i++].end;
      value = this.expr();
      if (value) end = value.span.end;
    } else {
      this.note(`expected \`=\` after \`${k.v}\``);
    }
    return { kind: 'assignment', key, value, span: { start: k.start, end } };
  }

  private field(kind: PrismaBlockKind): PrismaField {
    const toks = this.toks;
    const nt = toks[this.i++];
    const name = { text: nt.v, span: { start: nt.start, end: nt.end } };
    let end = nt.end;
    if (this.isPunct(this.i, ':')) end = toks[this.i++].end; // legacy `name: Type`
    let type: PrismaFieldType | undefined;
    if (kind !== 'enum') {
      type = this.fieldType();
      if (type) end = Math.max(type.span.end, type.optional?.end ?? 0, type.list?.end ?? 0);
      else this.note(`field \`${nt.v}\` has no type`);
    }
    const attributes: PrismaAttribute[] = [];
    while (this.isPunct(this.i, '@')) {
      const a = this.attribute();
      attributes.push(a);
      end = a.span.end;
    }
    return { kind: 'field', name, type, attributes, span: { start: nt.start, end } };
  }

  private fieldType(): PrismaFieldType | undefined {
    const toks = this.toks;
    const t = toks[this.i];
    let type: PrismaFieldType;
    if (t?.t === T.Ident) {
      const path = this.path();
      type = { name: path.text, span: path.span };
      if (path.text === 'Unsupported' && this.isPunct(this.i, '(')) {
        const args = this.args();
        type.span = { start: path.span.start, end: args.end };
        const v = args.args[0]?.value;
        if (v?.kind === 'string') type.unsupported = v.value;
      }
    } else if (t?.t === T.Punct && t.v === '[' && toks[this.i + 1]?.t === T.Ident && this.isPunct(this.i + 2, ']')) {
      // Legacy `[Type]` list.
      const nt = toks[this.i + 1];
      type = { name: nt.v, span: { start: nt.start, end: nt.end }, list: { start: t.start, end: toks[this.i + 2].end } };
      this.i += 3;
    } else {
      return undefined;
    }
    for (;;) {
      const m = toks[this.i];
      if (m?.t !== T.Punct) break;
      if (m.v === '[]') type.list = { start: m.start, end: m.end };
      else if (m.v === '?') type.optional = { start: m.start, end: m.end };
      else if (m.v !== '!') break; // legacy required marker
      this.i++;
    }
    return type;
  }

  /** At `@` or `@@`. */
  private attribute(): PrismaAttribute {
    const toks = this.toks;
    const at = toks[this.i++];
    let name = '';
    let end = at.end;
    if (toks[this.i]?.t === T.Ident) {
      const p = this.path();
      name = p.text;
      end = p.span.end;
    } else {
      this.note(`\`${at.v}\` without an attribute name`);
    }
    const nameSpan = { start: at.start, end };
    let args: PrismaArg[] = [];
    if (name && this.isPunct(this.i, '(')) {
      const r = this.args();
      args = r.args;
      end = r.end;
    }
    return { name, nameSpan, args, span: { start: at.start, end } };
  }

  /** Identifier(s) joined by `.` (`db.VarChar`). At an identifier. */
  private path(): { text: string; span: Span } {
    const toks = this.toks;
    const first = toks[this.i++];
    let text = first.v;
    let end = first.end;
    while (this.isPunct(this.i, '.') && toks[this.i + 1]?.t === T.Ident && toks[this.i].start === end) {
      text += '.' + toks[this.i + 1].v;
      end = toks[this.i + 1].end;
      this.i += 2;
    }
    return { text, span: { start: first.start, end } };
  }

  /** At `(`: arguments up to `)`; an argument list does not continue past its line. */
  private args(): { args: PrismaArg[]; end: number } {
    const toks = this.toks;
    let end = toks[this.i++].end;
    const args: PrismaArg[] = [];
    for (;;) {
      const t = toks[this.i];
      if (!t || t.t === T.Newline || this.isClose(this.i)) {
        this.note('unclosed `(`');
        return { args, end };
      }
      if (t.t === T.Punct && t.v === ')') {
        this.i++;
        return { args, end: t.end };
      }
      if (t.t === T.Punct && t.v === ',') {
        end = t.end;
        this.i++;
        continue;
      }
      let argName: PrismaName | undefined;
      if (t.t === T.Ident && this.isPunct(this.i + 1, ':')) {
        argName = { text: t.v, span: { start: t.start, end: t.end } };
        end = toks[this.i + 1].end;
        this.i += 2;
      }
      const value = this.expr();
      if (value) end = value.span.end;
      if (argName || value) {
        args.push({ name: argName, value, span: { start: argName?.span.start ?? value!.span.start, end } });
      } else {
        this.note(`unexpected \`${t.v}\``);
        end = t.end;
        this.i++;
      }
    }
  }

  private expr(): PrismaExpr | undefined {
    const toks = this.toks;
    const t = toks[this.i];
    if (!t) return undefined;
    switch (t.t) {
      case T.String:
        this.i++;
        if (t.open) this.note('unterminated string');
        return { kind: 'string', value: t.v, span: { start: t.start, end: t.end } };
      case T.Number:
        this.i++;
        return { kind: 'number', text: t.v, span: { start: t.start, end: t.end } };
      case T.Ident: {
        const p = this.path();
        if (this.isPunct(this.i, '(')) {
          const r = this.args();
          return { kind: 'call', name: p, args: r.args, span: { start: p.span.start, end: r.end } };
        }
        return { kind: 'path', text: p.text, span: p.span };
      }
      case T.Punct:
        if (t.v === '[]') {
          this.i++;
          return { kind: 'array', items: [], span: { start: t.start, end: t.end } };
        }
        if (t.v === '[') return this.array();
        return undefined;
      default:
        return undefined;
    }
  }

  /** At `[`. Items may sit on following lines; a line that does not look like an item ends an unclosed array. */
  private array(): PrismaExpr {
    const toks = this.toks;
    const open = toks[this.i++];
    const items: PrismaExpr[] = [];
    let end = open.end;
    for (;;) {
      const t = toks[this.i];
      if (!t || this.isClose(this.i)) break;
      if (t.t === T.Newline) {
        if (!this.arrayContinues()) break;
        this.i++;
        continue;
      }
      if (t.t === T.Punct && t.v === ']') {
        this.i++;
        return { kind: 'array', items, span: { start: open.start, end: t.end } };
      }
      if (t.t === T.Punct && t.v === ',') {
        end = t.end;
        this.i++;
        continue;
      }
      const item = this.expr();
      if (!item) break;
      items.push(item);
      end = item.span.end;
    }
    this.note('unclosed `[`');
    return { kind: 'array', items, span: { start: open.start, end } };
  }

  /** At a newline inside an array: is the next line (after blank lines) still part of it? */
  private arrayContinues(): boolean {
    const toks = this.toks;
    let k = this.i;
    while (toks[k]?.t === T.Newline) k++;
    const a = toks[k];
    if (!a) return false;
    if (a.t === T.Punct) return a.v === ']' || a.v === ',' || a.v === '[';
    if (a.t !== T.Ident && a.t !== T.String && a.t !== T.Number) return false;
    // `name,` / `name]` / `name(sort: Desc)` / `name` alone: an item. `name Type …`: the next field.
    const b = toks[k + 1];
    return !b || b.t === T.Newline || (b.t === T.Punct && (b.v === ',' || b.v === ']' || b.v === '(' || b.v === '.'));
  }

  private isPunct(k: number, v: string): boolean {
    const t = this.toks[k];
    return t !== undefined && t.t === T.Punct && t.v === v;
  }

  private isClose(k: number): boolean {
    return this.isPunct(k, '}');
  }

  private note(problem: string): void {
    this.problem ??= problem;
  }

  /** Skips to the end of the line; inside a block a `}` stays (it closes the block). Returns the end of the last token skipped. */
  private skipLine(inBlock: boolean): number {
    const toks = this.toks;
    let end = toks[this.i]?.start ?? this.text.length;
    while (this.i < toks.length && toks[this.i].t !== T.Newline && !(inBlock && this.isClose(this.i))) {
      end = toks[this.i].end;
      this.i++;
    }
    return end;
  }
}

/** The `//` comment lines directly above `offset`'s line, top to bottom. */
function commentsAbove(text: string, offset: number): Span[] {
  const out: Span[] = [];
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  while (lineStart > 0) {
    const prevEnd = lineStart - 1; // the '\n'
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    let a = prevStart;
    while (a < prevEnd && (text[a] === ' ' || text[a] === '\t')) a++;
    if (text[a] !== '/' || text[a + 1] !== '/') break;
    const b = prevEnd > a && text[prevEnd - 1] === '\r' ? prevEnd - 1 : prevEnd;
    out.push({ start: a, end: b });
    lineStart = prevStart;
  }
  return out.reverse();
}

/**
 * Parses one `.prisma` file. Pure and deterministic (cache it by text); never throws. With `previous` (the last
 * parse of the same file, which this call may change in place and which must not be used after it), only the
 * blocks around the edit are read again; the result equals a full parse.
 */
export function parsePrismaFile(path: string, text: string, previous?: PrismaFile): PrismaFile {
  if (previous && previous.path === path && previous.text !== text) {
    try {
      const r = reparse(previous, text);
      if (r) return r;
    } catch {
      // fall through to the full parse
    }
  }
  const comments: Span[] = [];
  let blocks: PrismaBlock[] = [];
  try {
    const toks = lex(text, comments);
    blocks = new Parser(text, toks).parse();
    for (const b of blocks) b.leadingComments = commentsAbove(text, b.keyword.start);
    // Indexed now, while the file is read: the first edits then only move spans (see reparse).
    for (const b of blocks) spansOf(b);
  } catch {
    // Invariant: user input never throws. A bug here costs this file's blocks, not the server.
    blocks = [];
  }
  return { path, text, blocks, comments };
}

// ---------------------------------------------------------------------------------------------------------
// Re-parsing around an edit

/** Every object of a tree with numeric `start` and `end` (its spans), once each, in walk order. */
export function spanObjects(tree: unknown): Span[] {
  const set = new Set<Span>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') set.add(o as unknown as Span);
    for (const k in o) walk(o[k]);
  };
  walk(tree);
  return [...set];
}

/** Every span object of a block (its tree and leading comments), collected once per block. */
const blockSpans = new WeakMap<PrismaBlock, Span[]>();

function spansOf(b: PrismaBlock): Span[] {
  let list = blockSpans.get(b);
  if (!list) blockSpans.set(b, (list = spanObjects(b)));
  return list;
}

/**
 * The blocks around an edit read again: from the line of the block before the first one whose lines the edit
 * touches to the line of the block two after the last one (the block between, unchanged, proves the parser is back in
 * step: same text, same end). Blocks outside keep their objects, those after moved in place. Undefined when that
 * cannot be shown (a block keyword not first on its line, a witness that parses differently): the caller parses the
 * whole file.
 */
function reparse(old: PrismaFile, text: string): PrismaFile | undefined {
  const t0 = old.text;
  const blocks = old.blocks;
  if (blocks.length === 0) return undefined;
  const p = commonPrefix(t0, text);
  const q = commonSuffix(t0, text, Math.min(t0.length, text.length) - p);
  const oldEnd = t0.length - q;
  const delta = text.length - t0.length;
  // Each block's region starts at the start of its keyword's line.
  const starts: number[] = [];
  for (const b of blocks) {
    const ls = t0.lastIndexOf('\n', b.keyword.start - 1) + 1;
    if (t0.slice(ls, b.keyword.start).trim() !== '') return undefined;
    starts.push(ls);
  }
  let i = -1;
  let j = -1;
  for (let k = 0; k < starts.length; k++) {
    if (starts[k] <= p) i = k;
    if (starts[k] <= oldEnd) j = k;
  }
  const first = i <= 0 ? 0 : i - 1;
  const ws = i <= 0 ? 0 : starts[first];
  const witness = j + 1 < blocks.length ? blocks[j + 1] : undefined;
  const weOld = j + 2 < blocks.length ? starts[j + 2] : t0.length;
  if (weOld < oldEnd || ws > p) return undefined;
  const comments: Span[] = [];
  const fresh = new Parser(text, lex(text, comments, ws, weOld + delta)).parse();
  for (const b of fresh) {
    b.leadingComments = commentsAbove(text, b.keyword.start);
    spansOf(b);
  }
  if (witness) {
    const w = fresh[fresh.length - 1];
    if (
      !w ||
      w.keyword.start !== witness.keyword.start + delta ||
      w.span.end !== witness.span.end + delta ||
      w.closed !== witness.closed ||
      w.problem !== witness.problem ||
      text.slice(w.span.start, w.span.end) !== t0.slice(witness.span.start, witness.span.end)
    ) {
      return undefined;
    }
  }
  const after = blocks.slice(j + 2);
  if (delta !== 0) {
    for (const b of after) {
      for (const sp of spansOf(b)) {
        sp.start += delta;
        sp.end += delta;
      }
    }
  }
  const tailComments = old.comments.filter((c) => c.start >= weOld);
  if (delta !== 0) for (const c of tailComments) (c.start += delta), (c.end += delta);
  return {
    path: old.path,
    text,
    blocks: [...blocks.slice(0, first), ...fresh, ...after],
    comments: [...old.comments.filter((c) => c.end <= ws), ...comments, ...tailComments],
  };
}
