import type { Rule } from './types';
import type { ConstraintDef, QName } from '../model/types';
import type { Schema } from '../model/schema';
import { displayName, nameKey } from '../model/schema';
import { balanced } from '../model/indexes';
import { makeObjectName } from '../model/names';
import { quoteIdent } from '../fixes';
import { emptyBefore } from './_fresh-table';

/**
 * PostgreSQL `ALTER COLUMN c SET NOT NULL`, in a migration, on a table that existed before the file: PostgreSQL
 * scans every row to prove there is no NULL, holding ACCESS EXCLUSIVE (no reads, no writes) throughout.
 * Silent when the column is NOT NULL already (a no-op), and from PostgreSQL 12 on when a valid
 * `CHECK (c IS NOT NULL)` is on the table at that point of the replay: PostgreSQL then skips the scan.
 */
export const rule: Rule = {
  meta: {
    id: 'blocking-set-not-null',
    type: 'problem',
    category: 'migrations',
    description: 'SET NOT NULL on an existing table scans it under an ACCESS EXCLUSIVE lock',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      scan: 'Setting `{{table}}.{{column}}` NOT NULL scans every row of `{{table}}` under an ACCESS EXCLUSIVE lock, which blocks its reads and writes until the scan ends',
    },
  },
  check(ctx) {
    const m = ctx.migrations;
    const pg12 = m.postgresVersion >= 12;
    const state = new NullState(ctx.schema);
    for (const r of ctx.schema.statements) {
      for (const f of r.facts) {
        state.before(f);
        if (f.kind !== 'alterTable') continue;
        const t = state.table(f.table);
        for (const a of f.actions) {
          if (
            a.action === 'setNotNull' &&
            r.isMigration &&
            m.existing(r) &&
            !t.notNull.has(a.name) &&
            !(pg12 && state.provenByCheck(t, a.name)) &&
            !checkedByOtherAction(f.actions, a.name) &&
            !emptyBefore(ctx, r, f, f.table)
          ) {
            const table = displayName(f.table);
            const q = (n: string) => quoteIdent(n, 'postgresql');
            const tq = q(f.table.name);
            const check = q(makeObjectName(f.table.name, a.name, 'not_null'));
            const help = pg12
              ? `Prove it without the long lock, one step per migration: ` +
                `1. \`ALTER TABLE ${tq} ADD CONSTRAINT ${check} CHECK (${q(a.name)} IS NOT NULL) NOT VALID\` (a brief lock, no scan); ` +
                `2. \`ALTER TABLE ${tq} VALIDATE CONSTRAINT ${check}\` (scans under SHARE UPDATE EXCLUSIVE: reads and writes go on); ` +
                `3. \`ALTER TABLE ${tq} ALTER COLUMN ${q(a.name)} SET NOT NULL\` (PostgreSQL 12+ sees the valid check and skips the scan); ` +
                `4. \`ALTER TABLE ${tq} DROP CONSTRAINT ${check}\`.`
              : `PostgreSQL ${m.postgresVersion} always scans for SET NOT NULL (from 12 on a valid \`CHECK (${q(a.name)} IS NOT NULL)\` spares the scan). ` +
                (state.provenByCheck(t, a.name)
                  ? `The valid check on \`${a.name}\` already enforces it: keep it instead, and set the column NOT NULL once on PostgreSQL 12+.`
                  : `Meanwhile that check enforces the same without the long lock: \`ALTER TABLE ${tq} ADD CONSTRAINT ${check} CHECK (${q(a.name)} IS NOT NULL) NOT VALID\`, then \`VALIDATE CONSTRAINT ${check}\` in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on).`);
            ctx.report({
              messageId: 'scan',
              data: { table, column: a.name },
              severity: m.isLarge(f.table) ? 'error' : undefined,
              at: { file: r.file, span: a.span },
              help,
            });
          }
          if (a.action === 'renameTable') state.rename(f.table, a.to);
          else state.apply(t, a);
        }
      }
    }
  },
};

/**
 * Does another action of the same ALTER TABLE already take the lock and check the column: a type change of it that
 * rewrites the table (PostgreSQL checks NOT NULL while it rewrites; table-rewrite judges that), or a primary key over
 * it (which sets NOT NULL itself; unique-constraint-addition judges that)?
 */
function checkedByOtherAction(actions: Action[], column: string): boolean {
  return actions.some(
    (x) =>
      // To varchar/text the change may be binary-coercible (no rewrite): then SET NOT NULL still scans.
      (x.action === 'alterColumnType' && x.name === column && !['varchar', 'text', 'char'].includes(x.type.name)) ||
      (x.action === 'addConstraint' && x.constraint.kind === 'primary' && x.constraint.columns.includes(column)),
  );
}

interface TableState {
  /** Columns known to be NOT NULL at this point of the replay. */
  notNull: Set<string>;
  /** CHECK constraints by name: the columns each proves NOT NULL (a top-level `c IS NOT NULL` conjunct), and whether it is valid. */
  checks: Map<string, { columns: Set<string>; valid: boolean }>;
}

