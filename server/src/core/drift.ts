/**
 * Drift between an ORM's model of a database (a Prisma schema, a project's TypeORM entities) and the migrations that
 * build the same database: tables, columns, types, nullability, defaults, keys, indexes, foreign keys and enums that
 * one side has and the other does not, or has differently. Pure: it reads two replayed schemas and returns findings.
 *
 * Conservative by design, since a false report costs more than a missed one:
 * - Indexes, uniques and foreign keys are matched by what they are (columns, uniqueness, referenced table), never by
 *   name; a unique constraint and a unique index on the same columns are the same thing.
 * - Types, defaults and referential actions are compared after the normalisations under which the database sees no
 *   difference (`timestamp(3) without time zone` = `timestamp(3)`, `'x'::text` = `'x'`, `now()` = `CURRENT_TIMESTAMP`,
 *   `serial` = an integer with a sequence default, integer display widths, MySQL's RESTRICT = NO ACTION).
 * - What the model cannot express is never drift: partial and expression indexes, access methods and operator
 *   classes of hand-written indexes, generated columns, CHECK and EXCLUDE constraints, views, functions, triggers,
 *   extensions, enum types only the migrations have, the nullability of Prisma lists, and (for TypeORM, which never
 *   drops a table it has no entity for) tables without an entity. Foreign keys are not compared for a Prisma schema
 *   in relationMode "prisma". A model table whose definition is incomplete (an entity over a base class outside the
 *   workspace, a Prisma model still being typed) is compared only for what it declares.
 * - One cause, one finding: what a missing table or column takes with it (its indexes, keys, the type of a column
 *   whose enum was renamed) is not reported again.
 *
 * Which side changed is read from the migrations' history (the replayed statements): an object a migration
 * dropped, renamed or altered after creating it changed on the migrations' side; one the model has and no migration
 * ever created, or has differently from how the migrations created it and never changed it, changed in the model.
 */
import type { ConstraintDef, Dialect, Fact, NormalizedType, Origin, OriginPart, QName, ReferentialAction, Span } from './model/types';
import { columnKey, displayName, findColumn, findTable, nameKey, primaryKey, type Column, type Schema, type Table } from './model/schema';
import { balanced, indexesOf, type IndexLike } from './model/indexes';

export type DriftKind =
  | 'missing-table'
  | 'extra-table'
  | 'missing-column'
  | 'extra-column'
  | 'type'
  | 'nullability'
  | 'default'
  | 'primary-key'
  | 'missing-index'
  | 'missing-unique'
  | 'uniqueness'
  | 'extra-index'
  | 'missing-foreign-key'
  | 'extra-foreign-key'
  | 'foreign-key-action'
  | 'missing-enum'
  | 'enum-values';

type Where = { origin: Origin } | { file: string; span: Span };

export interface DriftFinding {
  kind: DriftKind;
  /** A node of the ORM schema, or for something the model lacks, the ORM table (or schema file) it belongs in. */
  at: Where;
  /** The narrower part of `at` to point at, when it has one. */
  part?: OriginPart;
  /** The migrations' side: where they create, alter or drop it. */
  related?: { at: Where; message: string }[];
  message: string;
  help: string;
}

export interface CompareOptions {
  source: 'prisma' | 'typeorm';
}

export function compareSchemas(orm: Schema, migrations: Schema, opts: CompareOptions): DriftFinding[] {
  const c = new Comparison(orm, migrations, opts.source);
  c.run();
  return c.findings;
}

// ---------------------------------------------------------------------------------------------------------
// The migrations' history: per table and column, the last thing a migration did to it.

interface Event {
  file: string;
  span: Span;
}

interface ColumnHistory {
  /** The last change to the column as a whole. */
  last?: { what: 'create' | 'drop' | 'rename'; at: Event; to?: string };
  /** The last change of its type / nullability / default after it was created. */
  type?: Event;
  nullability?: Event;
  default?: Event;
}

interface TableHistory {
  last?: { what: 'create' | 'drop' | 'rename'; at: Event; to?: QName };
  columns: Map<string, ColumnHistory>;
}

class History {
  private tables = new Map<string, TableHistory>();
  /** Index and constraint names a migration dropped (lower-cased), and where. */
  private droppedNames = new Map<string, Event>();
  /** Enum values added by `ALTER TYPE … ADD VALUE`: enum key → value → where. */
  private enumValues = new Map<string, Map<string, Event>>();
  /** The last change to each type name (enums): dropped or renamed away. */
  private types = new Map<string, { what: 'create' | 'drop' | 'rename'; at: Event; to?: string }>();

  constructor(private readonly schema: Schema) {
    const d = schema.dialect;
    for (const rec of schema.statements) {
      if (!rec.isMigration) continue;
      for (const fact of rec.facts) this.fact(fact, rec.file, d);
      // DROP SCHEMA … CASCADE names no table: the replay recorded which ones it took.
      for (const t of rec.targets ?? []) if (t.fact.kind === 'dropSchema') this.table(nameKey(t.table, d)).last = { what: 'drop', at: { file: rec.file, span: t.fact.span } };
    }
  }

  private table(key: string): TableHistory {
    let h = this.tables.get(key);
    if (!h) this.tables.set(key, (h = { columns: new Map() }));
    return h;
  }

  private column(t: TableHistory, name: string): ColumnHistory {
    const key = columnKey(name, this.schema.dialect);
    let h = t.columns.get(key);
    if (!h) t.columns.set(key, (h = {}));
    return h;
  }

