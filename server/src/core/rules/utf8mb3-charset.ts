import type { Fix } from '../api';
import type { Locatable, Rule, RuleContext } from './types';
import type { Column } from '../model/schema';
import type { Span } from '../model/types';
import { canonicalCharset, canonicalCollation, displayName, nameKey, nationalType } from '../model/schema';

/**
 * MySQL/MariaDB `utf8` (= `utf8mb3`) written as a database default, a table default or a column character set
 * (or implied by a `utf8_*` / `utf8mb3_*` collation, or by NCHAR/NATIONAL, whose fixed charset is utf8mb3):
 * it stores at most 3 bytes per character, so emoji and other characters outside the Basic Multilingual Plane are
 * rejected (strict mode) or truncated. Reported where it is written, once per place: a column that merely inherits
 * the table's or database's default is not reported again.
 *
 * The fix rewrites the names as written (`utf8` → `utf8mb4`, `utf8_unicode_ci` → `utf8mb4_unicode_ci`) where a fix
 * may edit (a schema file, the newest migration). A table's fix also rewrites the columns its finding covers.
 */
export const rule: Rule = {
  meta: {
    id: 'utf8mb3-charset',
    type: 'problem',
    category: 'types',
    description: 'MySQL utf8/utf8mb3 cannot store 4-byte characters such as emoji; use utf8mb4',
    dialects: ['mysql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      database: 'Database default character set is `{{charset}}`, which cannot store 4-byte characters such as emoji',
      table: 'Table `{{table}}` defaults to character set `{{charset}}`, which cannot store 4-byte characters such as emoji',
      column: 'Column `{{table}}.{{column}}` uses character set `{{charset}}`, which cannot store 4-byte characters such as emoji',
      columns: 'Columns {{columns}} of table `{{table}}` keep character set `{{charset}}`, which cannot store 4-byte characters such as emoji',
    },
  },
  check(ctx) {
    const schema = ctx.schema;
    if (schema.dialect !== 'mysql') return;
    const d = schema.dialect;
    /** What to use instead, how to change it where it was written, and what converting costs. */
    const help = (what: string, written: string, at: Locatable, later: string, existing?: string) => {
      const mb4 = toMb4(written);
      const collation = /_/.test(written)
        ? mb4
          ? ` (collation \`${written}\` becomes \`${mb4}\`)`
          : ` (\`${written}\` has no utf8mb4 counterpart: pick a \`utf8mb4_*\` collation)`
        : '';
      const file = 'origin' in at ? at.origin.file : at.file;
      const applied = ctx.isMigrationFile(file) && !ctx.fixes.canAddTo(file);
      return (
        `Use \`utf8mb4\` ${what}${collation}. ` +
        (applied ? `This migration has run: make the change in a new one (${later}). ` : `${existing ?? 'An existing table is converted with'} ${CONVERT}, which rebuilds it. `) +
        'Indexed `VARCHAR(n)` columns then need up to 4·n bytes of key (767 bytes in COMPACT/REDUNDANT rows, 3072 in DYNAMIC), ' +
        'and both columns of a foreign key must have the same character set'
      );
    };

    // Database: every CREATE/ALTER DATABASE that sets utf8mb3, unless a later one sets another character set.
    let pendingDb: { at: Locatable; written: string; names: Written[] }[] = [];
    // Tables: the last ALTER of each table key that changed its charset/collation, in replay order.
    const tableOptionAt = new Map<string, { at: Locatable; written: string | undefined; names: Written[] }>();
    for (const st of schema.statements) {
      for (const f of st.facts) {
        if (f.kind === 'database') {
          const cs = charsetOf(f.charset, f.collation);
          if (cs === undefined) continue;
          const names = writtenIn(st.file, f.charsetSpan, f.collationSpan);
          if (cs === 'utf8mb3') pendingDb.push({ at: { file: st.file, span: st.span }, written: f.collation ?? f.charset!, names });
          else pendingDb = [];
        } else if (f.kind === 'alterTable') {
          // `DEFAULT CHARSET=utf8, COLLATE=utf8_bin` is two actions of one statement: rewritten together.
          const sets = f.actions.filter((a) => a.action === 'setOptions' && (a.charset !== undefined || a.collation !== undefined));
          const last = sets[sets.length - 1];
          if (last?.action !== 'setOptions') continue;
          tableOptionAt.set(nameKey(f.table, d), {
            at: { file: st.file, span: last.span },
            written: last.collation ?? last.charset,
            names: writtenIn(st.file, ...sets.flatMap((a) => (a.action === 'setOptions' ? [a.charsetSpan, a.collationSpan] : []))),
          });
        } else if (f.kind === 'createTable') {
          // A re-created table starts over.
          tableOptionAt.delete(nameKey(f.table.name, d));
        }
      }
    }
    for (const p of pendingDb) {
      const fix = mb4Fix(ctx, 'Use `utf8mb4` as the database default', p.names);
      ctx.report({
        messageId: 'database',
        data: { charset: 'utf8mb3' },
        at: p.at,
        help: help(
          'as the database default',
          p.written,
          p.at,
          '`ALTER DATABASE … CHARACTER SET utf8mb4`, which changes only tables created afterwards',
          'The database default applies to tables created afterwards; an existing table is converted with',
        ),
        fixes: [fix],
      });
    }

    for (const t of schema.tables.values()) {
      if (t.unclosed || t.temporary) continue;
      const name = displayName(t.name);
      const tableUtf8mb3 = charsetOf(t.charset, t.collation) === 'utf8mb3';
      if (tableUtf8mb3) {
        const alter = tableOptionAt.get(t.key);
        const written = alter?.written ?? t.collation ?? t.charset!;
        const names = alter ? alter.names : writtenIn(t.origin.file, t.origin.parts?.charset, t.origin.parts?.collation);
        // In a utf8mb3 table, a column that restates utf8mb3 (as mysqldump writes them) is covered by the table's
        // finding (CONVERT TO CHARACTER SET converts both), so the fix rewrites it too.
        const restated = t.columns.filter((c) => columnCharset(c) === 'utf8mb3' && !c.charsetSetBy).map(columnNames);
        const fix = mb4Fix(ctx, `Use \`utf8mb4\` for table \`${name}\``, names, restated);
        ctx.report({
          messageId: 'table',
          data: { table: name, charset: 'utf8mb3' },
          at: alter?.at ?? t,
          part: alter ? undefined : 'name',
          help: help('as the table default', written, alter?.at ?? t, `\`ALTER TABLE ${name} CONVERT TO CHARACTER SET utf8mb4\` converts its columns too`),
          fixes: [fix],
        });
      }
      // Columns whose utf8mb3 an ALTER TABLE decided (kept under a new table default, or converted before one), per ALTER.
      const leftBy = new Map<string, { at: Locatable; how: 'converted' | 'kept'; columns: Column[] }>();
      for (const c of t.columns) {
        if (columnCharset(c) !== 'utf8mb3' || tableUtf8mb3) continue;
        if (c.charsetSetBy) {
          const { file, span, how } = c.charsetSetBy;
          const k = `${how}\u0000${file}\u0000${span.start}`;
          const group = leftBy.get(k) ?? { at: { file, span }, how, columns: [] };
          group.columns.push(c);
          leftBy.set(k, group);
          continue;
        }
        const national = nationalType(c.rawType) && !c.charset && !c.collation;
        const fix = national ? undefined : mb4Fix(ctx, `Use \`utf8mb4\` for column \`${name}.${c.name}\``, columnNames(c));
        ctx.report({
          messageId: 'column',
          data: { table: name, column: c.name, charset: 'utf8mb3' },
          at: c,
          part: 'name',
          help: national
            ? `\`${c.rawType}\` is \`utf8mb3\` by definition: declare it as \`${plainType(c.rawType)} CHARACTER SET utf8mb4\``
            : help('for this column', c.collation ?? c.charset ?? 'utf8mb3', c, `\`ALTER TABLE ${name} MODIFY\` the column with \`CHARACTER SET utf8mb4\``),
          fixes: [fix],
        });
      }
      for (const g of leftBy.values()) {
        ctx.report({
          messageId: 'columns',
          data: { table: name, columns: g.columns.map((c) => `\`${c.name}\``).join(', '), charset: 'utf8mb3' },
          at: g.at,
          help:
            (g.how === 'kept'
              ? 'A new table default (`DEFAULT CHARSET=`, `COLLATE=`) applies to columns added later; existing columns keep their character set. '
              : 'This CONVERT TO set them to `utf8mb3`, and a later table default does not convert them. ') +
            `\`ALTER TABLE ${name} CONVERT TO CHARACTER SET utf8mb4\` converts them (it rebuilds the table; indexed \`VARCHAR(n)\` columns then need up to 4·n bytes of key)`,
        });
      }
    }
  },
};

