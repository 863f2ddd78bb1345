/**
 * MySQL/MariaDB and SQLite statements → facts.
 *
 * node-sql-parser (per-dialect builds; `mysql` mode for MariaDB too) is the parser: it decides whether a statement
 * is valid, and only statements it accepts come out of here as `parsed`. The facts themselves come from the token
 * walk in `locate.ts`, which is authoritative for structure, spans and details. Why, measured on the MySQL and
 * SQLite corpus (see the numbers in the commit that introduced this file):
 *
 * - The AST has no usable locations (a few `loc`s on column refs, none on types, defaults, constraints, table
 *   options), so every span has to come from tokens anyway; once the walk has found a column's type, default and
 *   NOT NULL to span them, it has also read them.
 * - Where the AST and the walk disagree the walk was right: the AST returns a prefix key `name(10)` of CREATE INDEX
 *   as a function call, lower-cases/upper-cases values (`ENGINE=InnoDB` → `INNODB`), and has no places for
 *   details the model needs (rawType as written, default source text).
 * - node-sql-parser rejects valid syntax: sqlite mode refuses `[brackets]`, free type names (`NVARCHAR`, `bool`),
 *   `DROP INDEX`, `CREATE VIRTUAL TABLE`; mysql mode refuses `BOOL`, `NVARCHAR`, `VARCHAR(255) BINARY`, `ALTER
 *   COLUMN ... SET DEFAULT`. Those statements come back with an error; the file layer then runs the same walk in
 *   recovery mode (`fallback.ts`), which yields the same facts for a complete statement, marked `recovered`.
 *
 * So the parser's job here is the verdict (which also sets how trusting the walk is: in `trusted` mode a word the
 * walk does not model is skipped, in `recover` mode it drops the piece), and its AST is kept for the query work.
 * Statements the walk has no facts for (DML, triggers, routines) never reach the parser.
 */
import type { Fact } from '../model/types';
import { lex } from './lexer';
import { isSchemaStatement, lowerStatement, significant } from './locate';
import type { Token } from './types';

interface SqlParser {
  astify(sql: string, options?: { database?: string }): unknown;
}

let mysqlParser: SqlParser | undefined;
let sqliteParser: SqlParser | undefined;

// Per-dialect builds (~250 KB each) instead of the 2.4 MB all-dialect index; loaded on first use.
function parserFor(dialect: 'mysql' | 'sqlite'): SqlParser {
  if (dialect === 'mysql') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mysqlParser ??= new (require('node-sql-parser/build/mysql').Parser)() as SqlParser;
    return mysqlParser;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sqliteParser ??= new (require('node-sql-parser/build/sqlite').Parser)() as SqlParser;
  return sqliteParser;
}

/**
 * SQLite `[ident]` → `"ident"` (same length, so offsets stay put): sqlite mode of node-sql-parser knows double
 * quotes but not brackets, which are only another way of quoting.
 */
function bracketsToQuotes(text: string, tokens: readonly Token[]): string {
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.kind !== 'quoted' || text[t.start] !== '[' || t.value.includes('"')) continue;
    out += text.slice(last, t.start) + '"' + t.value + '"';
    last = t.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** node-sql-parser's verdict: undefined when it accepts, else a short reason. */
function verdict(text: string, dialect: 'mysql' | 'sqlite', tokens: readonly Token[]): string | undefined {
  try {
    const sql = dialect === 'sqlite' ? bracketsToQuotes(text, tokens) : text;
    parserFor(dialect).astify(sql, { database: dialect === 'sqlite' ? 'sqlite' : 'mysql' });
    return undefined;
  } catch (e) {
    const err = e as { found?: string | null; location?: { start?: { line: number; column: number } }; message?: string };
    const at = err?.location?.start;
    if (at && err.found !== undefined) {
      const found = err.found === null ? 'end of statement' : JSON.stringify(err.found);
      return `node-sql-parser: unexpected ${found} at ${at.line}:${at.column}`;
    }
    return `node-sql-parser: ${String(err?.message ?? e).slice(0, 200)}`;
  }
}

/**
 * Facts of one statement. `text` is the statement (no trailing `;`), `base` its offset in the file; every span is a
 * file offset and origins carry an empty `file` (the file layer stamps it).
 * - `{ facts }`: node-sql-parser accepted the statement (facts may be empty: DML, triggers ... are not schema).
 * - `{ facts: [], error }`: node-sql-parser rejected it; run `recoverStatement`.
 * Never throws.
 */
export function parseMysqlStatement(text: string, base: number, dialect: 'mysql' | 'sqlite'): { facts: Fact[]; error?: string } {
  try {
    const tokens = lex(text, dialect);
    if (!isSchemaStatement(significant(tokens), dialect)) return { facts: [] };
    const error = verdict(text, dialect, tokens);
    if (error) return { facts: [], error };
    return { facts: lowerStatement(tokens, text, base, dialect, 'trusted') };
  } catch (e) {
    return { facts: [], error: String((e as Error)?.message ?? e) };
  }
}