  private fact(fact: Fact, file: string, d: Dialect): void {
    const at = (span: Span): Event => ({ file, span });
    switch (fact.kind) {
      case 'createTable': {
        const h: TableHistory = { last: { what: 'create', at: at(fact.span) }, columns: new Map() };
        for (const c of fact.table.columns) h.columns.set(columnKey(c.name, d), { last: { what: 'create', at: at(c.origin.span) } });
        this.tables.set(nameKey(fact.table.name, d), h);
        return;
      }
      case 'dropTable':
        for (const n of fact.tables) this.table(nameKey(n, d)).last = { what: 'drop', at: at(fact.span) };
        return;
      case 'renameTable':
        this.renameTable(fact.from, fact.to, at(fact.span));
        return;
      case 'dropIndex':
        for (const n of fact.names) this.droppedNames.set(n.name.toLowerCase(), at(fact.span));
        return;
      case 'createEnum':
        this.types.set(nameKey(fact.name, d), { what: 'create', at: at(fact.span) });
        return;
      case 'renameType':
        this.types.set(nameKey(fact.from, d), { what: 'rename', at: at(fact.span), to: fact.to });
        return;
      case 'dropType':
        for (const n of fact.names) this.types.set(nameKey(n, d), { what: 'drop', at: at(fact.span) });
        return;
      case 'alterEnum': {
        const key = nameKey(fact.name, d);
        let m = this.enumValues.get(key);
        if (!m) this.enumValues.set(key, (m = new Map()));
        m.set(fact.value, at(fact.span));
        return;
      }
      case 'alterTable':
        break;
      default:
        return;
    }
    let t = this.table(nameKey(fact.table, d));
    for (const a of fact.actions) {
      switch (a.action) {
        case 'addColumn':
          t.columns.set(columnKey(a.column.name, d), { last: { what: 'create', at: at(a.column.origin.span) } });
          break;
        case 'dropColumn':
          this.column(t, a.name).last = { what: 'drop', at: at(a.span) };
          break;
        case 'renameColumn':
          this.renameColumn(t, a.from, a.to, at(a.span));
          break;
        case 'modifyColumn': {
          if (columnKey(a.from, d) !== columnKey(a.column.name, d)) this.renameColumn(t, a.from, a.column.name, at(a.column.origin.span));
          const h = this.column(t, a.column.name);
          h.type = h.nullability = h.default = at(a.column.origin.span);
          break;
        }
        case 'alterColumnType':
          this.column(t, a.name).type = at(a.span);
          break;
        case 'setNotNull':
        case 'dropNotNull':
          this.column(t, a.name).nullability = at(a.span);
          break;
        case 'setDefault':
        case 'dropDefault':
        case 'addIdentity':
          this.column(t, a.name).default = at(a.span);
          break;
        case 'dropConstraint':
        case 'dropIndex':
          this.droppedNames.set(a.name.toLowerCase(), at(a.span));
          break;
        case 'renameTable':
          t = this.renameTable(fact.table, a.to, at(a.span));
          break;
      }
    }
  }

  /** Moves a table's history to its new name; the old name keeps only "renamed to". Returns the moved history. */
  private renameTable(from: QName, to: QName, at: Event): TableHistory {
    const d = this.schema.dialect;
    const target = { schema: to.schema ?? from.schema, name: to.name };
    const h = this.table(nameKey(from, d));
    this.tables.set(nameKey(target, d), h);
    this.tables.set(nameKey(from, d), { last: { what: 'rename', at, to: target }, columns: new Map() });
    return h;
  }

  private renameColumn(t: TableHistory, from: string, to: string, at: Event): void {
    const d = this.schema.dialect;
    t.columns.set(columnKey(to, d), this.column(t, from));
    t.columns.set(columnKey(from, d), { last: { what: 'rename', at, to } });
  }

  tableOf(name: QName): TableHistory | undefined {
    return this.tables.get(nameKey(name, this.schema.dialect));
  }

  columnOf(table: QName, column: string): ColumnHistory | undefined {
    return this.tableOf(table)?.columns.get(columnKey(column, this.schema.dialect));
  }

  dropped(name: string | undefined): Event | undefined {
    return name === undefined ? undefined : this.droppedNames.get(name.toLowerCase());
  }

  typeOf(name: QName): { what: 'create' | 'drop' | 'rename'; at: Event; to?: string } | undefined {
    return this.types.get(nameKey(name, this.schema.dialect));
  }

  valueAdded(enumName: QName, value: string): Event | undefined {
    return this.enumValues.get(nameKey(enumName, this.schema.dialect))?.get(value);
  }
}

// ---------------------------------------------------------------------------------------------------------

class Comparison {
  readonly findings: DriftFinding[] = [];
  private readonly d: Dialect;
  private readonly history: History;
  /** Migration tables and columns a finding already explains (the target of a rename the model has not followed). */
  private explained = new Set<Table | Column>();
  /** Prisma's relationMode "prisma": the model's relations are no constraints, and it manages none. */
  private readonly ormKeepsRelations: boolean;

  constructor(
    private readonly orm: Schema,
    private readonly mig: Schema,
    private readonly source: 'prisma' | 'typeorm',
  ) {
    this.d = mig.dialect;
    this.history = new History(mig);
    this.ormKeepsRelations = [...orm.tables.values()].some((t) => t.constraints.some((c) => c.kind === 'foreign' && c.notEnforced));
  }

  run(): void {
    const matched = new Set<Table>();
    for (const t of this.orm.tables.values()) {
      if (!comparable(t)) continue;
      const m = findTable(this.mig, t.name);
      if (m) {
        matched.add(m);
        this.table(t, m);
      } else {
        this.missingTable(t);
      }
    }
    // TypeORM never drops a table it has no entity for (and the entity globs may not cover them all): only a Prisma
    // schema claims every table of its database.
    if (this.source === 'prisma') {
      for (const m of this.mig.tables.values()) if (comparable(m) && !matched.has(m) && !this.explained.has(m)) this.extraTable(m);
    }
    if (this.d === 'postgresql') this.enums();
  }

  // --- wording

  /** The ORM file a node is declared in, as the user knows it: `schema.prisma`, `user.entity.ts`. */
  private label(o: { origin: Origin }): string {
    return '`' + baseName(o.origin.file) + '`';
  }

  /**
   * Which remedy fits: the model moved ahead of the migrations (write the migration), or the migrations away from
   * the model (follow them in the model, or undo them; the generator would undo them otherwise).
   */
  private help(side: 'model' | 'migrations', what: 'create' | 'change' | 'drop'): string {
    const prisma = this.source === 'prisma';
    if (side === 'model') return prisma ? 'Run `prisma migrate dev` to create the migration for it' : 'Generate the migration for it (`typeorm migration:generate`)';
    const undo = what === 'create' ? ['drop it', 'drops it'] : ['revert it', 'undoes it'];
    return prisma
      ? `Update the model to match (\`prisma db pull\` reads a migrated database back), or ${undo[0]} in a new migration: ` +
          `until they agree, the next \`prisma migrate dev\` generates a migration that ${undo[1]}`
      : `Update the entity to match, or ${undo[0]} in a new migration: until they agree, \`typeorm migration:generate\` writes a migration that ${undo[1]}`;
  }

