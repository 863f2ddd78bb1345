/**
 * Statement splitter. Built on the lexer, which already knows the client-level constructs (DELIMITER and psql
 * meta lines, COPY data, the current terminator). What is left here is deciding which terminators end a
 * statement: a `;` inside the `BEGIN ... END` body of a trigger/function/procedure/event, or inside the
 * parenthesised action list of a PG `CREATE RULE`, does not.
 */
import { Lexer, lexFlags } from './lexer';
import type { Dialect, Span, SplitResult, SplitStatement, Token } from './types';

/** Where the current statement's head is, for recognising statements with bodies. */
const enum Phase {
  /** No token yet. */
  Start,
  /** After `CREATE` and any of OR REPLACE / TEMP / DEFINER=... / AGGREGATE / CONSTRAINT. */
  CreateHeader,
  /** After `DEFINER`, expecting `=`. */
  DefinerEq,
  /** Inside the DEFINER value (`` `root`@`localhost` ``, `CURRENT_USER()`): tokens that touch each other. */
  DefinerValue,
  /** After `BEGIN` / `BEGIN NOT` as the first words (MariaDB `BEGIN NOT ATOMIC ... END`). */
  Begin,
  BeginNot,
  /** CREATE TRIGGER|FUNCTION|PROCEDURE|EVENT: track BEGIN/CASE/IF/LOOP/WHILE/REPEAT ... END. */
  Routine,
  /** PG CREATE RULE: `;` inside parentheses does not end it. */
  Rule,
  /** Anything else: the next `;` ends it. */
  Plain,
}

const HEADER_WORDS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'AGGREGATE', 'CONSTRAINT']);
const ROUTINE_WORDS = new Set(['TRIGGER', 'FUNCTION', 'PROCEDURE', 'EVENT']);
/** Compound statements that open a block ending in `END <word>`, when they start a statement inside a body. */
const BLOCK_WORDS = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT']);

/** Statement-level state of the body tracker; reset at every statement end. */
class BodyTracker {
  phase = Phase.Start;
  /** Open BEGIN/CASE/IF/LOOP/WHILE/REPEAT blocks (Routine) or parentheses (Rule). */
  depth = 0;
  /** Parentheses inside a routine: keywords in them (`RETURNS TABLE(begin int)`) are not blocks. */
  parens = 0;
  /** The next token starts a statement inside a body: after `;` BEGIN DO ROW LOOP REPEAT `label:` (2), THEN ELSE (1). */
  stmtStart: 0 | 1 | 2 = 0;
  /** The previous token was END: a following IF/LOOP/CASE/... closes, it does not open. */
  afterEnd = false;
  private definerEnd = 0;

  constructor(private readonly text: string) {}

  reset(): void {
    this.phase = Phase.Start;
    this.depth = 0;
    this.parens = 0;
    this.stmtStart = 0;
    this.afterEnd = false;
  }

  /** Does this `;` end the statement? */
  ends(): boolean {
    if (this.phase === Phase.Routine) {
      if (this.depth === 0) return true;
      this.stmtStart = 2;
      this.afterEnd = false;
      return false;
    }
    if (this.phase === Phase.Rule) return this.depth === 0;
    return true;
  }

  /** Feed one non-comment, non-terminator token of the statement. */
  feed(t: Token): void {
    switch (this.phase) {
      case Phase.Start:
        if (t.kind === 'word') {
          if (t.value === 'CREATE') this.phase = Phase.CreateHeader;
          else if (t.value === 'BEGIN') this.phase = Phase.Begin;
          else this.phase = Phase.Plain;
        } else this.phase = Phase.Plain;
        return;
      case Phase.Begin:
        this.phase = t.kind === 'word' && t.value === 'NOT' ? Phase.BeginNot : Phase.Plain;
        return;
      case Phase.BeginNot:
        if (t.kind === 'word' && t.value === 'ATOMIC') {
          this.phase = Phase.Routine;
          this.depth = 1;
          this.stmtStart = 2;
        } else this.phase = Phase.Plain;
        return;
      case Phase.CreateHeader:
        if (t.kind !== 'word') this.phase = Phase.Plain;
        else if (HEADER_WORDS.has(t.value)) return;
        else if (t.value === 'DEFINER') this.phase = Phase.DefinerEq;
        else if (ROUTINE_WORDS.has(t.value)) this.phase = Phase.Routine;
        else if (t.value === 'RULE') this.phase = Phase.Rule;
        else this.phase = Phase.Plain;
        return;
      case Phase.DefinerEq:
        if (t.kind === 'op' && t.value === '=') {
          this.phase = Phase.DefinerValue;
          this.definerEnd = -1;
        } else this.phase = Phase.Plain;
        return;
      case Phase.DefinerValue:
        if (this.definerEnd < 0 || t.start === this.definerEnd) {
          this.definerEnd = t.end;
          return;
        }
        this.phase = Phase.CreateHeader;
        this.feed(t);
        return;
      case Phase.Rule:
        if (t.kind === 'lparen') this.depth++;
        else if (t.kind === 'rparen' && this.depth > 0) this.depth--;
        return;
      case Phase.Routine:
        this.routineToken(t);
        return;
      default:
        return;
    }
  }

