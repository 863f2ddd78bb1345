/**
 * The ER diagram's data: the last analysis's schemas and findings turned into plain entities, columns, relations
 * and indexes with their source locations. No drawing here: the webview turns this into mermaid text. Pure and
 * linear in the size of the schema plus the number of findings, since it runs after every analysis while a
 * diagram is open.
 *
 * Locations are generic (`L`): the core speaks offsets (`SourceLoc`), the language server maps every one of them to
 * a URI and a range in one pass (`mapLocations`), so the wire shape is the same type with another `L`.
 */
import type { Diagnostic, Severity } from './api';
import type { ConstraintDef, Origin } from './model/types';
import { columnKey, displayName, findTable, primaryKey, type Schema, type Table } from './model/schema';

/** A place in a file, in UTF-16 offsets. */
export interface SourceLoc {
  file: string;
  start: number;
  end: number;
}

export type Cardinality = 'one' | 'zeroOrOne' | 'many';

export interface ErColumn<L = SourceLoc> {
  name: string;
  /** As written (`varchar(255)`, `String`), else the normalized name. */
  type: string;
  pk: boolean;
  fk: boolean;
  /** Part of a unique constraint or of a unique index over plain columns without a predicate. */
  uk: boolean;
  notNull: boolean;
  loc: L;
}

export interface ErIndex<L = SourceLoc> {
  name?: string;
  /** Column names, or expressions as written. */
  columns: string[];
  unique: boolean;
  /** `primary` / `unique`: the index a key constraint creates. */
  kind: 'index' | 'primary' | 'unique';
  /** Access method when not the default (btree). */
  method?: string;
  /** Predicate of a partial index. */
  where?: string;
  loc: L;
}

export interface ErFinding<L = SourceLoc> {
  ruleId: string;
  severity: Severity;
  message: string;
  loc: L;
}

export interface ErEntity<L = SourceLoc> {
  /** Stable id within one diagram: the model's table key (`schema.name` outside the default schema). */
  key: string;
  kind: 'table' | 'view' | 'enum';
  /** As shown: `schema.name` outside the default schema. */
  name: string;
  /** The definition (CREATE TABLE / model / entity) and its name. */
  loc: L;
  nameLoc: L;
  columns: ErColumn<L>[];
  indexes: ErIndex<L>[];
  /** Enum values. */
  values?: string[];
  /** A many-to-many link: the keys of the two entities its key joins. */
  joins?: [string, string];
  findings: { count: number; worst?: Severity; items: ErFinding<L>[] };
}

export interface ErRelation<L = SourceLoc> {
  /** `fk`: from the referencing table to the referenced one; `reads`: a view to a table; `enum`: a table to an enum it uses. */
  kind: 'fk' | 'reads' | 'enum';
  from: string;
  to: string;
  /** FK: the referencing and referenced columns; enum: the columns of that type. */
  columns: string[];
  refColumns: string[];
  /** How many `to` rows one `from` row has (exactly one, or at most one when the columns are nullable). */
  toCardinality: Cardinality;
  /** How many `from` rows one `to` row has (at most one when the FK columns are unique, else many). */
  fromCardinality: Cardinality;
  /** The FK columns are part of the referencing table's primary key. */
  identifying: boolean;
  /** False for a relation only the ORM keeps (Prisma `relationMode = "prisma"`). */
  enforced: boolean;
  name?: string;
  loc: L;
}

/** Every table of the schema, also those a focus leaves out: for the filter box, the cursor and "most connected". */
export interface ErOutlineEntry<L = SourceLoc> {
  key: string;
  name: string;
  loc: L;
  /** FK relations touching the table. */
  degree: number;
}

export interface ErDiagram<L = SourceLoc> {
  /** Tables in the schema, before any focus. */
  tables: number;
  entities: ErEntity<L>[];
  relations: ErRelation<L>[];
  outline: ErOutlineEntry<L>[];
  focus?: { key: string; hops: number };
}

export interface ErDiagramOptions {
  includeViews?: boolean;
  includeEnums?: boolean;
  /** Show only this table (a key, `schema.name` or name) and its neighbours up to `hops` FK relations away. */
  focus?: string;
  /** 1–3 (default 1). */
  hops?: number;
}

/** Findings listed per entity (the count covers them all). */
const MAX_FINDINGS_PER_ENTITY = 50;
/** A join table may carry this many columns beyond its two foreign keys (a quantity, a timestamp). */
const JOIN_TABLE_EXTRA_COLUMNS = 2;

const RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

export function buildDiagram(schemas: readonly Schema[], diagnostics: ReadonlyMap<string, readonly Diagnostic[]>, options: ErDiagramOptions = {}): ErDiagram {
  const entities: ErEntity[] = [];
  const relations: ErRelation[] = [];
  // One entity per table key. A table several databases describe (a Prisma schema and the SQL of its migrations)
  // is drawn once, from the ORM's description: the one the user edits, the SQL being generated from it. The other
  // descriptions still count their findings for it.
  const ordered = [...schemas].sort((a, b) => Number(isSqlOnly(a)) - Number(isSqlOnly(b)));
  const seen = new Set<string>();
  const drawn = new Set<Table>();
  for (const s of ordered) {
    for (const t of s.tables.values()) {
      if (!seen.has(t.key)) drawn.add(t);
      seen.add(t.key);
    }
  }
  const taken = new Set<string>();
  for (const s of ordered) {
    for (const t of s.tables.values()) {
      if (!drawn.has(t)) continue;
      entities.push(tableEntity(s, t));
      for (const c of t.constraints) {
        if (c.kind !== 'foreign' || !c.references) continue;
        const parent = findTable(s, c.references.table);
        if (parent) relations.push(foreignKey(s, t, c, parent));
      }
    }
    if (options.includeViews) addViews(s, taken, entities, relations);
    if (options.includeEnums) addEnums(s, taken, drawn, entities, relations);
  }
  markJoinTables(schemas, drawn, entities, relations);
  countFindings(schemas, entities, diagnostics);

  const degree = new Map<string, number>();
  for (const r of relations) {
    if (r.kind !== 'fk') continue;
    degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
    if (r.to !== r.from) degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
  }
  const outline = entities.filter((e) => e.kind === 'table').map((e) => ({ key: e.key, name: e.name, loc: e.loc, degree: degree.get(e.key) ?? 0 }));
  const diagram: ErDiagram = { tables: outline.length, entities, relations, outline };
  return options.focus === undefined ? diagram : focusDiagram(diagram, options.focus, options.hops ?? 1);
}

function loc(o: Origin): SourceLoc {
  return { file: o.file, start: o.span.start, end: o.span.end };
}

function nameLoc(o: Origin): SourceLoc {
  const s = o.parts?.name ?? o.span;
  return { file: o.file, start: s.start, end: s.end };
}

/** The column sets that identify a row: the primary key, unique constraints, unique indexes on plain columns without a predicate. */
function uniqueKeys(t: Table): string[][] {
  const keys: string[][] = [];
  for (const c of t.constraints) if ((c.kind === 'primary' || c.kind === 'unique') && c.columns.length > 0) keys.push(c.columns);
  for (const i of t.indexes) {
    if (!i.unique || i.where || i.keys.some((k) => k.column === undefined)) continue;
    keys.push(i.keys.map((k) => k.column!));
  }
  return keys;
}

function tableEntity(s: Schema, t: Table): ErEntity {
  const d = s.dialect;
  const inSet = (cols: Iterable<string>) => new Set([...cols].map((c) => columnKey(c, d)));
  const pk = inSet(primaryKey(t)?.columns ?? []);
  const fk = inSet(t.constraints.filter((c) => c.kind === 'foreign').flatMap((c) => c.columns));
  const uk = inSet(
    uniqueKeys(t)
      .filter((k) => !(k.length === pk.size && k.every((c) => pk.has(columnKey(c, d)))))
      .flat(),
  );
  const columns: ErColumn[] = t.columns.map((c) => {
    const k = columnKey(c.name, d);
    return {
      name: c.name,
      type: c.rawType.trim() || c.type.name,
      pk: pk.has(k),
      fk: fk.has(k),
      uk: uk.has(k),
      notNull: !c.nullable,
      loc: nameLoc(c.origin),
    };
  });
  const indexes: ErIndex[] = [];
  for (const c of t.constraints) {
    if (c.kind !== 'primary' && c.kind !== 'unique') continue;
    indexes.push({ ...(c.name ? { name: c.name } : {}), columns: c.columns, unique: true, kind: c.kind, loc: loc(c.origin) });
  }
  for (const i of t.indexes) {
    indexes.push({
      ...(i.name ? { name: i.name } : {}),
      columns: i.keys.map((k) => k.column ?? k.expression ?? '?'),
      unique: i.unique,
      kind: 'index',
      ...(i.method && i.method !== 'btree' ? { method: i.method } : {}),
      ...(i.where ? { where: i.where } : {}),
      loc: loc(i.origin),
    });
  }
  return { key: t.key, kind: 'table', name: displayName(t.name), loc: loc(t.origin), nameLoc: nameLoc(t.origin), columns, indexes, findings: { count: 0, items: [] } };
}

