/**
 * SQL lexer for PostgreSQL, MySQL/MariaDB and SQLite. Tolerant (never throws: anything that never closes becomes
 * one `unterminated` token to the end of the range), exact (every token is a slice of the input; nothing between
 * tokens but whitespace) and linear.
 *
 * It reads a script the way the command-line clients do, so it also knows three client-level constructs that can
 * only be recognised with a little statement context: psql meta-command lines (`\connect db`), MySQL `DELIMITER`
 * lines (both `meta` tokens) and `COPY ... FROM stdin` data blocks (`data`). A `semicolon` token is the statement
 * terminator as the client sees it: `;`, or the custom delimiter after `DELIMITER //` (a plain `;` is then an
 * ordinary `op`). Lexing a single statement's range gives plain tokens, since none of those constructs can occur
 * inside one.
 */
import type { Dialect, Token, TokenKind } from './types';

const enum C {
  Tab = 9,
  LF = 10,
  VT = 11,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Quote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D1 = 49,
  D7 = 55,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  Backtick = 96,
  Pipe = 124,
  Tilde = 126,
}

/** 1 = may start an identifier, 2 = may continue one (ASCII only; every code unit >= 0x80 is both). */
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore;
  const digit = c >= C.D0 && c <= C.D9;
  IDENT[c] = (letter ? 1 : 0) | (letter || digit || c === C.Dollar ? 2 : 0);
}

/** Unicode code units treated as whitespace: NBSP, BOM, the general-punctuation spaces, line/paragraph separators. */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x85
  );
}

function isIdentStart(c: number): boolean {
  return c < 128 ? (IDENT[c] & 1) !== 0 : !isUnicodeSpace(c);
}

function isIdentPart(c: number): boolean {
  return c < 128 ? (IDENT[c] & 2) !== 0 : !isUnicodeSpace(c);
}

/** Dollar-quote tags: identifier characters without `$`. */
function isTagPart(c: number): boolean {
  return c < 128 ? (IDENT[c] & 2) !== 0 && c !== C.Dollar : !isUnicodeSpace(c);
}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

