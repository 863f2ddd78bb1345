import type { Rule, RuleContext } from './types';
import type { Fix } from '../api';
import type { Dialect, Origin } from '../model/types';
import type { Schema, Table } from '../model/schema';
import { columnKey, displayName, findTable } from '../model/schema';
import { quoteIdent } from '../fixes';

/**
 * Names that do not follow the project's configured convention: table case and number, foreign key column names,
 * index names, constraint name prefixes. Off by default (severity `off` until configured): a convention is a team's choice,
 * and nothing here is wrong to the database. Each check reports the name it expected. Only index and constraint
 * names get a fix, and only where the object is created (a schema file or the newest migration) and no other
 * statement names it: a table or column rename would break every query and statement that uses the old name.
 */
export const rule: Rule = {
  meta: {
    id: 'naming-convention',
    type: 'suggestion',
    category: 'integrity',
    description: 'Tables, foreign key columns, indexes and constraints should follow the configured naming convention (off by default)',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    // A convention is a team's choice, not a defect: it runs only when configured ("naming-convention": "hint").
    defaultSeverity: 'off',
    fixable: 'sometimes',
    messages: {
      tableCase: 'Table `{{name}}` is not {{case}}: expected `{{expected}}`',
      tableNumber: 'Table `{{name}}` is not {{number}}: expected `{{expected}}`',
      foreignKeyColumn: 'Foreign key column `{{table}}.{{column}}` → `{{target}}` does not follow `{{pattern}}`: expected `{{expected}}`',
      indexName: 'Index `{{name}}` on `{{table}}({{columns}})` does not follow `{{pattern}}`: expected `{{expected}}`',
      constraintPrefix: '{{kind}} `{{name}}` on `{{table}}` does not start with `{{prefix}}`: expected `{{expected}}`',
    },
    options: {
      tableCase: { type: 'string', default: 'snake_case', enum: ['snake_case', 'camelCase', 'PascalCase'], description: 'Case of table names.' },
      pluralTables: { type: 'string', default: 'any', enum: ['plural', 'singular', 'any'], description: 'Whether table names are plural (`orders`), singular (`order`), or either.' },
      foreignKeyColumn: {
        type: 'string',
        default: '{referenced_singular}_id',
        description:
          'Pattern of single-column foreign key names, with {referenced_table}, {referenced_singular}, {referenced_column}; a role name in place of the placeholder (`author_id` → users) is accepted. Empty: not checked.',
      },
      indexName: { type: 'string', default: '', description: 'Pattern of index names, with {table} and {columns} (joined by `_`), e.g. `ix_{table}_{columns}`. Empty: not checked.' },
      constraintPrefixes: {
        type: 'string[]',
        default: [],
        description: 'Prefixes of explicitly named primary key, foreign key, unique and check constraints, in that order, e.g. `["pk_", "fk_", "uq_", "ck_"]` (an empty string skips that kind). Empty: not checked.',
      },
    },
  },
  check(ctx) {
    const o = ctx.options;
    const tableCase = typeof o.tableCase === 'string' && o.tableCase in CASES ? (o.tableCase as keyof typeof CASES) : 'snake_case';
    const number = o.pluralTables === 'plural' || o.pluralTables === 'singular' ? o.pluralTables : undefined;
    const fkPattern = typeof o.foreignKeyColumn === 'string' ? o.foreignKeyColumn : '';
    const ixPattern = typeof o.indexName === 'string' ? o.indexName : '';
    const prefixes = Array.isArray(o.constraintPrefixes) ? o.constraintPrefixes.map((p) => (typeof p === 'string' ? p : '')) : [];
    const referenced = referencedNames(ctx.schema);
    for (const t of ctx.schema.tables.values()) {
      if (t.unclosed || t.temporary || t.virtual) continue;
      checkTable(ctx, t, tableCase, number);
      if (fkPattern) checkForeignKeys(ctx, t, fkPattern, CASES[tableCase].join);
      if (ixPattern) checkIndexes(ctx, t, ixPattern, referenced);
      if (prefixes.some((p) => p)) checkConstraints(ctx, t, prefixes, referenced);
    }
  },
};

const CASES = {
  snake_case: { test: /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, join: (w: string[]) => w.map((x) => x.toLowerCase()).join('_') },
  camelCase: { test: /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/, join: (w: string[]) => w.map((x, i) => (i === 0 ? x.toLowerCase() : cap(x))).join('') },
  PascalCase: { test: /^(?:[A-Z][a-z0-9]*)+$/, join: (w: string[]) => w.map(cap).join('') },
};

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** Words of an identifier in any of the cases: `order_lines`, `orderLines`, `OrderLines`, `HTTPLog` → order, lines. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-]+/)
    .filter(Boolean);
}

/** Words whose singular and plural we do not guess: never reported for number, never used to build a name. */
const UNCOUNTABLE = new Set(
  'data metadata media info information news series species equipment staff people person children child men women feedback software hardware settings status analysis'.split(' '),
);