function foreignKey(s: Schema, t: Table, c: ConstraintDef, parent: Table): ErRelation {
  const d = s.dialect;
  const cols = new Set(c.columns.map((n) => columnKey(n, d)));
  const nullable = c.columns.some((n) => t.columns.find((col) => columnKey(col.name, d) === columnKey(n, d))?.nullable ?? true);
  // Each parent row has at most one child when some unique key of the child lies within the FK columns.
  const unique = uniqueKeys(t).some((k) => k.every((n) => cols.has(columnKey(n, d))));
  const pk = primaryKey(t);
  const identifying = !!pk && c.columns.every((n) => pk.columns.some((p) => columnKey(p, d) === columnKey(n, d)));
  const refColumns = c.references!.columns.length > 0 ? c.references!.columns : (primaryKey(parent)?.columns ?? []);
  return {
    kind: 'fk',
    from: t.key,
    to: parent.key,
    columns: c.columns,
    refColumns,
    toCardinality: nullable ? 'zeroOrOne' : 'one',
    fromCardinality: unique ? 'zeroOrOne' : 'many',
    identifying,
    enforced: !c.notEnforced,
    ...(c.name ? { name: c.name } : {}),
    loc: loc(c.origin),
  };
}

function emptyEntity(key: string, kind: 'view' | 'enum', name: string, origin: Origin): ErEntity {
  return { key, kind, name, loc: loc(origin), nameLoc: nameLoc(origin), columns: [], indexes: [], findings: { count: 0, items: [] } };
}

/** Whether every table of a database was read from SQL (not from a Prisma schema or TypeORM entities). */
function isSqlOnly(s: Schema): boolean {
  for (const t of s.tables.values()) if (!t.origin.file.toLowerCase().endsWith('.sql')) return false;
  return true;
}

function addViews(s: Schema, taken: Set<string>, entities: ErEntity[], relations: ErRelation[]): void {
  for (const [k, v] of s.views) {
    const key = `view:${k}`;
    if (taken.has(key)) continue;
    taken.add(key);
    entities.push(emptyEntity(key, 'view', displayName(v.name), v.origin));
    const read = new Set<string>();
    for (const b of v.query?.blocks ?? []) {
      for (const ref of b.tables) {
        const to = findTable(s, ref.table)?.key;
        if (!to || read.has(to)) continue;
        read.add(to);
        relations.push({ kind: 'reads', from: key, to, columns: [], refColumns: [], toCardinality: 'many', fromCardinality: 'many', identifying: false, enforced: true, loc: loc(v.origin) });
      }
    }
  }
}