function isHexDigit(c: number): boolean {
  return (c >= C.D0 && c <= C.D9) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Multi-character operators, longest first per leading character. */
const OPS_ALL = ['::', ':=', '<=>', '<->', '<<=', '>>=', '<=', '>=', '<>', '<<', '>>', '!=', '||', '->>', '->', '=>', '=='];
const OPS_PG = ['<@', '@>', '@@', '&&', '&<', '&>', '#>>', '#>', '#-', '~~*', '~~', '~*', '!~~*', '!~~', '!~*', '!~', '-|-', '?|', '?&', '^@', '|/', '||/'];

function opTable(extra: string[]): (string[] | undefined)[] {
  const table: (string[] | undefined)[] = [];
  for (const op of [...OPS_ALL, ...extra]) {
    const c = op.charCodeAt(0);
    (table[c] ??= []).push(op);
  }
  for (const list of table) list?.sort((a, b) => b.length - a.length);
  return table;
}
const OPS_TABLE_PG = opTable(OPS_PG);
const OPS_TABLE_OTHER = opTable([]);

/** How a dialect reads quotes, comments and parameters. `lex` derives it from the dialect. */
export interface LexFlags {
  /** PG: block comments nest. */
  nestedComments: boolean;
  /** MySQL: `--` starts a comment only when followed by whitespace, a control character or the end of input. */
  dashCommentNeedsSpace: boolean;
  /** MySQL: `#` starts a line comment. */
  hashComments: boolean;
  /** MySQL: the body of an executable comment (`/*!50003 ...`, MariaDB `/*M!...`) is code. */
  executableComments: boolean;
  /** MySQL: backslash escapes in every `'...'` string. */
  backslashEscapes: boolean;
  /** MySQL: `"..."` is a string; otherwise a quoted identifier. */
  doubleQuoteIsString: boolean;
  /** MySQL and SQLite: `` `ident` ``. */
  backtickIdents: boolean;
  /** SQLite: `[ident]`. */
  bracketIdents: boolean;
  /** PG: `$$...$$`, `$tag$...$tag$`, `E'...'`, `U&'...'`, `U&"..."`, `:'var'`; `?` is an operator. */
  postgres: boolean;
  /** MySQL: `@var`, `@@var`; identifiers may start with digits (`1col`). */
  mysql: boolean;
  /** SQLite: `@name`, `$name`, `?NNN` parameters. */
  sqlite: boolean;
}

export function lexFlags(dialect: Dialect): LexFlags {
  const pg = dialect === 'postgresql';
  const my = dialect === 'mysql';
  const lite = dialect === 'sqlite';
  return {
    nestedComments: pg,
    dashCommentNeedsSpace: my,
    hashComments: my,
    executableComments: my,
    backslashEscapes: my,
    doubleQuoteIsString: my,
    backtickIdents: my || lite,
    bracketIdents: lite,
    postgres: pg,
    mysql: my,
    sqlite: lite,
  };
}

/**
 * Incremental lexer over `text[from, to)`. `next()` returns tokens in order, then `undefined`.
 * Callers that need the tokens of a whole file should use `lex`; the splitter and dialect detection pull tokens
 * one by one so they can stop early and avoid building an array.
 */
export class Lexer {
  pos: number;
  /** Current statement terminator (`;` unless a `DELIMITER` line changed it). */
  delimiter = ';';
  private readonly ops: (string[] | undefined)[];
  /** At a statement boundary: only whitespace and comments since the last terminator/meta/data token. */
  private boundary = true;
  /** 0 = not a COPY statement, 1 = COPY seen as first word, 2 = `FROM STDIN` seen (data follows the terminator). */
  private copy = 0;
  private prevWasFrom = false;
  /** After the terminator of a COPY FROM stdin (or a `\copy ... from stdin` line): data starts on the next line. */
  private dataPending = false;

  constructor(
    readonly text: string,
    readonly flags: LexFlags,
    from = 0,
    readonly to = text.length,
  ) {
    this.pos = Math.max(0, from);
    if (this.to > text.length) this.to = text.length;
    this.ops = flags.postgres ? OPS_TABLE_PG : OPS_TABLE_OTHER;
  }

  next(): Token | undefined {
    const text = this.text;
    const to = this.to;
    if (this.dataPending) {
      const t = this.restOfCopyLine();
      if (t) return t;
    }
    // skip whitespace
    let i = this.pos;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === C.Space || c === C.LF || c === C.Tab || c === C.CR || c === C.FF || c === C.VT) continue;
      if (c >= 0x80 && isUnicodeSpace(c)) continue;
      break;
    }
    this.pos = i;
    if (i >= to) return undefined;
    const c = text.charCodeAt(i);

    if (this.boundary) {
      if (c === C.Backslash) return this.metaLine(i, true);
      if ((c | 0x20) === 100 /* d */ && this.isDelimiterLine(i)) return this.metaLine(i, false);
    }
    if (this.delimiter !== ';' && c === this.delimiter.charCodeAt(0) && text.startsWith(this.delimiter, i) && i + this.delimiter.length <= to) {
      return this.terminator(i, i + this.delimiter.length);
    }

    const tok = this.scan(i, c);
    this.pos = tok.end;
    if (tok.kind !== 'comment') {
      if (tok.kind === 'semicolon') return this.terminator(tok.start, tok.end);
      this.trackCopy(tok);
      this.boundary = false;
    }
    return tok;
  }

  private terminator(start: number, end: number): Token {
    this.pos = end;
    this.boundary = true;
    if (this.copy === 2) this.dataPending = true;
    this.copy = 0;
    this.prevWasFrom = false;
    return { kind: 'semicolon', start, end, value: this.text.slice(start, end) };
  }

  private trackCopy(tok: Token): void {
    if (this.boundary) {
      this.copy = tok.kind === 'word' && tok.value === 'COPY' ? 1 : 0;
      this.prevWasFrom = false;
      return;
    }
    if (this.copy !== 1) return;
    if (tok.kind === 'word') {
      if (this.prevWasFrom && tok.value === 'STDIN') this.copy = 2;
      this.prevWasFrom = tok.value === 'FROM';
    } else {
      this.prevWasFrom = false;
    }
  }

  /** `DELIMITER xx` as the first thing on its line. */
  private isDelimiterLine(i: number): boolean {
    const text = this.text;
    if (i + 10 > this.to || text.slice(i, i + 9).toUpperCase() !== 'DELIMITER') return false;
    const after = text.charCodeAt(i + 9);
    if (after !== C.Space && after !== C.Tab) return false;
    for (let j = i - 1; j >= 0; j--) {
      const p = text.charCodeAt(j);
      if (p === C.LF) break;
      if (p !== C.Space && p !== C.Tab && p !== C.CR && !isUnicodeSpace(p)) return false;
    }
    return true;
  }

  /** A psql meta-command (`\...`) or MySQL `DELIMITER` line, to the end of the line. */
  private metaLine(start: number, psql: boolean): Token {
    const text = this.text;
    let end = start;
    while (end < this.to) {
      const c = text.charCodeAt(end);
      if (c === C.LF || c === C.CR) break;
      end++;
    }
    const value = text.slice(start, end);
    if (psql) {
      if (/^\\copy\s.*\bfrom\s+stdin\b/i.test(value)) this.dataPending = true;
    } else {
      const m = /^delimiter[ \t]+(\S+)/i.exec(value);
      if (m) this.delimiter = m[1];
    }
    this.pos = end;
    this.boundary = true;
    this.copy = 0;
    return { kind: 'meta', start, end, value };
  }

  /**
   * After the terminator of `COPY ... FROM stdin`: a trailing `--` comment on the same line is still a comment; the
   * data block starts on the next line (or at any other text left on this line) and runs up to and including a line
   * that is exactly `\.`, or to the end of input.
   */
  private restOfCopyLine(): Token | undefined {
    const text = this.text;
    const to = this.to;
    let i = this.pos;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === C.Space || c === C.Tab || c === C.CR) i++;
      else break;
    }
    if (i >= to) {
      this.dataPending = false;
      this.pos = i;
      return undefined;
    }
    const c = text.charCodeAt(i);
    if (c === C.Minus && text.charCodeAt(i + 1) === C.Minus && i + 1 < to) {
      this.pos = i;
      const tok = this.lineComment(i);
      this.pos = tok.end;
      return tok;
    }
    this.dataPending = false;
    const start = c === C.LF ? i + 1 : i;
    if (start >= to) {
      this.pos = start;
      return undefined;
    }
    const end = this.findEndOfData(start);
    this.pos = end;
    this.boundary = true;
    return { kind: 'data', start, end, value: text.slice(start, end) };
  }

  private findEndOfData(start: number): number {
    const text = this.text;
    const to = this.to;
    let i = start;
    for (;;) {
      i = text.indexOf('\\.', i);
      if (i < 0 || i + 2 > to) return to;
      if (i === start || text.charCodeAt(i - 1) === C.LF) {
        let j = i + 2;
        while (j < to && (text.charCodeAt(j) === C.Space || text.charCodeAt(j) === C.Tab || text.charCodeAt(j) === C.CR)) j++;
        if (j >= to || text.charCodeAt(j) === C.LF) return i + 2;
      }
      i += 2;
    }
  }

  private tok(kind: TokenKind, start: number, end: number): Token {
    return { kind, start, end, value: this.text.slice(start, end) };
  }

  private unterminated(start: number): Token {
    return this.tok('unterminated', start, this.to);
  }

  /** One token starting at `i` (not whitespace), character `c`. */
  private scan(i: number, c: number): Token {
    const text = this.text;
    const to = this.to;
    const f = this.flags;
    const c1 = i + 1 < to ? text.charCodeAt(i + 1) : -1;

    if (c < 128 && IDENT[c] & 1) {
      // string prefixes: E'', N'', X'', B'', U&'' / U&""
      if (c1 === C.Quote) {
        const u = c | 0x20;
        if (u === 110 || u === 120 || u === 98) return this.quotedString(i, i + 1, f.backslashEscapes);
        if (u === 101 && f.postgres) return this.quotedString(i, i + 1, true);
      } else if (f.postgres && (c | 0x20) === 117 && c1 === C.Amp && i + 2 < to) {
        const c2 = text.charCodeAt(i + 2);
        if (c2 === C.Quote) return this.quotedString(i, i + 2, false);
        if (c2 === C.DQuote) return this.quotedIdent(i, i + 2, C.DQuote, C.DQuote);
      }
      return this.word(i);
    }

    switch (c) {
      case C.Quote:
        return this.quotedString(i, i, f.backslashEscapes);
      case C.DQuote:
        return f.doubleQuoteIsString ? this.quotedString(i, i, f.backslashEscapes) : this.quotedIdent(i, i, C.DQuote, C.DQuote);
      case C.Backtick:
        if (f.backtickIdents) return this.quotedIdent(i, i, C.Backtick, C.Backtick);
        break;
      case C.LBracket:
        if (f.bracketIdents) return this.quotedIdent(i, i, C.LBracket, C.RBracket);
        break;
      case C.Minus:
        if (c1 === C.Minus) {
          if (!f.dashCommentNeedsSpace) return this.lineComment(i);
          const c2 = i + 2 < to ? text.charCodeAt(i + 2) : -1;
          if (c2 === -1 || c2 <= C.Space) return this.lineComment(i);
        }
        break;
      case C.Hash:
        if (f.hashComments) return this.lineComment(i);
        break;
      case C.Slash:
        if (c1 === C.Star) return this.blockComment(i);
        break;
      case C.Star:
        // The `*/` closing a MySQL executable comment. Also when the opener is not in the range, so that a
        // statement's text lexes the same on its own as inside the file (`*/*` is `*` and a comment).
        if (c1 === C.Slash && f.executableComments && text.charCodeAt(i + 2) !== C.Star) return this.tok('comment', i, i + 2);
        break;
      case C.Dollar:
        return this.dollar(i, c1);
      case C.Dot:
        if (isDigit(c1)) return this.number(i);
        return this.tok('dot', i, i + 1);
      case C.Semi:
        return this.tok(this.delimiter === ';' ? 'semicolon' : 'op', i, i + 1);
      case C.LParen:
        return this.tok('lparen', i, i + 1);
      case C.RParen:
        return this.tok('rparen', i, i + 1);
      case C.Comma:
        return this.tok('comma', i, i + 1);
      case C.Question:
        if (!f.postgres) {
          let j = i + 1;
          if (f.sqlite) while (j < to && isDigit(text.charCodeAt(j))) j++;
          return this.tok('param', i, j);
        }
        break;
      case C.Colon:
        if (c1 !== C.Colon && c1 !== C.Eq && c1 !== -1) {
          if (isIdentStart(c1)) return this.tok('param', i, this.identEnd(i + 2));
          if (f.postgres && (c1 === C.Quote || c1 === C.DQuote)) {
            const q = this.quotedIdent(i, i + 1, c1, c1);
            if (q.kind !== 'unterminated') q.kind = 'param';
            q.value = text.slice(q.start, q.end);
            return q;
          }
        }
        break;
      case C.At:
        if (f.mysql || f.sqlite) {
          let j = i + 1;
          if (f.mysql && c1 === C.At) j++;
          const cj = j < to ? text.charCodeAt(j) : -1;
          if (cj !== -1 && isIdentPart(cj)) return this.tok('param', i, this.identEnd(j + 1));
          if (f.mysql && (cj === C.Quote || cj === C.DQuote || cj === C.Backtick)) {
            const q = cj === C.Backtick ? this.quotedIdent(i, j, cj, cj) : this.quotedString(i, j, true);
            if (q.kind !== 'unterminated') q.kind = 'param';
            q.value = text.slice(q.start, q.end);
            return q;
          }
        }
        break;
      default:
        if (isDigit(c)) return this.number(i);
        if (c >= 0x80) return this.word(i);
    }
    // operators
    const cands = c < 128 ? this.ops[c] : undefined;
    if (cands) {
      for (const op of cands) {
        if (text.startsWith(op, i) && i + op.length <= to) return this.tok('op', i, i + op.length);
      }
    }
    return this.tok('op', i, i + 1);
  }

  private identEnd(j: number): number {
    const text = this.text;
    const to = this.to;
    while (j < to && isIdentPart(text.charCodeAt(j))) j++;
    return j;
  }

  private word(i: number): Token {
    const text = this.text;
    const to = this.to;
    let j = i + 1;
    const delim = this.delimiter;
    if (delim === ';') {
      while (j < to) {
        const c = text.charCodeAt(j);
        if (c < 128 ? (IDENT[c] & 2) === 0 : isUnicodeSpace(c)) break;
        j++;
      }
    } else {
      // `END$$` with `DELIMITER $$`: the delimiter ends the word, as in the mysql client.
      const d0 = delim.charCodeAt(0);
      while (j < to) {
        const c = text.charCodeAt(j);
        if (c < 128 ? (IDENT[c] & 2) === 0 : isUnicodeSpace(c)) break;
        if (c === d0 && text.startsWith(delim, j)) break;
        j++;
      }
    }
    return { kind: 'word', start: i, end: j, value: text.slice(i, j).toUpperCase() };
  }

  private number(i: number): Token {
    const text = this.text;
    const to = this.to;
    const pg = this.flags.postgres;
    let j = i;
    const c0 = text.charCodeAt(i);
    const c1 = i + 1 < to ? text.charCodeAt(i + 1) | 0x20 : -1;
    let radix = false;
    if (c0 === C.D0 && (c1 === 120 || c1 === 98 || (c1 === 111 && pg))) {
      // 0x1F, 0b101, 0o17 (PG)
      let k = i + 2;
      const ok = c1 === 120 ? isHexDigit : c1 === 98 ? (c: number) => c === C.D0 || c === C.D1 : (c: number) => c >= C.D0 && c <= C.D7;
      while (k < to && (ok(text.charCodeAt(k)) || (pg && text.charCodeAt(k) === C.Underscore && k + 1 < to && ok(text.charCodeAt(k + 1))))) k++;
      if (k > i + 2) {
        j = k;
        radix = true;
      }
    }
    let sawDot = false;
    if (!radix) {
      j = this.digits(i);
      if (j < to && text.charCodeAt(j) === C.Dot && !(j + 1 < to && text.charCodeAt(j + 1) === C.Dot)) {
        sawDot = true;
        j = this.digits(j + 1);
      }
      if (j < to && (text.charCodeAt(j) | 0x20) === 101) {
        let k = j + 1;
        const s = k < to ? text.charCodeAt(k) : -1;
        if (s === C.Plus || s === C.Minus) k++;
        if (k < to && isDigit(text.charCodeAt(k))) j = this.digits(k);
      }
    }
    // MySQL: `1col`, `0xZZ`, `2fa_enabled` are identifiers (an identifier may start with a digit).
    if (this.flags.mysql && !sawDot && j < to && isIdentPart(text.charCodeAt(j))) {
      const w = this.word(j);
      return { kind: 'word', start: i, end: w.end, value: text.slice(i, w.end).toUpperCase() };
    }
    return this.tok('number', i, j);
  }

  private digits(j: number): number {
    const text = this.text;
    const to = this.to;
    const pg = this.flags.postgres;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (isDigit(c)) j++;
      else if (pg && c === C.Underscore && j + 1 < to && isDigit(text.charCodeAt(j + 1)) && j > 0 && isDigit(text.charCodeAt(j - 1))) j++;
      else break;
    }
    return j;
  }

  /** `'...'` (the quote at `q`), `''` doubling; with `backslash`, `\x` escapes too. */
  private quotedString(start: number, q: number, backslash: boolean): Token {
    const text = this.text;
    const to = this.to;
    const quote = text.charCodeAt(q);
    const quoteChar = quote === C.Quote ? "'" : '"';
    let j = q + 1;
    if (!backslash) {
      for (;;) {
        const k = text.indexOf(quoteChar, j);
        if (k < 0 || k >= to) return this.unterminated(start);
        if (k + 1 < to && text.charCodeAt(k + 1) === quote) {
          j = k + 2;
          continue;
        }
        return this.tok('string', start, k + 1);
      }
    }
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === C.Backslash) j += 2;
      else if (c === quote) {
        if (j + 1 < to && text.charCodeAt(j + 1) === quote) j += 2;
        else return this.tok('string', start, j + 1);
      } else j++;
    }
    return this.unterminated(start);
  }

  /** Quoted identifier opened at `q` by `open`, closed by `close`; a doubled closer is a literal one (not for `]`). */
  private quotedIdent(start: number, q: number, open: number, close: number): Token {
    const text = this.text;
    const to = this.to;
    const closeChar = String.fromCharCode(close);
    const doubling = open === close;
    let j = q + 1;
    let value = '';
    for (;;) {
      const k = text.indexOf(closeChar, j);
      if (k < 0 || k >= to) return this.unterminated(start);
      if (doubling && k + 1 < to && text.charCodeAt(k + 1) === close) {
        value += text.slice(j, k + 1);
        j = k + 2;
        continue;
      }
      value += text.slice(j, k);
      return { kind: 'quoted', start, end: k + 1, value };
    }
  }

  private lineComment(i: number): Token {
    const text = this.text;
    const to = this.to;
    let j = i;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === C.LF || c === C.CR) break;
      j++;
    }
    return this.tok('comment', i, j);
  }

  private blockComment(i: number): Token {
    const text = this.text;
    const to = this.to;
    const f = this.flags;
    if (f.executableComments && i + 2 < to) {
      // `/*!50003 ...*/` and MariaDB `/*M!100100 ...*/`: the marker is a comment, the body is code.
      let j = i + 2;
      if ((text.charCodeAt(j) | 0x20) === 109 && text.charCodeAt(j + 1) === C.Bang) j++;
      if (text.charCodeAt(j) === C.Bang) {
        j++;
        while (j < to && isDigit(text.charCodeAt(j))) j++;
        return this.tok('comment', i, j);
      }
    }
    if (!f.nestedComments) {
      const k = text.indexOf('*/', i + 2);
      if (k < 0 || k + 2 > to) return this.unterminated(i);
      return this.tok('comment', i, k + 2);
    }
    let depth = 1;
    let j = i + 2;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === C.Star && j + 1 < to && text.charCodeAt(j + 1) === C.Slash) {
        j += 2;
        if (--depth === 0) return this.tok('comment', i, j);
      } else if (c === C.Slash && j + 1 < to && text.charCodeAt(j + 1) === C.Star) {
        j += 2;
        depth++;
      } else j++;
    }
    return this.unterminated(i);
  }

  /** `$1` (param), `$$...$$` / `$tag$...$tag$` (PG string), `$name` (SQLite param), `$` in MySQL identifiers. */
  private dollar(i: number, c1: number): Token {
    const text = this.text;
    const to = this.to;
    const f = this.flags;
    if (isDigit(c1)) {
      let j = i + 1;
      while (j < to && isDigit(text.charCodeAt(j))) j++;
      return this.tok('param', i, j);
    }
    if (f.postgres && (c1 === C.Dollar || (c1 !== -1 && isIdentStart(c1)))) {
      let j = i + 1;
      while (j < to && isTagPart(text.charCodeAt(j))) j++;
      if (j < to && text.charCodeAt(j) === C.Dollar) {
        const tag = text.slice(i, j + 1);
        const k = text.indexOf(tag, j + 1);
        if (k < 0 || k + tag.length > to) return this.unterminated(i);
        return this.tok('string', i, k + tag.length);
      }
      return this.tok('param', i, j);
    }
    if (c1 !== -1 && isIdentPart(c1)) {
      if (f.mysql) return this.word(i);
      return this.tok('param', i, this.identEnd(i + 1));
    }
    return this.tok('op', i, i + 1);
  }
}

/**
 * Tokens of `text[from, to)` in `dialect`, comments included. Never throws; linear in the length of the range.
 * Offsets are UTF-16 code units into `text`.
 */
export function lex(text: string, dialect: Dialect, from = 0, to = text.length): Token[] {
  const lexer = new Lexer(text, lexFlags(dialect), from, to);
  const out: Token[] = [];
  for (let t = lexer.next(); t; t = lexer.next()) out.push(t);
  return out;
}

/** Index of the first token (sorted by `start`) starting at or after offset `at`: tokens.length when none. */
export function firstTokenAt(tokens: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