const CONVERT = '`ALTER TABLE … CONVERT TO CHARACTER SET utf8mb4`';

/** A charset or collation name as written (a span in a file), to rewrite. */
type Written = { file: string; span: Span } | undefined;

function writtenIn(file: string, ...spans: (Span | undefined)[]): Written[] {
  return spans.map((span) => span && { file, span });
}

function columnNames(c: Column): Written[] {
  return writtenIn(c.origin.file, c.origin.parts?.charset, c.origin.parts?.collation);
}

/**
 * Rewrites the utf8/utf8mb3 character set and collation names written at `names` to their utf8mb4 counterparts,
 * keeping quotes and letter case; each group of `more` (a column's names) is rewritten too when it can be. A group
 * is rewritten whole or not at all: every utf8mb3 name of it written in a file a fix may edit, with a utf8mb4
 * counterpart (`CHARACTER SET utf8mb4 COLLATE utf8_bin` is refused by the server). Undefined when `names` cannot be.
 */
function mb4Fix(ctx: RuleContext, title: string, names: Written[], more: Written[][] = []): Fix | undefined {
  const main = rewrite(ctx, names);
  if (!main?.length) return undefined;
  return { title, safe: false, edits: [...main, ...more.flatMap((group) => rewrite(ctx, group) ?? [])] };
}

