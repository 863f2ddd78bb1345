import type { Rule, RuleContext } from './types';
import type { Fact, Span } from '../model/types';
import type { StatementRecord } from '../model/schema';
import { columnKey, displayName, nameKey } from '../model/schema';
import { outsideTransaction, transactionOpener } from './_concurrent-index';

type AlterEnum = Extract<Fact, { kind: 'alterEnum' }>;

/**
 * PostgreSQL `ALTER TYPE … ADD VALUE` in a migration that runs inside a transaction block (explicit, or the
 * framework's wrapping of the file): before PostgreSQL 12 the statement itself is refused there; from 12 on it runs,
 * but the new value cannot be used until the transaction commits ("unsafe use of new value"), so a later statement
 * of the same transaction that casts or compares the value as a literal fails.
 */
export const rule: Rule = {
  meta: {
    id: 'enum-value-in-transaction',
    type: 'problem',
    category: 'migrations',
    description: 'ALTER TYPE … ADD VALUE cannot run in a transaction before PostgreSQL 12, nor its value be used in the same transaction',
    dialects: ['postgresql'],
    defaultSeverity: 'error',
    fixable: 'never',
    messages: {
      inTransaction: '`ALTER TYPE {{type}} ADD VALUE` cannot run inside a transaction block before PostgreSQL 12, and {{opener}} runs it in one',
      usedInTransaction: "The new value `'{{value}}'` of `{{type}}` is used in the transaction that adds it, before it is committed",
    },
  },
  check(ctx) {
    for (const r of ctx.migrations.statements()) {
      for (const f of r.facts) {
        if (f.kind !== 'alterEnum') continue;
        const tx = ctx.migrations.transactionOf(r);
        if (!tx.inTransaction || createdInTransaction(ctx, r, f)) continue;
        const type = displayName(f.name);
        if (ctx.migrations.postgresVersion < 12)
          ctx.report({
            messageId: 'inTransaction',
            data: { type, opener: transactionOpener(tx.by) },
            at: { file: r.file, span: f.span },
            help: `PostgreSQL ${ctx.migrations.postgresVersion} refuses it there ("ALTER TYPE … ADD cannot run inside a transaction block") and the migration fails: ${outsideTransaction(tx.by)}.`,
          });
        for (const use of usesLater(ctx, r, f))
          ctx.report({
            messageId: 'usedInTransaction',
            data: { value: f.value, type },
            at: { file: r.file, span: use },
            help:
              `PostgreSQL refuses it ("unsafe use of new value \\"${f.value}\\" of enum type ${f.name.name}") and the migration fails: ` +
              `commit the new value first: use it in a later migration${tx.by === 'explicit' ? ', or after the `COMMIT`' : ''}.`,
            related: [{ at: { file: r.file, span: f.span }, message: `\`'${f.value}'\` is added to \`${type}\` here` }],
          });
      }
    }
  },
};

/**
 * Did the transaction create the type before this ADD VALUE? Then PostgreSQL allows both: ADD VALUE in the
 * transaction before 12, and the new value's use from 12 on.
 */
function createdInTransaction(ctx: RuleContext, r: StatementRecord, f: AlterEnum): boolean {
  const key = nameKey(f.name, 'postgresql');
  let created = false;
  for (const s of ctx.migrations.fileStatements(r.file)) {
    if (s === r) break;
    for (const x of s.facts) {
      if (x.kind === 'transaction') created = false;
      else if (x.kind === 'createEnum' && nameKey(x.name, 'postgresql') === key) created = true;
    }
  }
  return created;
}

/**
 * The string literals `'value'` after the ADD VALUE and before the transaction ends (a COMMIT or ROLLBACK later in
 * the file; else the end of the file), in statements that name the type or a column of that type: a cast or a
 * comparison of the new value. Comments and other ADD VALUE statements are skipped; dollar-quoted bodies are read
 * only in `DO` blocks (a function body runs later, after the commit).
 */
function usesLater(ctx: RuleContext, r: StatementRecord, f: AlterEnum): Span[] {
  const text = ctx.fixes.text(r.file);
  if (text === undefined) return [];
  const later = ctx.migrations.fileStatements(r.file).filter((s) => s.span.start >= r.span.end);
  const end = later.find((s) => s.facts.some((x) => x.kind === 'transaction' && x.control !== 'begin'))?.span.start ?? text.length;
  const skip = later.filter((s) => s.facts.some((x) => x.kind === 'alterEnum')).map((s) => s.span);
  const names = typeNames(ctx, f);
  const out: Span[] = [];
  for (const lit of literals(text, r.span.end, end)) {
    if (lit.value !== f.value || skip.some((s) => s.start <= lit.span.start && lit.span.end <= s.end)) continue;
    const words = text.slice(lit.statement, lit.span.start) + ' ' + text.slice(lit.span.end, statementEnd(text, lit.span.end, end));
    if ([...words.matchAll(/[A-Za-z_][\w$]*|"(?:[^"]|"")+"/g)].some((m) => names.has(columnKey(m[0].replace(/^"|"$/g, '').replace(/""/g, '"'), 'postgresql')))) out.push(lit.span);
  }
  return out;
}

/** The enum's name and the columns declared with it: words that tie a literal to the enum. */
function typeNames(ctx: RuleContext, f: AlterEnum): Set<string> {
  const own = columnKey(f.name.name, 'postgresql');
  const names = new Set([own]);
  for (const t of ctx.schema.tables.values())
    for (const c of t.columns) {
      const base = c.rawType.replace(/\[\]|\s+ARRAY\b/gi, '').trim().split('.').pop() ?? '';
      if (columnKey(base.replace(/^"|"$/g, ''), 'postgresql') === own) names.add(columnKey(c.name, 'postgresql'));
    }
  return names;
}

interface Literal {
  value: string;
  span: Span;
  /** Where the statement holding it starts. */
  statement: number;
}

/** String literals of `text[from, to)`, outside comments, identifiers and non-DO dollar-quoted bodies. */
function* literals(text: string, from: number, to: number, statement = from): Generator<Literal> {
  let i = from;
  let start = statement;
  while (i < to) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? to : e + 2;
    } else if (c === "'") {
      let j = i + 1;
      let value = '';
      while (j < to) {
        if (text[j] === "'" && text[j + 1] === "'") {
          value += "'";
          j += 2;
        } else if (text[j] === "'") break;
        else value += text[j++];
      }
      yield { value, span: { start: i, end: Math.min(j + 1, to) }, statement: start };
      i = j + 1;
    } else if (c === '"') {
      const e = text.indexOf('"', i + 1);
      i = e < 0 ? to : e + 1;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 64)) && !/[\w$]/.test(text[i - 1] ?? '')) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64))![0];
      const e = text.indexOf(tag, i + tag.length);
      const bodyEnd = e < 0 ? to : Math.min(e, to);
      if (/^DO\b/i.test(stripComments(text.slice(start, i)).trim())) yield* literals(text, i + tag.length, bodyEnd, start);
      i = e < 0 ? to : e + tag.length;
    } else {
      if (c === ';') start = i + 1;
      i++;
    }
  }
}

/** The end of the statement that goes on at `at` (its `;`), at most `to`. */
function statementEnd(text: string, at: number, to: number): number {
  const e = text.indexOf(';', at);
  return e < 0 || e > to ? to : e;
}

function stripComments(s: string): string {
  return s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}
