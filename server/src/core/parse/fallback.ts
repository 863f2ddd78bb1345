/**
 * Token-based recovery for statements no real parser accepted: half-typed SQL while the user types, and valid
 * syntax the parsers do not know (SQLite `[brackets]`, `NVARCHAR`, `DROP INDEX` for node-sql-parser).
 *
 * It runs the DDL token walk of `locate.ts` in `recover` mode, which keeps only what is certain: a column or table
 * element with any token it cannot place, or cut off before its `,` / `)`, is dropped; a table whose `)` is
 * missing keeps its complete elements; an ALTER keeps only its complete actions. Never invents, never throws,
 * linear in the statement's tokens.
 *
 * For PostgreSQL (libpg-query knows every valid statement, so whatever reaches here is being typed) only the core
 * forms are kept: CREATE TABLE, CREATE INDEX, ALTER TABLE ADD/DROP/RENAME COLUMN and ADD/DROP CONSTRAINT,
 * DROP TABLE/INDEX.
 */
import type { AlterAction, Dialect, Fact } from '../model/types';
import { lex } from './lexer';
import { lowerStatement } from './locate';

const PG_ACTIONS = new Set<AlterAction['action']>(['addColumn', 'dropColumn', 'renameColumn', 'addConstraint', 'dropConstraint']);

function pgScope(f: Fact): Fact[] {
  switch (f.kind) {
    case 'createTable':
    case 'createIndex':
    case 'dropTable':
    case 'dropIndex':
      return [f];
    case 'alterTable': {
      const actions = f.actions.filter((a) => PG_ACTIONS.has(a.action));
      return actions.length ? [{ ...f, actions }] : [];
    }
    default:
      return [];
  }
}

/** Facts that are safely recoverable from `text` (one statement at file offset `base`). */
export function recoverStatement(text: string, base: number, dialect: Dialect): Fact[] {
  try {
    const facts = lowerStatement(lex(text, dialect), text, base, dialect, 'recover');
    return dialect === 'postgresql' ? facts.flatMap(pgScope) : facts;
  } catch {
    return [];
  }
}