function rewrite(ctx: RuleContext, names: Written[]): Fix['edits'] | undefined {
  const edits: Fix['edits'] = [];
  for (const w of names) {
    if (!w) continue;
    const text = ctx.fixes.text(w.file);
    if (text === undefined || !ctx.fixes.canAddTo(w.file)) return undefined;
    const m = /^(['"`]?)(utf8(?:mb3)?)(_\w+)?\1$/i.exec(text.slice(w.span.start, w.span.end));
    if (!m) continue; // not a utf8mb3 name: nothing to rewrite
    const next = toMb4(m[2] + (m[3] ?? ''));
    if (!next) return undefined;
    const upper = m[2] === m[2].toUpperCase() && /[A-Z]/.test(m[2]);
    edits.push({ file: w.file, start: w.span.start, end: w.span.end, newText: m[1] + (upper ? next.toUpperCase() : next) + m[1] });
  }
  return edits;
}

/** The character set a charset/collation pair names (a collation implies its charset). */
function charsetOf(charset: string | undefined, collation: string | undefined): string | undefined {
  const cs = canonicalCharset(charset);
  if (cs) return cs;
  const co = canonicalCollation(collation);
  return co ? co.split('_')[0] : undefined;
}

/** The character set of a column: CHARACTER SET / COLLATE, or NCHAR / NATIONAL (utf8mb3 by definition). */
function columnCharset(c: Column): string | undefined {
  const written = charsetOf(c.charset, c.collation);
  if (written) return written;
  if (nationalType(c.rawType)) return 'utf8mb3';
  return undefined;
}

/** `nvarchar(n)`, `national varchar(n)`, `nchar varchar(n)` → `varchar(n)`; `nchar(n)`, `national char(n)` → `char(n)`. */
function plainType(rawType: string): string {
  return rawType.trim().replace(/^(?:national\s+|nchar\s+(?=varchar)|n(?=char|varchar))/i, '');
}

/** utf8mb3 collations with no utf8mb4 counterpart. */
const NO_MB4 = /_(?:general_mysql500_ci|tolower_ci)$/;

/** `utf8`/`utf8mb3` → `utf8mb4`; `utf8_unicode_ci`/`utf8mb3_unicode_ci` → `utf8mb4_unicode_ci`; undefined when there is none. */
function toMb4(written: string): string | undefined {
  const w = written.toLowerCase();
  if (w === 'utf8' || w === 'utf8mb3') return 'utf8mb4';
  if (NO_MB4.test(w) || !/^utf8(?:mb3)?_/.test(w)) return undefined;
  return w.replace(/^utf8(?:mb3)?_/, 'utf8mb4_');
}