function pluralOf(w: string): string | undefined {
  const l = w.toLowerCase();
  if (UNCOUNTABLE.has(l)) return undefined;
  if (/[^aeiou]y$/.test(l)) return w.slice(0, -1) + 'ies';
  if (/(?:s|x|z|ch|sh)$/.test(l)) return w + 'es';
  return w + 's';
}

function singularOf(w: string): string | undefined {
  const l = w.toLowerCase();
  if (UNCOUNTABLE.has(l)) return undefined;
  if (/[^aeiou]ies$/.test(l)) return w.slice(0, -3) + 'y';
  if (/(?:ss|x|z|ch|sh)es$/.test(l)) return w.slice(0, -2);
  if (/(?:ss|us|is)$/.test(l)) return w;
  if (/s$/.test(l)) return w.slice(0, -1);
  return w;
}

/** Is the word plural (by the regular English rules)? undefined when we cannot tell. */
function isPlural(w: string): boolean | undefined {
  const l = w.toLowerCase();
  if (UNCOUNTABLE.has(l) || l.length < 3) return undefined;
  if (/(?:ss|us|is)$/.test(l)) return false;
  return l.endsWith('s');
}

function checkTable(ctx: RuleContext, t: Table, tableCase: keyof typeof CASES, number: 'plural' | 'singular' | undefined): void {
  const name = t.name.name;
  const w = words(name);
  if (w.length === 0) return;
  const style = CASES[tableCase];
  if (!style.test.test(name)) {
    ctx.report({
      messageId: 'tableCase',
      data: { name: displayName(t.name), case: tableCase, expected: style.join(w) },
      at: t,
      part: 'name',
      help: `Rename the table in a migration (\`ALTER TABLE … RENAME TO ${style.join(w)}\`) together with the code that uses it, or suppress the finding if the name is fixed by something outside the schema.`,
    });
    return;
  }
  if (!number) return;
  const last = w[w.length - 1];
  const plural = isPlural(last);
  if (plural === undefined || plural === (number === 'plural')) return;
  const fixed = number === 'plural' ? pluralOf(last) : singularOf(last);
  if (!fixed || fixed === last) return;
  const expected = style.join([...w.slice(0, -1), fixed]);
  ctx.report({
    messageId: 'tableNumber',
    data: { name: displayName(t.name), number, expected },
    at: t,
    part: 'name',
    help: `Rename the table in a migration (\`ALTER TABLE … RENAME TO ${expected}\`) together with the code that uses it.`,
  });
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function checkForeignKeys(ctx: RuleContext, t: Table, pattern: string, recase: (w: string[]) => string): void {
  const d = t.dialect;
  const fks = t.constraints.filter((c) => c.kind === 'foreign' && c.columns.length === 1 && c.references);
  for (const fk of fks) {
    const ref = fk.references!;
    const target = findTable(ctx.schema, ref.table);
    // A self-reference names a role (parent_id); two keys to one table cannot both take its name.
    if (target === t || fks.filter((o) => displayName(o.references!.table) === displayName(ref.table)).length > 1) continue;
    const column = fk.columns[0];
    // A shared primary key (a 1:1 extension table) is named after this table's key, not the referenced one.
    if (t.constraints.some((c) => c.kind === 'primary' && c.columns.some((p) => columnKey(p, d) === columnKey(column, d)))) continue;
    const refColumn = ref.columns[0] ?? target?.constraints.find((c) => c.kind === 'primary')?.columns[0];
    // `{referenced_singular}_id` presumes the key is `id`: a key to another column (`country_code` → countries(code)) is named after that column.
    if (!refColumn || (!pattern.includes('{referenced_column}') && columnKey(refColumn, d).toLowerCase() !== 'id')) continue;
    const refWords = words(ref.table.name);
    if (refWords.length === 0) continue;
    const last = singularOf(refWords[refWords.length - 1]);
    if (last === undefined && pattern.includes('{referenced_singular}')) continue;
    // Table names in the configured case: `AvatarImage` → `avatar_image_id` under snake_case.
    const refName = recase(refWords);
    const singular = recase([...refWords.slice(0, -1), last ?? refWords[refWords.length - 1]]);
    const expected = fill(pattern, { referenced_table: refName, referenced_singular: singular, referenced_column: refColumn });
    if (columnKey(expected, d) === columnKey(column, d)) continue;
    // A role name in place of the table (`author_id` → users) follows the pattern's shape: accepted, unless the
    // "role" is the table's other form (`users_id` for `{referenced_singular}_id`).
    const shape = new RegExp('^' + escapeRe(pattern).replace(/\\\{\w+\\\}/g, '([A-Za-z0-9_]+?)') + '$', d === 'postgresql' ? '' : 'i');
    const m = shape.exec(column);
    const otherForms = [ref.table.name, refName, singular, pluralOf(singular) ?? refName].map((x) => x.toLowerCase());
    if (m && !m.slice(1).some((g) => otherForms.includes(g.toLowerCase()))) continue;
    const col = t.columns.find((c) => columnKey(c.name, d) === columnKey(column, d));
    ctx.report({
      messageId: 'foreignKeyColumn',
      data: { table: displayName(t.name), column, target: displayName(ref.table), pattern, expected },
      at: col ?? fk,
      part: col ? 'name' : 'columns',
      help: `Name it \`${expected}\` (or a role name in the same shape). Renaming a column also means renaming it in every query: do it in a migration with the code that uses it.`,
    });
  }
}

/** Index and constraint names some statement refers to (DROP, RENAME, VALIDATE): renaming the definition would break those. */
function referencedNames(schema: Schema): Set<string> {
  const out = new Set<string>();
  const d = schema.dialect;
  const add = (n: string) => out.add(columnKey(n, d));
  for (const st of schema.statements) {
    for (const f of st.facts) {
      if (f.kind === 'dropIndex') f.names.forEach((n) => add(n.name));
      else if (f.kind === 'renameIndex') add(f.from.name);
      else if (f.kind === 'alterTable') {
        for (const a of f.actions) {
          if (a.action === 'dropConstraint' || a.action === 'validateConstraint' || a.action === 'dropIndex') add(a.name);
          else if (a.action === 'renameIndex') add(a.from);
        }
      }
    }
  }
  return out;
}

/** Longest identifier each database keeps (PostgreSQL truncates longer ones; MySQL rejects them). */
function maxLength(d: Dialect): number {
  return d === 'postgresql' ? 63 : d === 'mysql' ? 64 : Infinity;
}

/** Rename a name where it is created, when that statement has not run yet anywhere and nothing else names it. */
function renameFix(ctx: RuleContext, origin: Origin, name: string, expected: string, d: Dialect, referenced: Set<string>, what: string): Fix | undefined {
  const span = origin.parts?.name;
  if (!span || referenced.has(columnKey(name, d)) || !ctx.fixes.canAddTo(origin.file)) return undefined;
  return {
    title: `Rename ${what} \`${name}\` to \`${expected}\``,
    safe: false,
    edits: [{ file: origin.file, start: span.start, end: span.end, newText: quoteIdent(expected, d) }],
  };
}

function checkIndexes(ctx: RuleContext, t: Table, pattern: string, referenced: Set<string>): void {
  const d = t.dialect;
  for (const ix of t.indexes) {
    if (!ix.name || ix.generatedName || ix.keys.some((k) => k.column === undefined)) continue;
    const columns = ix.keys.map((k) => k.column!);
    const expected = fill(pattern, { table: t.name.name, columns: columns.join('_') });
    if (/\{\w+\}/.test(expected) || expected.length > maxLength(d) || columnKey(expected, d) === columnKey(ix.name, d)) continue;
    if (t.indexes.some((o) => o !== ix && o.name && columnKey(o.name, d) === columnKey(expected, d))) continue;
    ctx.report({
      messageId: 'indexName',
      data: { name: ix.name, table: displayName(t.name), columns: columns.join(', '), pattern, expected },
      at: ix,
      part: 'name',
      help: `Name it \`${expected}\`. An index that already exists is renamed with \`ALTER INDEX … RENAME TO\` (PostgreSQL, MySQL \`ALTER TABLE … RENAME INDEX\`) in a new migration.`,
      fixes: [renameFix(ctx, ix.origin, ix.name, expected, d, referenced, 'index')],
    });
  }
}

const KINDS = ['primary', 'foreign', 'unique', 'check'] as const;
const KIND_NAMES: Record<(typeof KINDS)[number], string> = { primary: 'Primary key', foreign: 'Foreign key', unique: 'Unique constraint', check: 'Check constraint' };

function checkConstraints(ctx: RuleContext, t: Table, prefixes: string[], referenced: Set<string>): void {
  const d = t.dialect;
  for (const c of t.constraints) {
    const i = KINDS.indexOf(c.kind as (typeof KINDS)[number]);
    const prefix = i >= 0 ? prefixes[i] : undefined;
    if (!prefix || !c.name || c.generatedName) continue;
    if (d === 'postgresql' ? c.name.startsWith(prefix) : c.name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
    // MySQL names every primary key PRIMARY, whatever is written.
    if (c.kind === 'primary' && d === 'mysql') continue;
    const base = c.kind === 'check' ? c.name : c.kind === 'primary' ? t.name.name : [t.name.name, ...c.columns].join('_');
    const expected = prefix + base;
    if (expected.length > maxLength(d)) continue;
    const kind = KIND_NAMES[c.kind as (typeof KINDS)[number]];
    ctx.report({
      messageId: 'constraintPrefix',
      data: { kind, name: c.name, table: displayName(t.name), prefix, expected },
      at: c,
      part: 'name',
      help: `Name it \`${expected}\`. A constraint that already exists is renamed with \`ALTER TABLE … RENAME CONSTRAINT\` (PostgreSQL) in a new migration.`,
      fixes: [renameFix(ctx, c.origin, c.name, expected, d, referenced, kind.toLowerCase())],
    });
  }
}