  // --- tables

  private missingTable(t: Table): void {
    const name = displayName(t.name);
    const h = this.history.tableOf(t.name)?.last;
    if (h?.what === 'drop') {
      this.findings.push({
        kind: 'missing-table',
        at: t,
        part: 'name',
        message: `Table \`${name}\` was dropped by migration \`${migrationName(h.at.file)}\` but ${this.label(t)} still declares it`,
        help: this.help('migrations', 'drop'),
        related: [{ at: h.at, message: `\`${name}\` is dropped here` }],
      });
      return;
    }
    if (h?.what === 'rename' && h.to) {
      // The new name's table is explained by this finding (unless a later migration dropped it too).
      const renamed = findTable(this.mig, h.to);
      if (renamed) this.explained.add(renamed);
      const to = h.to.name;
      this.findings.push({
        kind: 'missing-table',
        at: t,
        part: 'name',
        message: `Table \`${name}\` was renamed to \`${displayName(h.to)}\` by migration \`${migrationName(h.at.file)}\` but ${this.label(t)} still declares \`${name}\``,
        help: this.source === 'prisma' ? `Map the model to the new name (\`@@map("${to}")\`), or rename the table back in a new migration` : `Name the entity's table \`${to}\` (\`@Entity('${to}')\`), or rename the table back in a new migration`,
        related: [{ at: h.at, message: `\`${name}\` is renamed here` }],
      });
      return;
    }
    this.findings.push({ kind: 'missing-table', at: t, part: 'name', message: `Table \`${name}\` is in ${this.label(t)} but no migration creates it`, help: this.help('model', 'create') });
  }

  private extraTable(m: Table): void {
    const at = this.schemaFile();
    if (!at) return;
    this.findings.push({
      kind: 'extra-table',
      at,
      message: `Table \`${displayName(m.name)}\` is created by migration \`${migrationName(m.origin.file)}\` but \`${baseName(at.file)}\` has no model for it`,
      help: this.help('migrations', 'create'),
      related: [{ at: m, message: `\`${displayName(m.name)}\` is created here` }],
    });
  }

  /** Where a finding about something the model lacks entirely goes: the first block of the ORM's first file. */
  private schemaFile(): { file: string; span: Span } | undefined {
    let first: { file: string; span: Span } | undefined;
    for (const s of this.orm.statements) {
      if (!first || s.file < first.file || (s.file === first.file && s.span.start < first.span.start)) first = { file: s.file, span: s.span };
    }
    return first;
  }

  private table(t: Table, m: Table): void {
    const complete = !t.unclosed;
    for (const c of t.columns) {
      const mc = findColumn(m, c.name);
      if (mc) this.column(t, c, m, mc);
      else this.missingColumn(t, c, m);
    }
    if (complete) {
      for (const mc of m.columns) {
        if (!findColumn(t, mc.name) && !this.explained.has(mc) && !mc.generated) this.extraColumn(t, m, mc);
      }
    }
    this.primaryKey(t, m, complete);
    this.indexes(t, m, complete);
    this.foreignKeys(t, m, complete);
  }

  // --- columns

  private missingColumn(t: Table, c: Column, m: Table): void {
    const name = `${displayName(t.name)}.${c.name}`;
    const h = this.history.columnOf(m.name, c.name)?.last;
    if (h?.what === 'drop') {
      this.findings.push({
        kind: 'missing-column',
        at: c,
        part: 'name',
        message: `Column \`${name}\` was dropped by migration \`${migrationName(h.at.file)}\` but ${this.label(c)} still declares it`,
        help: this.help('migrations', 'drop'),
        related: [{ at: h.at, message: `\`${c.name}\` is dropped here` }],
      });
      return;
    }
    if (h?.what === 'rename' && h.to !== undefined) {
      const renamed = findColumn(m, h.to);
      if (renamed) this.explained.add(renamed);
      const to = h.to;
      this.findings.push({
        kind: 'missing-column',
        at: c,
        part: 'name',
        message: `Column \`${name}\` was renamed to \`${to}\` by migration \`${migrationName(h.at.file)}\` but ${this.label(c)} still declares \`${c.name}\``,
        help: this.source === 'prisma' ? `Map the field to the new name (\`@map("${to}")\`), or rename the column back in a new migration` : `Name the column \`${to}\` (\`name: '${to}'\`), or rename it back in a new migration`,
        related: [{ at: h.at, message: `\`${c.name}\` is renamed here` }],
      });
      return;
    }
    this.findings.push({ kind: 'missing-column', at: c, part: 'name', message: `Column \`${name}\` is in ${this.label(c)} but no migration adds it`, help: this.help('model', 'create') });
  }

  private extraColumn(t: Table, m: Table, mc: Column): void {
    const name = `${displayName(t.name)}.${mc.name}`;
    this.findings.push({
      kind: 'extra-column',
      at: t,
      part: 'name',
      message: `Column \`${name}\` is added by migration \`${migrationName(mc.origin.file)}\` but ${this.label(t)} does not declare it`,
      help: this.help('migrations', 'create'),
      related: [{ at: mc, message: `\`${mc.name}\` is added here` }],
    });
  }

