import type { Dialect, Span } from '../model/types';

export type TokenKind =
  | 'word' // identifier or keyword, unquoted
  | 'quoted' // "ident" or `ident` or [ident] (identifier quoting)
  | 'string' // '...', E'...', N'...', X'...', B'...', $tag$...$tag$
  | 'number'
  | 'param' // $1, ?, :name, @var
  | 'op' // operators and punctuation other than the ones below
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'dot'
  | 'semicolon'
  | 'comment' // -- ..., # ... (MySQL), /* ... */ (nested in PG)
  | 'meta' // psql meta-command line (\connect ...), MySQL DELIMITER line
  | 'data' // COPY ... FROM stdin data block, up to and including the `\.` line
  | 'unterminated'; // a quote/comment/dollar-string that runs to end of input

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** For word: the text upper-cased; for quoted: the unquoted identifier; for others: the raw text. */
  value: string;
}

/** One statement as the splitter sees it. */
export interface SplitStatement {
  /** From the first token to the last token of the statement, without the terminator and surrounding comments. */
  span: Span;
  /** The statement's text (= file.slice(span.start, span.end)). */
  text: string;
  /** Comments immediately preceding the statement (for suppression comments), as spans. */
  leadingComments: Span[];
}

export interface SplitResult {
  statements: SplitStatement[];
  /** Comments not attached to any statement (e.g. trailing file comments), as spans. */
  comments: Span[];
}

export type { Dialect, Span };