type Fact = Schema['statements'][number]['facts'][number];
type Action = Extract<Fact, { kind: 'alterTable' }>['actions'][number];

/**
 * The NOT NULL columns and CHECK constraints of each table as the replay goes (declarations, then migrations in
 * order): what PostgreSQL knows when an `ALTER COLUMN … SET NOT NULL` runs.
 */
class NullState {
  private tables = new Map<string, TableState>();
  constructor(private readonly schema: Schema) {}

  table(name: QName): TableState {
    const k = nameKey(name, this.schema.dialect);
    let t = this.tables.get(k);
    if (!t) this.tables.set(k, (t = { notNull: new Set(), checks: new Map() }));
    return t;
  }

  /** Facts other than ALTER TABLE (which `apply` takes action by action). */
  before(f: Fact): void {
    switch (f.kind) {
      case 'createTable': {
        const t: TableState = { notNull: new Set(), checks: new Map() };
        this.tables.set(nameKey(f.table.name, this.schema.dialect), t);
        for (const c of f.table.columns) if (!c.nullable) t.notNull.add(c.name);
        for (const c of f.table.constraints) this.constraint(t, c);
        break;
      }
      case 'dropTable':
        for (const n of f.tables) this.tables.delete(nameKey(n, this.schema.dialect));
        break;
      case 'renameTable':
        this.rename(f.from, f.to);
        break;
    }
  }

  apply(t: TableState, a: Action): void {
    switch (a.action) {
      case 'addColumn':
        if (!a.column.nullable) t.notNull.add(a.column.name);
        for (const c of a.constraints) this.constraint(t, c);
        break;
      case 'setNotNull':
        t.notNull.add(a.name);
        break;
      case 'dropNotNull':
        t.notNull.delete(a.name);
        break;
      case 'dropColumn':
        t.notNull.delete(a.name);
        break;
      case 'renameColumn':
        if (t.notNull.delete(a.from)) t.notNull.add(a.to);
        for (const c of t.checks.values()) if (c.columns.delete(a.from)) c.columns.add(a.to);
        break;
      case 'addConstraint':
        this.constraint(t, a.constraint);
        break;
      case 'validateConstraint': {
        const c = t.checks.get(a.name);
        if (c) c.valid = true;
        break;
      }
      case 'dropConstraint':
        t.checks.delete(a.name);
        break;
    }
  }

  /** Does a valid CHECK on the table prove `column` NOT NULL (PostgreSQL 12+ then skips SET NOT NULL's scan)? */
  provenByCheck(t: TableState, column: string): boolean {
    for (const c of t.checks.values()) if (c.valid && c.columns.has(column)) return true;
    return false;
  }

  private constraint(t: TableState, c: ConstraintDef): void {
    if (c.kind === 'primary') for (const col of c.columns) t.notNull.add(col);
    // An unnamed check gets a generated name that nothing in a migration refers to until it is dropped by it.
    if (c.kind === 'check' && c.expression !== undefined) t.checks.set(c.name ?? `\u0000${t.checks.size}`, { columns: notNullColumns(c.expression), valid: !c.notValid });
  }

  /** RENAME TO (a statement of its own, or an action of an ALTER TABLE): the state moves with the table. */
  rename(from: QName, to: QName): void {
    const k = nameKey(from, this.schema.dialect);
    const t = this.tables.get(k);
    if (!t) return;
    this.tables.delete(k);
    this.tables.set(nameKey({ schema: to.schema ?? from.schema, name: to.name }, this.schema.dialect), t);
  }
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)`;
const IS_NOT_NULL = new RegExp(String.raw`^(?:${IDENT}\s*\.\s*)?(${IDENT})\s+IS\s+NOT\s+NULL$`, 'i');

/**
 * The columns a CHECK expression proves NOT NULL: its top-level AND conjuncts of the form `c IS NOT NULL`
 * (parentheses and a table qualifier allowed; unquoted names fold to lower case, as PostgreSQL does).
 */
function notNullColumns(expression: string): Set<string> {
  const out = new Set<string>();
  for (const part of conjuncts(expression)) {
    const m = IS_NOT_NULL.exec(part);
    if (!m) continue;
    const id = m[1];
    out.add(id.startsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id.toLowerCase());
  }
  return out;
}

function stripParens(s: string): string {
  s = s.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

/** Top-level `AND` operands, each without its outer parentheses (recursively: `(a AND (b AND c))` → a, b, c). */
function conjuncts(expression: string): string[] {
  const s = stripParens(expression);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      const close = s.indexOf(ch, i + 1);
      if (close < 0) return [s];
      i = close;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /^and\b/i.test(s.slice(i, i + 4)) && (i === 0 || /[\s)]/.test(s[i - 1]))) {
      parts.push(s.slice(start, i));
      start = i + 3;
    }
  }
  parts.push(s.slice(start));
  if (parts.length === 1) return [s];
  return parts.flatMap((p) => conjuncts(p));
}