  private column(t: Table, c: Column, m: Table, mc: Column): void {
    const name = `${displayName(t.name)}.${c.name}`;
    const h = this.history.columnOf(m.name, mc.name);
    const created = migrationName(mc.origin.file);
    const here = (message: string) => [{ at: mc, message }];

    if (!sameType(c.type, mc.type, this.d) && !this.typeRenamed(c, mc)) {
      const was = rawType(mc);
      const is = rawType(c);
      const part: OriginPart = c.origin.parts?.nativeType ? 'nativeType' : 'type';
      if (h?.type) {
        this.findings.push({
          kind: 'type',
          at: c,
          part,
          message: `Column \`${name}\` was changed to \`${was}\` by migration \`${migrationName(h.type.file)}\` but ${this.label(c)} says \`${is}\``,
          help: this.help('migrations', 'change'),
          related: [{ at: h.type, message: `\`${c.name}\` becomes \`${was}\` here` }],
        });
      } else {
        this.findings.push({
          kind: 'type',
          at: c,
          part,
          message: `Column \`${name}\` is \`${is}\` in ${this.label(c)} but migration \`${created}\` creates it as \`${was}\` and no later migration changes it`,
          help: this.help('model', 'change'),
          related: here(`\`${c.name}\` is created as \`${was}\` here`),
        });
      }
    }

    // Prisma cannot declare a list NOT NULL (its migrations write `text[]`, hand-written ones often `NOT NULL DEFAULT '{}'`).
    const listInPrisma = this.source === 'prisma' && !!c.type.array;
    if (c.nullable !== mc.nullable && !listInPrisma) {
      const state = (nullable: boolean) => (nullable ? 'nullable' : 'NOT NULL');
      const part: OriginPart = c.origin.parts?.nullability ? 'nullability' : 'type';
      if (h?.nullability) {
        this.findings.push({
          kind: 'nullability',
          at: c,
          part,
          message: `Column \`${name}\` was made ${state(mc.nullable)} by migration \`${migrationName(h.nullability.file)}\` but ${this.label(c)} still declares it ${state(c.nullable)}`,
          help: this.help('migrations', 'change'),
          related: [{ at: h.nullability, message: `\`${c.name}\` becomes ${state(mc.nullable)} here` }],
        });
      } else {
        this.findings.push({
          kind: 'nullability',
          at: c,
          part,
          message: `Column \`${name}\` is ${state(c.nullable)} in ${this.label(c)} but migration \`${created}\` creates it ${state(mc.nullable)} and no later migration changes it`,
          help: this.help('model', 'change'),
          related: here(`\`${c.name}\` is created ${state(mc.nullable)} here`),
        });
      }
    }

    this.defaults(t, c, m, mc, h);
  }

  /** The column's enum type was renamed by a migration to the one the migrations' column has: the enum's finding says so. */
  private typeRenamed(c: Column, mc: Column): boolean {
    if (this.d !== 'postgresql' || !!c.type.array !== !!mc.type.array) return false;
    const h = this.history.typeOf(typeQName(c.type.name));
    return h?.what === 'rename' && h.to === typeQName(mc.type.name).name;
  }

  private defaults(t: Table, c: Column, m: Table, mc: Column, h: ColumnHistory | undefined): void {
    const name = `${displayName(t.name)}.${c.name}`;
    const part: OriginPart = c.origin.parts?.default ? 'default' : 'name';
    const autoOrm = autoIncrements(c, t, this.d);
    const autoMig = autoIncrements(mc, m, this.d);
    const changed = h?.default;
    if (autoOrm !== autoMig) {
      const migration = `migration \`${migrationName((changed ?? mc.origin).file)}\``;
      this.findings.push({
        kind: 'default',
        at: c,
        part,
        message: changed
          ? `Column \`${name}\` ${autoMig ? 'was made to auto-increment' : 'stopped auto-incrementing'} in ${migration} but ${this.label(c)} declares it ${autoOrm ? 'auto-incrementing' : 'without auto-increment'}`
          : `Column \`${name}\` ${autoOrm ? 'auto-increments' : 'does not auto-increment'} in ${this.label(c)} but ${autoOrm ? 'not' : 'does'} in ${migration}, and no later migration changes it`,
        help: this.help(changed ? 'migrations' : 'model', 'change'),
        related: [{ at: changed ?? mc, message: `\`${c.name}\` is ${changed ? 'changed' : 'created'} here` }],
      });
      return;
    }
    if (autoOrm) return;
    // A default the ORM fills in itself (`@default(uuid())`, `cuid()`): the database has none, whatever it has.
    if (c.default === undefined && c.origin.parts?.default) return;
    const a = normDefault(c.default, c, this.d);
    const b = normDefault(mc.default, mc, this.d);
    if (a === b) return;
    const show = (v: string | undefined) => (v === undefined ? 'no default' : `the default \`${v.trim()}\``);
    const ormDefault = a === undefined ? undefined : c.default;
    const migDefault = b === undefined ? undefined : mc.default;
    if (changed) {
      this.findings.push({
        kind: 'default',
        at: c,
        part,
        message:
          migDefault === undefined
            ? `The default of \`${name}\` was dropped by migration \`${migrationName(changed.file)}\` but ${this.label(c)} still declares \`${ormDefault!.trim()}\``
            : `Column \`${name}\` was given the default \`${migDefault.trim()}\` by migration \`${migrationName(changed.file)}\` but ${this.label(c)} declares ${show(ormDefault)}`,
        help: this.help('migrations', 'change'),
        related: [{ at: changed, message: `the default of \`${c.name}\` changes here` }],
      });
    } else {
      this.findings.push({
        kind: 'default',
        at: c,
        part,
        message: `Column \`${name}\` has ${show(ormDefault)} in ${this.label(c)} but ${show(migDefault)} in migration \`${migrationName(mc.origin.file)}\`, and no later migration changes it`,
        help: this.help('model', 'change'),
        related: [{ at: mc, message: `\`${c.name}\` is created here` }],
      });
    }
  }

  // --- keys and indexes

  private primaryKey(t: Table, m: Table, complete: boolean): void {
    const pk = primaryKey(t);
    if (!pk || !complete || !pk.columns.every((n) => findColumn(m, n)) || this.joinTableKey(t, m)) return;
    const mpk = primaryKey(m);
    const migColumns = mpk && keyColumns(mpk, m);
    if (mpk && !migColumns) return; // USING INDEX of an index we do not see
    const cols = (columns: string[] | undefined) => (columns ? [...columns].map((n) => columnKey(n, this.d)).sort().join('\0') : '');
    if (cols(pk.columns) === cols(migColumns)) return;
    const list = (columns: string[]) => `(${columns.join(', ')})`;
    this.findings.push({
      kind: 'primary-key',
      at: pk,
      part: 'columns',
      message: mpk
        ? `The primary key of \`${displayName(t.name)}\` is ${list(pk.columns)} in ${this.label(pk)} but ${list(migColumns!)} in migration \`${migrationName(mpk.origin.file)}\``
        : `Table \`${displayName(t.name)}\` has the primary key ${list(pk.columns)} in ${this.label(pk)} but no primary key in the migrations`,
      help: this.help('model', 'change'),
      related: mpk ? [{ at: mpk, message: 'the migrations\' primary key' }] : undefined,
    });
  }

