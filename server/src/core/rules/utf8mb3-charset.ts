import type { Locatable, Rule } from './types';
import type { Column } from '../model/schema';
import { canonicalCharset, canonicalCollation, displayName, nameKey } from '../model/schema';

/**
 * MySQL/MariaDB `utf8` (= `utf8mb3`) written as a database default, a table default or a column character set
 * (or implied by a `utf8_*` / `utf8mb3_*` collation, or by NCHAR/NATIONAL, whose fixed charset is utf8mb3):
 * it stores at most 3 bytes per character, so emoji and other characters outside the Basic Multilingual Plane are
 * rejected (strict mode) or truncated. Reported where it is written, once per place: a column that merely inherits
 * the table's or database's default is not reported again.
 */
export const rule: Rule = {
  meta: {
    id: 'utf8mb3-charset',
    type: 'problem',
    category: 'types',
    description: 'MySQL utf8/utf8mb3 cannot store 4-byte characters such as emoji; use utf8mb4',
    dialects: ['mysql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      database: 'Database default character set is `{{charset}}`, which cannot store 4-byte characters such as emoji',
      table: 'Table `{{table}}` defaults to character set `{{charset}}`, which cannot store 4-byte characters such as emoji',
      column: 'Column `{{table}}.{{column}}` uses character set `{{charset}}`, which cannot store 4-byte characters such as emoji',
    },
  },
  check(ctx) {
    const schema = ctx.schema;
    if (schema.dialect !== 'mysql') return;
    const d = schema.dialect;
    const help = (what: string, written: string) =>
      `Use \`utf8mb4\` ${what} (with a \`utf8mb4_*\` collation: \`${written}\` becomes \`${toMb4(written)}\`). ` +
      'Converting an existing table and its columns takes `ALTER TABLE … CONVERT TO CHARACTER SET utf8mb4`, which rebuilds it, and ' +
      'indexed `VARCHAR(n)` columns need up to 4·n bytes of key (767 bytes in COMPACT/REDUNDANT rows, 3072 in DYNAMIC)';

    // Database: every CREATE/ALTER DATABASE that sets utf8mb3, unless a later one sets another character set.
    let pendingDb: { at: Locatable; written: string }[] = [];
    // Tables: the last setOptions of each table key that changed its charset/collation, in replay order.
    const tableOptionAt = new Map<string, { at: Locatable; written: string | undefined }>();
    /** Per table key: the statement indexes of ALTERs that set a non-utf8mb3 character set (CONVERT TO converts columns). */
    const convertedAfter = new Map<string, number[]>();
    schema.statements.forEach((st, i) => {
      for (const f of st.facts) {
        if (f.kind === 'database') {
          const cs = charsetOf(f.charset, f.collation);
          if (cs === undefined) continue;
          if (cs === 'utf8mb3') pendingDb.push({ at: { file: st.file, span: st.span }, written: f.collation ?? f.charset! });
          else pendingDb = [];
        } else if (f.kind === 'alterTable') {
          const key = nameKey(f.table, d);
          for (const a of f.actions) {
            if (a.action !== 'setOptions' || (a.charset === undefined && a.collation === undefined)) continue;
            const cs = charsetOf(a.charset, a.collation);
            tableOptionAt.set(key, { at: { file: st.file, span: a.span }, written: a.collation ?? a.charset });
            if (cs !== 'utf8mb3') convertedAfter.set(key, [...(convertedAfter.get(key) ?? []), i]);
          }
        } else if (f.kind === 'createTable') {
          // A re-created table starts over.
          const key = nameKey(f.table.name, d);
          tableOptionAt.delete(key);
          convertedAfter.delete(key);
        }
      }
    });
    for (const p of pendingDb) {
      ctx.report({ messageId: 'database', data: { charset: 'utf8mb3' }, at: p.at, help: help('as the database default', p.written) });
    }

    for (const t of schema.tables.values()) {
      if (t.unclosed || t.temporary) continue;
      const name = displayName(t.name);
      const tableUtf8mb3 = charsetOf(t.charset, t.collation) === 'utf8mb3';
      if (tableUtf8mb3) {
        const alter = tableOptionAt.get(t.key);
        const written = alter?.written ?? t.collation ?? t.charset!;
        ctx.report({
          messageId: 'table',
          data: { table: name, charset: 'utf8mb3' },
          at: alter?.at ?? t,
          part: alter ? undefined : 'name',
          help: help('as the table default', written),
        });
      }
      const converts = convertedAfter.get(t.key) ?? [];
      for (const c of t.columns) {
        const cs = columnCharset(c);
        // In a utf8mb3 table, a column that restates utf8mb3 (as mysqldump writes them) is covered by the table's
        // finding: CONVERT TO CHARACTER SET converts both.
        if (cs !== 'utf8mb3' || tableUtf8mb3) continue;
        // A later `CONVERT TO CHARACTER SET utf8mb4` (or a default change we cannot tell from it) re-encodes the column.
        if (converts.length && converts[converts.length - 1] > statementIndex(schema.statements, c)) continue;
        ctx.report({
          messageId: 'column',
          data: { table: name, column: c.name, charset: 'utf8mb3' },
          at: c,
          part: 'name',
          help: help('for this column', c.collation ?? c.charset ?? 'utf8mb3'),
        });
      }
    }
  },
};

/** The character set a charset/collation pair names (a collation implies its charset). */
function charsetOf(charset: string | undefined, collation: string | undefined): string | undefined {
  const cs = canonicalCharset(charset);
  if (cs) return cs;
  const co = canonicalCollation(collation);
  return co ? co.split('_')[0] : undefined;
}

/** The character set written on a column: CHARACTER SET / COLLATE, or NCHAR / NATIONAL (utf8mb3 by definition). */
function columnCharset(c: Column): string | undefined {
  const written = charsetOf(c.charset, c.collation);
  if (written) return written;
  if (/^\s*(?:national\b|nchar\b|nvarchar\b|nchar\s+varchar\b)/i.test(c.rawType)) return 'utf8mb3';
  return undefined;
}

function toMb4(written: string): string {
  const w = written.toLowerCase();
  if (w === 'utf8' || w === 'utf8mb3') return 'utf8mb4';
  return w.replace(/^utf8(?:mb3)?_/, 'utf8mb4_');
}

function statementIndex(statements: { file: string; span: { start: number; end: number } }[], node: { origin: { file: string; span: { start: number } } }): number {
  const { file, span } = node.origin;
  return statements.findIndex((st) => st.file === file && st.span.start <= span.start && span.start <= st.span.end);
}