function addEnums(s: Schema, taken: Set<string>, drawn: ReadonlySet<Table>, entities: ErEntity[], relations: ErRelation[]): void {
  const d = s.dialect;
  const byName = new Map<string, string>();
  for (const [k, e] of s.enums) {
    const key = `enum:${k}`;
    byName.set(columnKey(e.name.name, d), key);
    byName.set(columnKey(displayName(e.name), d), key);
    if (taken.has(key)) continue;
    taken.add(key);
    entities.push({ ...emptyEntity(key, 'enum', displayName(e.name), e.origin), values: e.values });
  }
  if (byName.size === 0) return;
  for (const t of s.tables.values()) {
    if (!drawn.has(t)) continue;
    const uses = new Map<string, string[]>();
    for (const c of t.columns) {
      // `mood`, `public.mood`, `mood[]`, `"Mood"`: the type as written, without array brackets or quotes.
      const written = columnKey(c.rawType.replace(/(\[\s*\d*\s*\])+$/, '').replace(/"/g, '').trim(), d);
      const to = byName.get(written) ?? byName.get(columnKey(c.type.name, d));
      if (to) uses.set(to, [...(uses.get(to) ?? []), c.name]);
    }
    for (const [to, columns] of uses) {
      const col = t.columns.find((c) => c.name === columns[0])!;
      relations.push({
        kind: 'enum',
        from: t.key,
        to,
        columns,
        refColumns: [],
        toCardinality: columns.some((n) => t.columns.find((c) => c.name === n)!.nullable) ? 'zeroOrOne' : 'one',
        fromCardinality: 'many',
        identifying: false,
        enforced: true,
        loc: loc(col.origin),
      });
    }
  }
}

/**
 * A join table links two tables many-to-many: one of its unique keys (primary key or unique) is exactly the columns
 * of two of its foreign keys, and beyond those it has at most a surrogate single-column primary key and two other
 * columns (`quantity`, `created_at`).
 */
function markJoinTables(schemas: readonly Schema[], drawn: ReadonlySet<Table>, entities: ErEntity[], relations: ErRelation[]): void {
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const fksFrom = new Map<string, ErRelation[]>();
  for (const r of relations) if (r.kind === 'fk') fksFrom.set(r.from, [...(fksFrom.get(r.from) ?? []), r]);
  for (const s of schemas) {
    const d = s.dialect;
    for (const t of s.tables.values()) {
      if (!drawn.has(t)) continue;
      const key = t.key;
      const fks = fksFrom.get(key) ?? [];
      if (fks.length < 2) continue;
      const keys = uniqueKeys(t).map((k) => new Set(k.map((n) => columnKey(n, d))));
      const pk = primaryKey(t)?.columns.map((n) => columnKey(n, d)) ?? [];
      search: for (let i = 0; i < fks.length; i++) {
        for (let j = i + 1; j < fks.length; j++) {
          const union = new Set([...fks[i].columns, ...fks[j].columns].map((n) => columnKey(n, d)));
          if (!keys.some((k) => k.size === union.size && [...k].every((n) => union.has(n)))) continue;
          const surrogate = pk.length === 1 && !union.has(pk[0]) ? 1 : 0;
          if (t.columns.length - union.size - surrogate > JOIN_TABLE_EXTRA_COLUMNS) continue;
          byKey.get(key)!.joins = [fks[i].to, fks[j].to];
          break search;
        }
      }
    }
  }
}

/**
 * Which table a finding counts for, first rule that matches:
 *  1. its span lies inside the table's definition (CREATE TABLE statement, Prisma model, TypeORM entity);
 *  2. its span lies inside a statement that targets the table (ALTER TABLE t, CREATE INDEX … ON t, a FK added later);
 *  3. its message names the table in backticks: `t`, `t.column`, `t(columns)` (as messages name objects).
 * A finding counts for one table at most; one that matches none (a query about several tables, a file-level hint)
 * counts for none.
 */
function countFindings(schemas: readonly Schema[], entities: ErEntity[], diagnostics: ReadonlyMap<string, readonly Diagnostic[]>): void {
  const byKey = new Map(entities.map((e) => [e.key, e]));
  // Per file, spans that own findings: definitions first (rule 1), then statements naming a table (rule 2).
  const definitions = new Map<string, { start: number; end: number; key: string }[]>();
  const statements = new Map<string, { start: number; end: number; key: string }[]>();
  const byName = new Map<string, string>();
  const add = (m: typeof definitions, file: string, start: number, end: number, key: string) => {
    let list = m.get(file);
    if (!list) m.set(file, (list = []));
    list.push({ start, end, key });
  };
  for (const s of schemas) {
    for (const t of s.tables.values()) {
      const key = t.key;
      add(definitions, t.origin.file, t.origin.span.start, t.origin.span.end, key);
      byName.set(displayName(t.name), key);
      if (!byName.has(t.name.name)) byName.set(t.name.name, key);
    }
    for (const st of s.statements) {
      for (const f of st.facts) {
        const target = f.kind === 'alterTable' ? f.table : f.kind === 'createIndex' ? f.index.table : undefined;
        const t = target && findTable(s, target);
        if (t) add(statements, st.file, st.span.start, st.span.end, t.key);
      }
    }
  }
  const index = (m: typeof definitions) => new Map([...m].map(([file, list]) => [file, new SpanIndex(list)]));
  const byDefinition = index(definitions);
  const byStatement = index(statements);
  const inside = (m: Map<string, SpanIndex>, d: Diagnostic) => m.get(d.file)?.innermost(d.start, d.end);
  for (const [file, ds] of diagnostics) {
    if (ds.length === 0) continue;
    for (const d of ds) {
      const key = inside(byDefinition, d) ?? inside(byStatement, d) ?? namedTable(d.message, byName);
      const e = key === undefined ? undefined : byKey.get(key);
      if (!e) continue;
      const f = e.findings;
      f.count++;
      if (!f.worst || RANK[d.severity] > RANK[f.worst]) f.worst = d.severity;
      if (f.items.length < MAX_FINDINGS_PER_ENTITY) f.items.push({ ruleId: d.ruleId, severity: d.severity, message: d.message, loc: { file, start: d.start, end: d.end } });
    }
  }
  for (const e of entities) e.findings.items.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

/** Spans of one file, for "which span holds this range" in logarithmic time (a schema has thousands of findings). */
class SpanIndex {
  private readonly spans: { start: number; end: number; key: string }[];
  /** The largest `end` among spans[0..i]: no span before i can hold a range that ends after it. */
  private readonly maxEnd: number[] = [];

  constructor(spans: { start: number; end: number; key: string }[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    let max = -1;
    for (const x of this.spans) this.maxEnd.push((max = Math.max(max, x.end)));
  }

  /** The key of the innermost span holding [start, end) (nested spans: TypeORM classes; never in SQL). */
  innermost(start: number, end: number): string | undefined {
    let lo = 0;
    let hi = this.spans.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid].start <= start) (last = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    let best: { start: number; end: number; key: string } | undefined;
    for (let i = last; i >= 0 && this.maxEnd[i] >= end; i--) {
      const x = this.spans[i];
      if (x.end >= end && (!best || x.end - x.start < best.end - best.start)) best = x;
    }
    return best?.key;
  }
}

/** The first backticked identifier of a message that is a table: `t`, `s.t`, `t.column`, `t(columns)`. */
function namedTable(message: string, byName: ReadonlyMap<string, string>): string | undefined {
  for (const m of message.matchAll(/`([^`]+)`/g)) {
    const text = m[1];
    const paren = text.indexOf('(');
    const head = paren > 0 ? text.slice(0, paren) : text;
    const dot = head.lastIndexOf('.');
    const key = byName.get(head) ?? (dot > 0 ? byName.get(head.slice(0, dot)) : undefined);
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The part of a diagram within `hops` FK relations of one table (either direction), plus the views and enums attached
 * to what is kept. `focus` is a key, a `schema.name` or a name; an unknown one leaves the diagram whole.
 */
export function focusDiagram<L>(d: ErDiagram<L>, focus: string, hops: number): ErDiagram<L> {
  const center = d.outline.find((o) => o.key === focus) ?? d.outline.find((o) => o.name === focus) ?? d.outline.find((o) => o.name.split('.').pop() === focus);
  if (!center) return d;
  const n = Number.isFinite(hops) ? Math.max(1, Math.min(3, Math.round(hops))) : 1;
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const r of d.relations) {
    if (r.kind !== 'fk') continue;
    link(r.from, r.to);
    link(r.to, r.from);
  }
  const kept = new Set([center.key]);
  let frontier = [center.key];
  for (let i = 0; i < n; i++) {
    const next: string[] = [];
    for (const k of frontier) for (const m of neighbours.get(k) ?? []) if (!kept.has(m)) (kept.add(m), next.push(m));
    frontier = next;
  }
  // Views and enums come along with the tables they touch (never the other way round).
  for (const r of d.relations) {
    if (r.kind === 'reads' && kept.has(r.to)) kept.add(r.from);
    if (r.kind === 'enum' && kept.has(r.from)) kept.add(r.to);
  }
  return {
    ...d,
    entities: d.entities.filter((e) => kept.has(e.key)),
    relations: d.relations.filter((r) => kept.has(r.from) && kept.has(r.to)),
    focus: { key: center.key, hops: n },
  };
}

/** The same diagram with every location mapped (to a URI and a range, at the language server's edge). */
export function mapLocations<A, B>(d: ErDiagram<A>, f: (l: A) => B): ErDiagram<B> {
  return {
    ...d,
    entities: d.entities.map((e) => ({
      ...e,
      loc: f(e.loc),
      nameLoc: f(e.nameLoc),
      columns: e.columns.map((c) => ({ ...c, loc: f(c.loc) })),
      indexes: e.indexes.map((i) => ({ ...i, loc: f(i.loc) })),
      findings: { ...e.findings, items: e.findings.items.map((x) => ({ ...x, loc: f(x.loc) })) },
    })),
    relations: d.relations.map((r) => ({ ...r, loc: f(r.loc) })),
    outline: d.outline.map((o) => ({ ...o, loc: f(o.loc) })),
  };
}
