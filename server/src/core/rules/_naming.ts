/**
 * Naming conventions shared by the reference rules (missing-foreign-key, polymorphic-association): how a column
 * names the table it points at (`customer_id`, `customerId`, `CustomerID`), and simple English inflection so
 * `category_id` finds `categories` and `person_id` finds `people`.
 */
import type { Column, Schema, Table } from '../model/schema';
import type { ConstraintDef, QName } from '../model/types';
import { columnKey, primaryKey, sameColumn } from '../model/schema';
import { indexLookup, type TableIndex } from '../model/reads';

/** Lower-case, without underscores: `order_items`, `OrderItems` and `orderItems` all become `orderitems`. */
export function squash(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/**
 * Splits a column name into the thing it names and its suffix: `customer_id` → `customer`, `customerId` →
 * `customer`, `CustomerID` → `Customer`, `author_type` → `author`. Undefined when the name has no such suffix or
 * nothing before it.
 */
const STEM = {
  id: { snake: /^(.+?)_id$/i, camel: /^(.*[a-z0-9])(?:Id|ID)$/ },
  type: { snake: /^(.+?)_type$/i, camel: /^(.*[a-z0-9])(?:Type|TYPE)$/ },
};

export function stemOf(column: string, suffix: 'id' | 'type'): string | undefined {
  const r = STEM[suffix];
  const snake = r.snake.exec(column);
  if (snake) return snake[1];
  // camelCase / PascalCase: a lower-case letter or digit, then `Id`/`ID` (`Type`/`TYPE`) ending the name.
  const camel = r.camel.exec(column);
  return camel ? camel[1] : undefined;
}

const IRREGULAR: Record<string, string> = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  goose: 'geese',
  foot: 'feet',
  tooth: 'teeth',
  ox: 'oxen',
  datum: 'data',
  medium: 'media',
  criterion: 'criteria',
  index: 'indices',
  matrix: 'matrices',
  vertex: 'vertices',
  analysis: 'analyses',
  crisis: 'crises',
  thesis: 'theses',
  leaf: 'leaves',
  life: 'lives',
  wife: 'wives',
  knife: 'knives',
  half: 'halves',
  shelf: 'shelves',
};

/** The plural spellings a table named after `word` (squashed, lower-case) may have, `word` itself first. */
export function nameForms(word: string): string[] {
  const out = new Set<string>([word, word + 's']);
  if (/(?:s|x|z|ch|sh)$/.test(word)) out.add(word + 'es');
  if (/[^aeiou]y$/.test(word)) out.add(word.slice(0, -1) + 'ies');
  for (const [sing, plur] of Object.entries(IRREGULAR)) {
    if (word === sing || word.endsWith(sing)) out.add(word.slice(0, word.length - sing.length) + plur);
  }
  return [...out];
}

/** Table keys by (schema, squashed name): rules look a name up for every `*_id` column. */
const squashedNames: TableIndex = {
  perTable: (_schema, t, add) => add((t.name.schema ?? '') + '\u0000' + squash(t.name.name)),
};

/**
 * The table a reference named `stem` points at: the one table of the same schema (PG namespace) whose squashed name
 * is `stem` or one of its plurals. Tables of other schemas do not count: `partman.template_events.plan_id` is not
 * meant to reference `public.plans`.
 */
export function tableNamedBy(schema: Schema, from: Table, stem: string): Table | undefined {
  const scope = (from.name.schema ?? '') + '\u0000';
  const matches = new Set<string>();
  for (const form of nameForms(squash(stem))) for (const k of indexLookup(schema, squashedNames, scope + form)) matches.add(k);
  return matches.size === 1 ? schema.tables.get(matches.values().next().value!) : undefined;
}

/** `table\u0000column` (as keyed by sameColumn) of every FK any statement of the history declared (the value: a marker). */
const everForeignKeys: TableIndex = {
  whole: (schema) => {
    const d = schema.dialect;
    const m = new Map<string, string[]>();
    const add = (t: QName, k: ConstraintDef) => {
      if (k.kind === 'foreign') for (const c of k.columns) m.set(columnKey(t.name, d) + '\u0000' + columnKey(c, d), ['']);
    };
    for (const st of schema.statements) {
      for (const f of st.facts) {
        if (f.kind === 'createTable') for (const k of f.table.constraints) add(f.table.name, k);
        if (f.kind === 'alterTable') {
          for (const a of f.actions) {
            if (a.action === 'addConstraint') add(f.table, a.constraint);
            if (a.action === 'addColumn' || a.action === 'modifyColumn') for (const k of a.constraints) add(f.table, k);
          }
        }
      }
    }
    return m;
  },
};

/**
 * Did any statement of the replayed history declare a foreign key on `table(column)`? One that is gone now was
 * dropped on purpose.
 */
export function everHadForeignKey(schema: Schema, table: Table, column: string): boolean {
  const d = schema.dialect;
  return indexLookup(schema, everForeignKeys, columnKey(table.name.name, d) + '\u0000' + columnKey(column, d)).length > 0;
}

/** The single-column primary key column of a table, if it has exactly one. */
export function singlePkColumn(table: Table): Column | undefined {
  const pk = primaryKey(table);
  if (!pk || pk.columns.length !== 1) return undefined;
  return table.columns.find((c) => sameColumn(c.name, pk.columns[0], table.dialect));
}

const INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint']);
const STRINGS = new Set(['char', 'varchar', 'text', 'citext', 'tinytext', 'mediumtext', 'longtext', 'nvarchar', 'nchar']);

export function isIntegerType(c: Column): boolean {
  return INTEGERS.has(c.type.name) && !c.type.array;
}

export function isStringType(c: Column): boolean {
  return STRINGS.has(c.type.name) && !c.type.array;
}

/** Could `col` hold the key `pk`: both integers, both strings, or the same named type (uuid, …)? */
export function compatibleKeyTypes(col: Column, pk: Column): boolean {
  if (col.type.array || pk.type.array || !col.type.name || !pk.type.name) return false;
  if (isIntegerType(col) && isIntegerType(pk)) return true;
  if (isStringType(col) && isStringType(pk)) return true;
  return col.type.name === pk.type.name && (col.type.name === 'uuid' || col.type.name === 'binary' || col.type.name === 'varbinary');
}

/** Does a foreign key of `table` use `column`? */
export function inForeignKey(table: Table, column: string): boolean {
  return table.constraints.some((k) => k.kind === 'foreign' && k.columns.some((n) => sameColumn(n, column, table.dialect)));
}

/** MySQL engines that enforce foreign keys; any other engine parses and ignores them. Undefined = the default, InnoDB. */
export function enforcesForeignKeys(table: Table): boolean {
  if (table.dialect !== 'mysql' || !table.engine) return true;
  return /^(?:innodb|ndb|ndbcluster)$/i.test(table.engine);
}