  private indexes(t: Table, m: Table, complete: boolean): void {
    const has = (table: Table, ix: IndexLike) => ix.keys.every((k) => k.column !== undefined && findColumn(table, k.column));
    const ormIx = indexesOf(t).filter((ix) => ix.kind !== 'primary' && ix.keys.every((k) => k.column !== undefined));
    // A key added USING INDEX is that index (it names no columns of its own); the primary key's is compared above.
    const pkIndex = primaryKey(m)?.usingIndex;
    const joinKey = this.joinTableKey(t, m);
    const migIx = indexesOf(m).filter(
      (ix) => ix.kind !== 'primary' && ix.keys.length > 0 && ix !== joinKey && !(pkIndex && ix.index?.name && columnKey(ix.index.name, this.d) === columnKey(pkIndex, this.d)),
    );
    const sig = (ix: IndexLike) => ix.keys.map((k) => (k.column !== undefined ? columnKey(k.column, this.d) : '(' + k.expression + ')')).join('\0') + (ix.where ? '\0where' : '');
    const matched = new Set<IndexLike>();
    for (const ix of ormIx) {
      // A column the migrations lack is its own finding; so is the index that needs it.
      if (!has(m, ix)) continue;
      const same = migIx.filter((x) => sig(x) === sig(ix));
      const exact = same.find((x) => x.unique === ix.unique);
      if (exact) {
        matched.add(exact);
        continue;
      }
      const cols = `${displayName(t.name)}(${ix.keys.map((k) => k.column).join(', ')})`;
      if (same.length) {
        for (const x of same) matched.add(x);
        const other = same[0];
        this.findings.push({
          kind: 'uniqueness',
          at: ix,
          part: 'columns',
          message: ix.unique
            ? `\`${cols}\` is unique in ${this.label(ix)} but the index migration \`${migrationName(other.origin.file)}\` creates on it is not`
            : `\`${cols}\` has a plain index in ${this.label(ix)} but a unique one in migration \`${migrationName(other.origin.file)}\``,
          help: this.help('model', 'change'),
          related: [{ at: other, message: 'the migrations\' index' }],
        });
        continue;
      }
      const name = ix.index?.name ?? ix.constraint?.name;
      const dropped = this.history.dropped(name);
      const kind = ix.unique ? 'missing-unique' : 'missing-index';
      const what = ix.unique ? 'Unique index' : 'Index';
      this.findings.push(
        dropped
          ? {
              kind,
              at: ix,
              part: 'columns',
              message: `${what} \`${name}\` on \`${cols}\` was dropped by migration \`${migrationName(dropped.file)}\` but ${this.label(ix)} still declares it`,
              help: this.help('migrations', 'drop'),
              related: [{ at: dropped, message: `\`${name}\` is dropped here` }],
            }
          : { kind, at: ix, part: 'columns', message: `${what} on \`${cols}\` is in ${this.label(ix)} but no migration creates it`, help: this.help('model', 'create') },
      );
    }
    if (!complete) return;
    for (const x of migIx) {
      if (matched.has(x) || !has(t, x) || !this.expressible(x)) continue;
      const cols = `${displayName(t.name)}(${x.keys.map((k) => k.column).join(', ')})`;
      const name = x.index?.name ?? x.constraint?.name;
      this.findings.push({
        kind: 'extra-index',
        at: t,
        part: 'name',
        message: `${x.unique ? 'Unique index' : 'Index'} ${name ? `\`${name}\` ` : ''}on \`${cols}\` is created by migration \`${migrationName(x.origin.file)}\` but ${this.label(t)} does not declare it`,
        help: this.help('migrations', 'create'),
        related: [{ at: x, message: 'created here' }],
      });
    }
  }

  /**
   * Prisma's implicit many-to-many table (`_AToB`) got a primary key on (A, B) in Prisma 6; before, a unique index
   * `_AToB_AB_unique`. Which Prisma a project runs is not in its schema: a migrations' unique index on the columns of
   * the model's key is that key. Returns the index when it stands in for it.
   */
  private joinTableKey(t: Table, m: Table): IndexLike | undefined {
    const pk = primaryKey(t);
    if (this.source !== 'prisma' || !t.name.name.startsWith('_') || !pk || primaryKey(m)) return undefined;
    const want = [...pk.columns].map((n) => columnKey(n, this.d)).sort().join('\0');
    return indexesOf(m).find((ix) => ix.unique && !ix.where && ix.keys.every((k) => k.column !== undefined) && ix.keys.map((k) => columnKey(k.column!, this.d)).sort().join('\0') === want);
  }

  /**
   * Could the model declare this index of the migrations? Plain column keys in the default method, no predicate,
   * INCLUDE, operator class or collation (Prisma can write descending keys and prefix lengths, TypeORM neither).
   * Anything else was written by hand in a migration on purpose and is not drift.
   */
  private expressible(x: IndexLike): boolean {
    if (x.method !== 'btree' || x.where || x.include.length) return false;
    return x.keys.every((k) => k.column !== undefined && !k.opclass && !k.collation && (this.source === 'prisma' || (k.order !== 'desc' && k.prefixLength === undefined)));
  }

  private foreignKeys(t: Table, m: Table, complete: boolean): void {
    const fks = (table: Table) => table.constraints.filter((c) => c.kind === 'foreign' && c.references && c.columns.length > 0);
    const ormFks = fks(t);
    const migFks = fks(m);
    const matched = new Set<ConstraintDef>();
    for (const fk of ormFks) {
      const same = migFks.find((x) => this.sameForeignKey(fk, x));
      if (same) {
        matched.add(same);
        if (!fk.notEnforced) this.actions(t, fk, same);
        continue;
      }
      // relationMode = "prisma": no constraint in the database, on purpose.
      if (fk.notEnforced || !fk.columns.every((n) => findColumn(m, n)) || !findTable(this.mig, fk.references!.table)) continue;
      const desc = `${displayName(t.name)}(${fk.columns.join(', ')})\` → \`${displayName(fk.references!.table)}`;
      const dropped = this.history.dropped(fk.name);
      this.findings.push(
        dropped
          ? {
              kind: 'missing-foreign-key',
              at: fk,
              part: 'columns',
              message: `Foreign key \`${desc}\` was dropped by migration \`${migrationName(dropped.file)}\` but ${this.label(fk)} still declares it`,
              help: this.help('migrations', 'drop'),
              related: [{ at: dropped, message: 'dropped here' }],
            }
          : { kind: 'missing-foreign-key', at: fk, part: 'columns', message: `Foreign key \`${desc}\` is in ${this.label(fk)} but no migration creates it`, help: this.help('model', 'create') },
      );
    }
    // A Prisma schema in relationMode "prisma" does not manage foreign keys at all.
    if (!complete || this.ormKeepsRelations) return;
    for (const x of migFks) {
      if (matched.has(x) || !x.columns.every((n) => findColumn(t, n))) continue;
      const desc = `${displayName(t.name)}(${x.columns.join(', ')})\` → \`${displayName(x.references!.table)}`;
      this.findings.push({
        kind: 'extra-foreign-key',
        at: t,
        part: 'name',
        message: `Foreign key \`${desc}\` is created by migration \`${migrationName(x.origin.file)}\` but ${this.label(t)} declares no relation for it`,
        help: this.help('migrations', 'create'),
        related: [{ at: x, message: 'created here' }],
      });
    }
  }

  private sameForeignKey(a: ConstraintDef, b: ConstraintDef): boolean {
    const d = this.d;
    if (a.columns.length !== b.columns.length || !a.columns.every((n, i) => columnKey(n, d) === columnKey(b.columns[i], d))) return false;
    if (tableKey(a.references!.table, d) !== tableKey(b.references!.table, d)) return false;
    const ra = this.referenced(a, this.orm);
    const rb = this.referenced(b, this.mig);
    // Unknown referenced columns (a key on a table we do not see) do not make them different.
    return !ra || !rb || (ra.length === rb.length && ra.every((n, i) => columnKey(n, d) === columnKey(rb[i], d)));
  }

  /** The referenced columns, the referenced table's primary key when none are written. */
  private referenced(fk: ConstraintDef, schema: Schema): string[] | undefined {
    const r = fk.references!;
    if (r.columns.length) return r.columns;
    const target = findTable(schema, r.table);
    return target ? primaryKey(target)?.columns : undefined;
  }

  private actions(t: Table, fk: ConstraintDef, mfk: ConstraintDef): void {
    const diffs: string[] = [];
    for (const [key, label] of [
      ['onDelete', 'ON DELETE'],
      ['onUpdate', 'ON UPDATE'],
    ] as const) {
      const a = fk.references![key];
      const b = mfk.references![key];
      const written = (x: ReferentialAction | undefined) => `${label} ${(x ?? 'no action').toUpperCase()}`;
      if (normAction(a, this.d) !== normAction(b, this.d)) diffs.push(`${written(a)} in ${this.label(fk)} but ${written(b)} in migration \`${migrationName(mfk.origin.file)}\``);
    }
    if (!diffs.length) return;
    this.findings.push({
      kind: 'foreign-key-action',
      at: fk,
      part: 'keyword',
      message: `Foreign key \`${displayName(t.name)}(${fk.columns.join(', ')})\` → \`${displayName(fk.references!.table)}\` has ${diffs.join(', and ')}`,
      help: this.help('model', 'change'),
      related: [{ at: mfk, message: 'the migrations\' foreign key' }],
    });
  }

  // --- enums (PostgreSQL types; MySQL's are column types, compared with them)

  private enums(): void {
    for (const e of this.orm.enums.values()) {
      const key = tableKey(e.name, this.d);
      const me = [...this.mig.enums.values()].find((x) => tableKey(x.name, this.d) === key);
      const name = displayName(e.name);
      const at = { origin: e.origin };
      if (!me) {
        const h = this.history.typeOf(e.name);
        const gone = h && h.what !== 'create' ? h : undefined;
        this.findings.push(
          gone
            ? {
                kind: 'missing-enum',
                at,
                part: 'name',
                message: `Enum \`${name}\` was ${gone.what === 'drop' ? 'dropped' : `renamed to \`${gone.to}\``} by migration \`${migrationName(gone.at.file)}\` but ${this.label(at)} still declares it`,
                help: this.help('migrations', 'drop'),
                related: [{ at: gone.at, message: `\`${name}\` is ${gone.what === 'drop' ? 'dropped' : 'renamed'} here` }],
              }
            : { kind: 'missing-enum', at, part: 'name', message: `Enum \`${name}\` is in ${this.label(at)} but no migration creates it`, help: this.help('model', 'create') },
        );
        continue;
      }
      const ormOnly = e.values.filter((v) => !me.values.includes(v));
      const migOnly = me.values.filter((v) => !e.values.includes(v));
      const list = (vs: string[]) => vs.map((v) => `\`${v}\``).join(', ');
      if (ormOnly.length) {
        this.findings.push({
          kind: 'enum-values',
          at,
          part: 'name',
          message: `Enum \`${name}\` has ${plural(ormOnly.length, 'value')} ${list(ormOnly)} in ${this.label(at)} but no migration adds ${ormOnly.length === 1 ? 'it' : 'them'}`,
          help: this.help('model', 'change'),
          related: [{ at: { origin: me.origin }, message: `\`${name}\` is created here` }],
        });
      }
      if (migOnly.length) {
        const added = migOnly.map((v) => this.history.valueAdded(me.name, v)).find((x) => x);
        this.findings.push({
          kind: 'enum-values',
          at,
          part: 'name',
          message: added
            ? `Enum \`${name}\` gets ${plural(migOnly.length, 'value')} ${list(migOnly)} from migration \`${migrationName(added.file)}\` but ${this.label(at)} does not declare ${migOnly.length === 1 ? 'it' : 'them'}`
            : `Enum \`${name}\` has ${plural(migOnly.length, 'value')} ${list(migOnly)} in migration \`${migrationName(me.origin.file)}\` but not in ${this.label(at)}`,
          help: this.help('migrations', 'change'),
          related: [{ at: added ?? { origin: me.origin }, message: added ? 'added here' : `\`${name}\` is created here` }],
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Normalisations

/** Tables the other side is expected to have: not partitions, temporary, virtual (FTS) or foreign tables. */
function comparable(t: Table): boolean {
  return !t.partitionOf && !t.temporary && !t.virtual;
}

/** A table or type name for matching across the two schemas: PostgreSQL's `public` is the default schema. */
function tableKey(n: QName, d: Dialect): string {
  return nameKey(n.schema === 'public' ? { name: n.name } : n, d);
}

/** A normalized PostgreSQL type name (`Role`, `public.Role`, `auth.Role`) as a name. */
function typeQName(name: string): QName {
  const dot = name.lastIndexOf('.');
  const schema = dot > 0 ? name.slice(0, dot) : undefined;
  return schema && schema !== 'public' ? { schema, name: name.slice(dot + 1) } : { name: name.slice(dot + 1) };
}

const INTEGERS = new Set(['integer', 'bigint', 'smallint', 'tinyint', 'mediumint']);
const TIMES = new Set(['timestamp', 'timestamptz', 'time', 'timetz', 'datetime']);

/**
 * The same column type as the database sees it. MySQL integer display widths mean nothing (`int(11)` = `int`); a
 * time type without precision has the dialect's default one (PostgreSQL 6, MySQL 0); PostgreSQL's `public.` is the
 * default schema of a type; MySQL ENUM/SET values compare as sets; SQLite ignores lengths and precisions.
 */
export function sameType(a: NormalizedType, b: NormalizedType, d: Dialect): boolean {
  const name = (t: NormalizedType) => (d === 'postgresql' ? t.name.replace(/^public\./, '') : t.name);
  if (name(a) !== name(b) || !!a.array !== !!b.array || !!a.unsigned !== !!b.unsigned) return false;
  if (INTEGERS.has(a.name) || d === 'sqlite') return true;
  if (TIMES.has(a.name)) {
    const fallback = d === 'postgresql' ? 6 : 0;
    return (a.precision ?? fallback) === (b.precision ?? fallback);
  }
  if (a.length !== b.length || a.precision !== b.precision || a.scale !== b.scale) return false;
  if (a.values || b.values) {
    const x = new Set(a.values ?? []);
    return x.size === new Set(b.values ?? []).size && (b.values ?? []).every((v) => x.has(v));
  }
  return true;
}

/** The type as written, for messages (one spelling per line: whitespace folded). */
function rawType(c: Column): string {
  return c.rawType.replace(/\s+/g, ' ').trim();
}

/**
 * Does the database fill the column from a counter: serial / identity / AUTO_INCREMENT / AUTOINCREMENT, a
 * `nextval()` default (serial as pg_dump writes it), or SQLite's INTEGER PRIMARY KEY (the rowid).
 */
function autoIncrements(c: Column, t: Table, d: Dialect): boolean {
  if (c.autoIncrement || /^\s*\(?\s*nextval\s*\(/i.test(c.default ?? '')) return true;
  if (d !== 'sqlite' || c.type.name !== 'integer') return false;
  const pk = primaryKey(t);
  return !!pk && pk.columns.length === 1 && columnKey(pk.columns[0], d) === columnKey(c.name, d);
}

/** A key's columns; for PG `ADD CONSTRAINT … PRIMARY KEY USING INDEX i`, those of `i`. */
function keyColumns(c: ConstraintDef, t: Table): string[] | undefined {
  if (c.columns.length || !c.usingIndex) return c.columns;
  const ix = t.indexes.find((i) => i.name !== undefined && columnKey(i.name, t.dialect) === columnKey(c.usingIndex!, t.dialect));
  return ix && ix.keys.every((k) => k.column !== undefined) ? ix.keys.map((k) => k.column!) : undefined;
}

/** NO ACTION when not written; InnoDB treats RESTRICT as NO ACTION. */
function normAction(a: ReferentialAction | undefined, d: Dialect): ReferentialAction {
  const x = a ?? 'no action';
  return d === 'mysql' && x === 'restrict' ? 'no action' : x;
}

const NOW = /^(?:now\(\s*\d*\s*\)|current_timestamp(?:\(\s*\d*\s*\))?|transaction_timestamp\(\s*\))$/;
/** MySQL: LOCALTIME / LOCALTIMESTAMP are synonyms of NOW(); SQLite: `datetime('now')` is CURRENT_TIMESTAMP's text. */
const NOW_MYSQL = /^(?:localtime|localtimestamp)(?:\(\s*\d*\s*\))?$/;
const NOW_SQLITE = /^datetime\('now'\)$/;
const UUID = /^(?:(?:public\.)?uuid_generate_v4|gen_random_uuid)\(\)$/;
const BOOLEANS: Record<string, string> = { true: 'true', t: 'true', '1': 'true', yes: 'true', on: 'true', false: 'false', f: 'false', '0': 'false', no: 'false', off: 'false' };

/**
 * A default as a comparable value: `s:`/`n:`/`b:` literals by value (casts, parentheses and quoting dropped, a
 * number written as a string is a number in a numeric column), `fn:now` for the current-time functions, `fn:uuid`
 * for the random-UUID ones, else the expression folded (case, whitespace, identifier quotes, `public.`). undefined:
 * no default (`NULL` is none).
 */
export function normDefault(expr: string | undefined, c: Pick<Column, 'type'>, d: Dialect): string | undefined {
  if (expr === undefined) return undefined;
  const s = stripParens(stripCasts(stripParens(expr.trim())));
  if (s === '' || /^null$/i.test(s)) return undefined;
  const numeric = INTEGERS.has(c.type.name) || ['numeric', 'real', 'double precision', 'float', 'decimal'].includes(c.type.name);
  const boolish = c.type.name === 'boolean' || (c.type.name === 'tinyint' && c.type.length === 1);
  if (c.type.array) {
    const items = arrayItems(s, d);
    if (items) return 'a:' + JSON.stringify(items);
  }
  const lit = stringLiteral(s, d);
  if (lit !== undefined) {
    if (boolish && BOOLEANS[lit.trim().toLowerCase()]) return 'b:' + BOOLEANS[lit.trim().toLowerCase()];
    if (numeric && /^\s*-?\d+(?:\.\d*)?(?:e[+-]?\d+)?\s*$/i.test(lit)) return 'n:' + Number(lit);
    return 's:' + lit;
  }
  if (/^[-+]?\d+(?:\.\d*)?(?:e[+-]?\d+)?$/i.test(s)) return boolish && BOOLEANS[s] ? 'b:' + BOOLEANS[s] : 'n:' + Number(s);
  const folded = fold(s);
  if (BOOLEANS[folded] && (folded === 'true' || folded === 'false')) return 'b:' + BOOLEANS[folded];
  if (NOW.test(folded) || (d === 'mysql' && NOW_MYSQL.test(folded)) || (d === 'sqlite' && NOW_SQLITE.test(folded))) return 'fn:now';
  if (UUID.test(folded)) return 'fn:uuid';
  return 'x:' + folded;
}

/** The elements of an array default, `ARRAY['a', 1]` or `'{a,1}'` alike (numbers in canonical form); undefined if neither. */
function arrayItems(s: string, d: Dialect): string[] | undefined {
  const canon = (v: string) => (/^-?\d+(?:\.\d*)?$/.test(v) ? String(Number(v)) : v);
  const ctor = /^array\s*\[([\s\S]*)\]$/i.exec(s);
  if (ctor) {
    const items: string[] = [];
    for (const raw of splitTopLevel(ctor[1])) {
      const x = stripParens(stripCasts(raw.trim()));
      if (x === '') continue;
      const v = stringLiteral(x, d) ?? (/^[-+]?\d+(?:\.\d*)?$/.test(x) ? x : undefined);
      if (v === undefined) return undefined;
      items.push(canon(v));
    }
    return items;
  }
  const lit = stringLiteral(s, d);
  const body = lit !== undefined ? /^\{([\s\S]*)\}$/.exec(lit.trim()) : null;
  if (!body) return undefined;
  if (body[1].trim() === '') return [];
  if (/[{}\\]/.test(body[1])) return undefined; // nested arrays, escapes: not worth reading
  const items: string[] = [];
  for (const raw of body[1].match(/"(?:[^"])*"|[^,]+/g) ?? []) {
    const x = raw.trim();
    items.push(canon(x.startsWith('"') ? x.slice(1, -1) : x));
  }
  return items;
}

/** Splits at the commas outside quotes, parentheses and brackets. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/**
 * The value of a single string literal (`'x'`, `N'x'`; MySQL also `"x"`), else undefined. MySQL strings and
 * PostgreSQL `E'…'` ones take backslash escapes.
 */
function stringLiteral(s: string, d: Dialect): string | undefined {
  const escapes = d === 'mysql' || /^[eE]'/.test(s);
  const q = d === 'mysql' && s.startsWith('"') ? '"' : "'";
  const body = escapes ? `(?:[^${q}\\\\]|${q}${q}|\\\\[\\s\\S])*` : `(?:[^${q}]|${q}${q})*`;
  const m = new RegExp(`^(?:[eEnN])?${q}(${body})${q}$`).exec(s);
  if (!m) return undefined;
  const v = m[1].split(q + q).join(q);
  return escapes ? v.replace(/\\([\s\S])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c) : v;
}

/** Drops outer parentheses: `(0)`, `((now()))`. */
function stripParens(s: string): string {
  let x = s.trim();
  while (x.startsWith('(') && x.endsWith(')') && balanced(x.slice(1, -1))) x = x.slice(1, -1).trim();
  return x;
}

/**
 * Removes PostgreSQL casts outside string literals: `'x'::text`, `'a'::"Role"`, `ARRAY[]::text[]`,
 * `'{}'::character varying[]`, `now()::timestamp(3) without time zone`.
 */
function stripCasts(s: string): string {
  const TYPE_WORD = /^\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))*/;
  const MORE = /^(?:\s*\([^()]*\))?(?:\s+(?:varying|precision|with|without|time|zone)\b(?:\s*\([^()]*\))?)*(?:\s*\[\s*\d*\s*\])*/i;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < s.length && !(s[j] === ch && s[j + 1] !== ch)) j += s[j] === ch ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === ':' && s[i + 1] === ':') {
      const rest = s.slice(i + 2);
      const w = TYPE_WORD.exec(rest);
      if (!w) return s;
      const more = MORE.exec(rest.slice(w[0].length));
      i += 2 + w[0].length + (more ? more[0].length : 0);
    } else {
      out += ch;
      i++;
    }
  }
  return out.trim();
}

/** Lower case, no whitespace, no identifier quotes, no default schema, outside string literals. */
function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    if (ch === "'") {
      let j = i + 1;
      while (j < s.length && !(s[j] === "'" && s[j + 1] !== "'")) j += s[j] === "'" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '"' || ch === '`' || /\s/.test(ch)) {
      i++;
    } else {
      out += ch.toLowerCase();
      i++;
    }
  }
  return out.replace(/(^|[^\w.])(?:public|pg_catalog)\./g, '$1');
}

function plural(n: number, word: string): string {
  return n === 1 ? `the ${word}` : `the ${word}s`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A migration as its framework names it: Prisma's folder (`20240101000000_init` of `…/20240101000000_init/migration.sql`),
 * else the file name without its extension (`1700000000000-Init`, `0003_add_users`).
 */
export function migrationName(path: string): string {
  const parts = path.split('/');
  const file = parts[parts.length - 1];
  if (/^(?:migration|up|change)\.sql$/i.test(file) && parts.length > 1) return parts[parts.length - 2];
  return file.replace(/(?:\.up)?\.(?:sql|[cm]?[jt]s)$/i, '');
}