  private routineToken(t: Token): void {
    let stmtStart = this.stmtStart;
    const afterEnd = this.afterEnd;
    this.stmtStart = 0;
    this.afterEnd = false;
    if (t.kind === 'lparen') {
      this.parens++;
      return;
    }
    if (t.kind === 'rparen') {
      if (this.parens > 0) this.parens--;
      return;
    }
    if (this.parens > 0) return;
    let word: string;
    if (t.kind === 'word') word = t.value;
    else if (t.kind === 'param' && t.value.charCodeAt(0) === 58 /* : */) {
      // `label:BEGIN` lexes as `label` + param `:BEGIN`
      word = t.value.slice(1).toUpperCase();
      if (word !== 'BEGIN' && !BLOCK_WORDS.has(word)) return;
      stmtStart = 2;
    } else {
      if (t.kind === 'op' && t.value === ':') this.stmtStart = 2;
      return;
    }
    switch (word) {
      case 'BEGIN':
        this.depth++;
        this.stmtStart = 2;
        return;
      case 'CASE':
        if (!afterEnd) this.depth++;
        return;
      case 'END':
        if (this.depth > 0) this.depth--;
        this.afterEnd = true;
        return;
      case 'THEN':
      case 'ELSE':
        this.stmtStart = 1;
        return;
      case 'DO': // CREATE EVENT ... DO, WHILE ... DO, ON CONFLICT DO
      case 'ROW': // FOR EACH ROW: a MySQL trigger body may be a bare IF/LOOP/... block
        this.stmtStart = 2;
        return;
    }
    if (BLOCK_WORDS.has(word) && !afterEnd && (this.depth > 0 ? stmtStart > 0 : stmtStart === 2)) {
      // After THEN/ELSE (maybe a CASE expression) `IF(` and `REPEAT(` are the functions.
      if (stmtStart === 1 && t.kind === 'word' && (word === 'IF' || word === 'REPEAT') && this.text.charCodeAt(t.end) === 40) return;
      this.depth++;
      if (word === 'LOOP' || word === 'REPEAT') this.stmtStart = 2;
    }
  }
}

/**
 * Splits a SQL script into statements. Never throws; linear in the length of `text`.
 *
 * - `;` (or the `DELIMITER` in force) ends a statement, except inside a routine's `BEGIN ... END` body (MySQL stored
 *   programs, SQLite triggers, PG `BEGIN ATOMIC`, MariaDB `BEGIN NOT ATOMIC`) or a PG `CREATE RULE` action list.
 * - `DELIMITER` lines, psql meta-command lines and `COPY ... FROM stdin` data are not statements.
 * - Empty statements and comment-only text produce nothing; a final statement needs no terminator.
 * - `leadingComments` are the comments after the previous statement's terminator; comments between a statement's
 *   last token and its terminator, and after the last statement, go to `comments`.
 */
export function split(text: string, dialect: Dialect): SplitResult {
  const lexer = new Lexer(text, lexFlags(dialect));
  const statements: SplitStatement[] = [];
  const comments: Span[] = [];
  const body = new BodyTracker(text);
  /** Comments since the last statement ended (leading comments of the next one). */
  let pending: Span[] = [];
  /** Comments inside the current statement after its last significant token (trailing if it ends now). */
  let trailing: Span[] = [];
  let start = -1;
  let end = -1;

  const flush = () => {
    if (start >= 0) {
      statements.push({ span: { start, end }, text: text.slice(start, end), leadingComments: pending });
      pending = [];
      for (const c of trailing) comments.push(c);
      trailing = [];
    }
    start = -1;
    body.reset();
  };
  for (let t = lexer.next(); t; t = lexer.next()) {
    switch (t.kind) {
      case 'comment':
        if (start < 0) pending.push({ start: t.start, end: t.end });
        else trailing.push({ start: t.start, end: t.end });
        continue;
      case 'meta':
      case 'data':
        // Only produced at a statement boundary as the lexer sees it; a statement still open here has an
        // unbalanced body, so end it rather than swallow the rest of the file.
        flush();
        continue;
      case 'semicolon':
        if (start < 0) continue;
        if (t.value !== ';' || body.ends()) {
          flush();
          continue;
        }
        break;
      default:
        body.feed(t);
    }
    if (start < 0) start = t.start;
    end = t.end;
    trailing = [];
  }
  flush();
  for (const c of pending) comments.push(c);
  return { statements, comments };
}
