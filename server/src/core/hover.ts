/**
 * Hovers that explain indexes, foreign keys and queries: what an index indexes, which constraint or foreign key it
 * backs, what makes it duplicate or redundant, which workspace queries use it (and how) or cannot (and why), what
 * it costs to write and to build; for a foreign key, which index supports it; for a query, the index each of its
 * tables is expected to be read through, or why none can serve it.
 */
import type { ConstraintDef, Disjunction, IndexKey, Predicate, QueryBlock, Span } from './model/types';
import type { Schema, StatementRecord, Table, WorkloadQuery } from './model/schema';
import { columnKey, displayName, findColumn, findTable, primaryKey } from './model/schema';
import { describeIndex, describeKeys, indexesOf, sameLeadingKeys, servesLookup, type IndexLike } from './model/indexes';
import {
  accesses,
  accessSpan,
  bestIndex,
  compareUse,
  effectiveKeys,
  idealKeys,
  impliesPredicate,
  indexUse,
  refOf,
  type IndexUse,
  type TableAccess,
} from './model/workload';
import { sameIndex } from './rules/duplicate-index';
import { backsForeignKey, usableBy } from './rules/unused-index';
import type { ParsedFile } from './parse/file';
import { normSql } from './model/indexes';
import { locksMarkdown, mysqlVersionParts, statementLocks } from './locks';

export interface Hover {
  markdown: string;
  start: number;
  end: number;
}

type Hit =
  | { kind: 'index'; table: Table; ix: IndexLike; span: Span; keyIndex?: number }
  | { kind: 'fk'; table: Table; fk: ConstraintDef; span: Span }
  | { kind: 'query'; schema: Schema; query: WorkloadQuery; block: QueryBlock; span: Span; predicate?: Predicate; or?: Disjunction }
  | { kind: 'ddl'; schema: Schema; record: StatementRecord; span: Span };

/** Database versions the lock hover assumes (the configuration's). */
export interface HoverVersions {
  postgresVersion: number;
  mysqlVersion: string;
}

export function hoverAt(
  schemas: readonly Schema[],
  files: ReadonlyMap<string, ParsedFile>,
  file: string,
  offset: number,
  versions: HoverVersions = { postgresVersion: 16, mysqlVersion: '8.0' },
): Hover | undefined {
  let best: Hit | undefined;
  const consider = (h: Hit) => {
    if (h.span.start <= offset && offset <= h.span.end && (!best || h.span.end - h.span.start < best.span.end - best.span.start)) best = h;
  };
  for (const schema of schemas) {
    for (const t of schema.tables.values()) {
      for (const ix of indexesOf(t)) {
        if (ix.origin.file !== file) continue;
        consider({ kind: 'index', table: t, ix, span: ix.origin.span });
        ix.keys.forEach((k, i) => {
          if (k.span !== ix.origin.span) consider({ kind: 'index', table: t, ix, span: k.span, keyIndex: i });
        });
      }
      for (const c of t.constraints) {
        if (c.kind !== 'foreign' || c.origin.file !== file) continue;
        consider({ kind: 'fk', table: t, fk: c, span: c.origin.span });
        // An inline `col … REFERENCES x` is flagged on the column name: hovering there explains the key too.
        if (c.inline && c.columns.length === 1) {
          const col = findColumn(t, c.columns[0]);
          const name = col?.origin.file === file ? col.origin.parts?.name : undefined;
          if (name) consider({ kind: 'fk', table: t, fk: c, span: name });
        }
      }
    }
    // A query: its table references (FROM, JOIN) and its comparisons (WHERE, ON).
    for (const query of schema.workload) {
      if (query.file !== file || offset < query.query.span.start || offset > query.query.span.end) continue;
      for (const block of query.query.blocks) {
        for (const r of block.tables) consider({ kind: 'query', schema, query, block, span: r.span });
        for (const p of block.predicates) consider({ kind: 'query', schema, query, block, span: p.span, predicate: p });
        for (const d of block.disjunctions) consider({ kind: 'query', schema, query, block, span: d.span, or: d });
      }
    }
  }
  // A statement of a migration file: the lock it takes (the widest hit: anything narrower explains more).
  if (!best) {
    for (const schema of schemas) {
      const record = schema.statements.find((r) => r.isMigration && r.file === file && r.span.start <= offset && offset <= r.span.end);
      if (record) consider({ kind: 'ddl', schema, record, span: record.span });
    }
  }
  if (!best) return undefined;
  const hit: Hit = best;
  if (hit.kind === 'ddl') {
    const markdown = ddlHover(hit.schema, hit.record, versions);
    return markdown ? { markdown, start: hit.span.start, end: hit.span.end } : undefined;
  }
  const links = new Links(files);
  let markdown: string;
  if (hit.kind === 'query') markdown = queryHover(hit.schema, hit.block, hit.predicate ?? hit.or, files.get(file)?.text);
  else {
    const schema = schemas.find((s) => [...s.tables.values()].includes(hit.table))!;
    markdown = hit.kind === 'index' ? indexHover(schema, hit.table, hit.ix, hit.keyIndex, links) : fkHover(schema, hit.table, hit.fk);
  }
  return { markdown, start: hit.span.start, end: hit.span.end };
}

function indexHover(schema: Schema, t: Table, ix: IndexLike, keyIndex: number | undefined, links: Links): string {
  const lines: string[] = [];
  const title = ix.kind === 'primary' ? 'Primary key' : ix.kind === 'unique' ? 'Unique constraint' : ix.unique ? 'Unique index' : 'Index';
  const facts: string[] = [ix.method === 'btree' ? 'B-tree' : ix.method.toUpperCase()];
  if (ix.unique) facts.push(ix.kind === 'index' ? 'enforces uniqueness' : 'backed by a unique B-tree index');
  lines.push(`**${title}${ix.name ? ` \`${ix.name}\`` : ''}** on \`${displayName(t.name)} (${describeKeys(ix.keys)})\` · ${facts.join(' · ')}`);
  // What makes it a candidate for removal comes first: it is the reason to look.
  const all = indexesOf(t);
  const dup = all.find((o) => o !== ix && sameIndex(o, ix, t.dialect));
  if (dup) lines.push(`⚠ Same keys as ${describeIndex(dup)}.`);
  else if (ix.kind === 'index' && !ix.unique && ix.method === 'btree') {
    const longer = all.find(
      (o) => o !== ix && o.method === 'btree' && o.where === ix.where && o.keys.length > ix.keys.length && sameLeadingKeys(ix.keys, o.keys, ix.keys.length, t.dialect),
    );
    if (longer) lines.push(`⚠ A left prefix of ${describeIndex(longer)} on \`(${describeKeys(longer.keys)})\`, which serves the same lookups.`);
  }
  if (ix.where) lines.push(`Partial: only rows where \`${ix.index?.where ?? ix.where}\`.`);
  if (ix.include.length) lines.push(`INCLUDE (${ix.include.join(', ')}): carried in the leaf pages for index-only scans.`);
  if (keyIndex !== undefined) {
    const k = ix.keys[keyIndex];
    const before = ix.keys.slice(0, keyIndex).map((x) => `\`${x.column ?? x.expression}\``);
    lines.push(
      `Key ${keyIndex + 1} of ${ix.keys.length}: \`${k.column ?? k.expression}\`` +
        (k.prefixLength ? ` (first ${k.prefixLength} characters only: cannot serve sorts or covering reads)` : '') +
        (before.length ? ` — usable for seeks only after equality on ${before.join(', ')}` : ' — the leading key: usable on its own'),
    );
  } else if (ix.method === 'btree' && ix.keys.length > 1) {
    const cols = ix.keys.map((k) => `\`${k.column ?? k.expression}\``);
    lines.push(`Serves lookups on ${cols[0]}, then ${cols.slice(1).join(', then ')}: each column only after equality on the ones before it; a range or sort on a column stops the use of the columns after it.`);
  }
  const backs: string[] = [];
  for (const c of t.constraints) {
    if (c.kind === 'foreign' && c.references && servesLookup(ix, c.columns, t.dialect)) {
      backs.push(`foreign key ${c.name && !c.generatedName ? `\`${c.name}\` ` : ''}\`(${c.columns.join(', ')})\` → \`${displayName(c.references.table)}\``);
    }
  }
  if (backs.length) lines.push(`Supports ${backs.join(', ')}: deletes on the referenced table find child rows through it.`);
  lines.push(...workloadLines(schema, t, ix, links));
  lines.push(
    all.length === 1
      ? `It is the only index of \`${displayName(t.name)}\`: each INSERT and DELETE writes it.`
      : `\`${displayName(t.name)}\` has ${all.length} indexes, counting its keys: each INSERT and DELETE writes all ${all.length}, an UPDATE those on the columns it changes.`,
  );
  const build = buildLock(schema, t, ix);
  if (build) lines.push(build);
  return lines.join('\n\n');
}

function fkHover(schema: Schema, t: Table, fk: ConstraintDef): string {
  const ref = fk.references!;
  const target = findTable(schema, ref.table);
  const refCols = ref.columns.length ? ref.columns : (target && primaryKey(target)?.columns) || [];
  const lines = [`**Foreign key${fk.name && !fk.generatedName ? ` \`${fk.name}\`` : ''}** \`${displayName(t.name)}(${fk.columns.join(', ')})\` → \`${displayName(ref.table)}(${refCols.join(', ')})\``];
  const acts: string[] = [];
  if (ref.onDelete && ref.onDelete !== 'no action') acts.push(`ON DELETE ${ref.onDelete.toUpperCase()}`);
  if (ref.onUpdate && ref.onUpdate !== 'no action') acts.push(`ON UPDATE ${ref.onUpdate.toUpperCase()}`);
  if (fk.notValid) acts.push('NOT VALID (existing rows not checked yet)');
  if (fk.deferrable) acts.push(fk.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE');
  if (acts.length) lines.push(acts.join(' · '));
  if (!target) lines.push(`The referenced table \`${displayName(ref.table)}\` is not defined in the analysed files.`);
  const support = indexesOf(t).find((ix) => servesLookup(ix, fk.columns, t.dialect));
  if (t.dialect === 'mysql') lines.push('InnoDB creates an index on the foreign key columns when none leads with them.');
  else if (support) lines.push(`Supported by ${describeIndex(support)}: checks on delete/update of \`${displayName(ref.table)}\` use it.`);
  else lines.push(`⚠ No index leads with \`(${fk.columns.join(', ')})\`: every delete or key update on \`${displayName(ref.table)}\` scans \`${displayName(t.name)}\`.`);
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------
// The workload: which queries use an index, and how; the access each table of a query is expected to get.

/** At most this many queries listed per section of an index hover; the rest are counted. */
const LIST_MAX = 5;

/** `[orders.sql:12](file:///abs/orders.sql#L12)` links to a line of a workspace file (VS Code opens `#L12` at that line). */
class Links {
  private lineStarts = new Map<string, number[]>();
  constructor(private readonly files: ReadonlyMap<string, ParsedFile>) {}

  to(schema: Schema, file: string, offset: number): string {
    const line = this.line(file, offset);
    const root = schema.project.replace(/\/+$/, '') + '/';
    const label = schema.project && file.startsWith(root) ? file.slice(root.length) : file.replace(/^.*\//, '');
    return `[${label.replace(/[[\]]/g, '\\$&')}:${line}](${fileUri(file)}#L${line})`;
  }

  private line(file: string, offset: number): number {
    let starts = this.lineStarts.get(file);
    if (!starts) {
      starts = [0];
      const text = this.files.get(file)?.text ?? '';
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts.set(file, starts);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** A `file:` URI for a workspace path (forward slashes; a Windows drive path gets its leading slash). */
function fileUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  return 'file://' + encodeURI(p.startsWith('/') ? p : '/' + p).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

const code = (s: string) => `\`${s}\``;

/** A key or predicate as the user wrote its column (or expression). */
function keyName(k: IndexKey): string {
  return k.column ?? `(${k.expression ?? '?'})`;
}

function sameCol(a: string, b: string, t: Table): boolean {
  return columnKey(a, t.dialect) === columnKey(b, t.dialect);
}

/** Does the comparison (or sort key) compare this index key, as the index stores it? */
function onKey(k: IndexKey, p: { target: { column: string }; expression?: string }, t: Table): boolean {
  if (k.column !== undefined) return p.expression === undefined && sameCol(k.column, p.target.column, t);
  return p.expression !== undefined && k.expression !== undefined && normSql(k.expression) === p.expression;
}

/** Does the comparison touch the key's column at all (wrapped or not)? */
function touchesKey(k: IndexKey, p: { target: { column: string }; expression?: string }, t: Table): boolean {
  if (onKey(k, p, t)) return true;
  if (k.column !== undefined) return sameCol(k.column, p.target.column, t);
  return !!k.expression && new RegExp(`(^|[^\\w$])${p.target.column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`, 'i').test(k.expression);
}

/** Per key of the index, what this access does with it: `status` equality, `created_at` sort … */
function roles(ix: IndexLike, u: IndexUse, a: TableAccess): string {
  const t = a.table;
  if (u.maybe) return `may use it (${ix.method.toUpperCase()}: operators we do not model)`;
  const keys = effectiveKeys(ix, t);
  const out: string[] = [];
  keys.forEach((k, i) => {
    if (i < u.eqKeys) {
      const p = a.eq.find((x) => onKey(k, x, t));
      out.push(`${code(keyName(k))} ${p && a.joins.includes(p) ? 'equality (join)' : p?.op === 'in' ? 'equality (IN)' : 'equality'}`);
    } else if (i === u.eqKeys && u.range) out.push(`${code(keyName(k))} range`);
    else if (u.sort && a.sort.some((s) => onKey(k, s, t))) out.push(`${code(keyName(k))} sort`);
  });
  if (u.sort && !out.some((x) => x.endsWith(' sort')) && a.sort.length) out.push('ORDER BY served');
  // Equality the seek cannot use: it comes after a range, a sort key, or a key the query does not compare.
  const stop = keys[u.eqKeys];
  const late = keys.slice(u.eqKeys + 1).filter((k) => a.eq.some((p) => onKey(k, p, t)));
  let s = out.join(', ');
  if (stop && late.length) {
    const why = u.range
      ? `the range on ${code(keyName(stop))}`
      : u.sort && a.sort.some((x) => onKey(stop, x, t))
        ? `the sort key ${code(keyName(stop))}`
        : `${code(keyName(stop))}, which the query does not compare`;
    s += ` — ${late.map((k) => code(keyName(k))).join(', ')} (equality) comes after ${why}: filtered, not sought`;
  }
  // A range and a sort on different columns, both keys after the equality prefix: which goes first is a trade-off.
  const rangeKey = keys.slice(u.eqKeys).find((k) => a.range.some((p) => onKey(k, p, t)));
  const sortKey = keys.slice(u.eqKeys).find((k) => a.sort.some((x) => onKey(k, x, t)) && !a.range.some((p) => onKey(k, p, t)));
  if (rangeKey && sortKey) {
    const r = code(keyName(rangeKey));
    const o = code(keyName(sortKey));
    s +=
      ` — range on ${r} and ORDER BY ${o}, a trade-off: with ${r} first the index reads only the range but the rows must be sorted; ` +
      `with ${o} first they come in order (best with a small LIMIT) but the range is filtered row by row`;
  }
  if (u.covering) s += ' · covering';
  return s;
}

/** Why the index cannot serve the access (the access compares or sorts one of its columns). */
function whyNot(ix: IndexLike, a: TableAccess): string {
  const t = a.table;
  if (ix.where !== undefined && !impliesPredicate(a, ix.where)) return `does not repeat the partial predicate ${code(ix.index?.where ?? ix.where)}`;
  if (ix.method === 'hash') return `a hash index serves only equality on ${code(keyName(ix.keys[0]))}`;
  if (ix.method !== 'btree') return `compares none of its keys with an operator ${ix.method.toUpperCase()} serves`;
  const keys = effectiveKeys(ix, t);
  const k0 = keys[0];
  const preds = [...a.eq, ...a.range, ...a.other];
  const onLead = preds.filter((p) => touchesKey(k0, p, t));
  for (const p of onLead) {
    if (!onKey(k0, p, t)) {
      if (k0.column !== undefined && p.expression) return wrapped(p);
      return `compares ${code(p.expression ?? p.target.column)}, not the indexed ${code(keyName(k0))}`;
    }
    const r = unseekable(p, a);
    if (r) return r;
  }
  if (a.sort.length && a.sort.some((s) => onKey(k0, s, t))) return `its key order cannot deliver \`ORDER BY ${a.sort.map((s) => (s.expression ?? s.target.column) + (s.desc ? ' DESC' : '')).join(', ')}\``;
  if (k0.prefixLength) return `its leading key is a ${k0.prefixLength}-character prefix of ${code(keyName(k0))}`;
  const later = keys.slice(1).filter((k) => preds.some((p) => onKey(k, p, t)) || a.sort.some((s) => onKey(k, s, t)));
  return `the leading column ${code(keyName(k0))} is not compared${later.length ? ` (only ${later.map((k) => code(keyName(k))).join(', ')})` : ''}`;
}

/** `lower(email) = …` against an index on `email`. */
function wrapped(p: Predicate): string {
  const how = p.form === 'function' && p.fn ? `in \`${p.fn}()\`` : p.form === 'cast' ? 'in a cast' : 'in arithmetic';
  return `${code(p.target.column)} is wrapped ${how}`;
}

/** Why a comparison in `other` gives no seek (undefined for a seekable one). */
function unseekable(p: Predicate, a: TableAccess): string | undefined {
  const col = code(p.expression ?? p.target.column);
  if (p.leadingWildcard) return `the LIKE pattern on ${col} starts with a wildcard`;
  if (p.inOr) {
    const d = a.block.disjunctions.find((x) => x.span.start <= p.span.start && p.span.end <= x.span.end);
    const cols = d ? [...new Set(d.columns.map((c) => c.column))] : [];
    if (cols.length < 2) return `${col} is compared inside an OR or NOT`;
    return `OR across ${cols.map(code).join(', ')}${d && orCombinable(a, d) ? ': no single index seeks on it, one index per arm may be combined' : ''}`;
  }
  if (p.op === 'like') return p.ilike ? `ILIKE on ${col} is case-insensitive: a B-tree cannot seek on it` : `the LIKE pattern on ${col} is not a constant prefix`;
  if (p.op === 'other') return `${col} is compared with an operator no index seeks on (\`<>\`, \`NOT IN\`, \`IS NOT NULL\` …)`;
  // Seekable operator, yet in `other`: the value is a column of the same row.
  if (a.other.includes(p)) return `${col} is compared with another column of the same row`;
  return undefined;
}

/** Does the access compare or sort on any key column of the index (else the index is simply not about it)? */
function touchesIndex(ix: IndexLike, a: TableAccess): boolean {
  const t = a.table;
  return ix.keys.some((k) => [...a.eq, ...a.range, ...a.other].some((p) => touchesKey(k, p, t)) || a.sort.some((s) => touchesKey(k, s, t)));
}

/** Index hover: the workspace queries on its table that use it (and how), those that cannot (and why). */
function workloadLines(schema: Schema, t: Table, ix: IndexLike, links: Links): string[] {
  const list = accesses(schema).filter((a) => a.table === t);
  if (!list.length) return [];
  const using: string[] = [];
  const cannot: string[] = [];
  let unrelated = 0;
  for (const a of list) {
    const where = links.to(schema, a.query.file, accessSpan(a).start) + (a.query.source === 'view' && a.query.view ? ` (view ${code(displayName(a.query.view))})` : '');
    const how = usableBy(schema, ix, a);
    const u = how === 'seek' ? indexUse(ix, a) : undefined;
    if (u) {
      let line = `${where}: ${roles(ix, u, a)}`;
      const best = u.maybe ? undefined : bestIndex(a);
      if (best && best.index !== ix && compareUse(best, u) > 0) line += ` — ${describeIndex(best.index)} serves it better`;
      using.push(line);
    } else if (how === 'partial') {
      const whole = indexUse({ ...ix, where: undefined }, a);
      using.push(`${where}: ${whole ? roles(ix, whole, a) : 'compares its keys'}, if the query's conditions imply ${code(ix.index?.where ?? ix.where ?? '')} (not proven)`);
    } else if (how === 'or-arm') using.push(`${where}: one arm of an OR on ${code(keyName(ix.keys[0]))} (the arms' indexes may be combined)`);
    else if (how === 'probe') using.push(`${where}: probed for \`IN (SELECT ${keyName(ix.keys[0])} …)\``);
    else if (how === 'index-only') using.push(`${where}: may be scanned instead of the table (it holds every column the query reads; no index seeks for it)`);
    else if (how === 'group') using.push(`${where}: may be scanned for the GROUP BY on ${code(keyName(ix.keys[0]))} (no index seeks for it)`);
    else if (touchesIndex(ix, a)) cannot.push(`${where}: ${whyNot(ix, a)}`);
    else unrelated++;
  }
  const n = list.length;
  const q = (k: number) => `${k} ${k === 1 ? 'query' : 'queries'}`;
  const section = (head: string, items: string[]) =>
    head + '\n' + items.slice(0, LIST_MAX).map((x) => `- ${x}`).join('\n') + (items.length > LIST_MAX ? `\n- … and ${items.length - LIST_MAX} more` : '');
  const out: string[] = [];
  const table = code(displayName(t.name));
  if (using.length) out.push(section(`**Used by** ${using.length} of the ${q(n)} on ${table}:`, using));
  else {
    const none = n === 1 ? `The one query on ${table} in the workspace` : `None of the ${q(n)} on ${table} in the workspace`;
    const flag = ix.kind === 'index' && !ix.unique && ix.method === 'btree' && !backsForeignKey(ix, t);
    out.push(`${flag ? '⚠ ' : ''}${none} ${n === 1 ? 'cannot use' : 'can use'} it.`);
  }
  if (cannot.length) out.push(section(`**Cannot use it** (${q(cannot.length)}):`, cannot));
  if (unrelated) out.push(`${q(unrelated)} on ${table} ${unrelated === 1 ? 'compares' : 'compare'} none of its columns.`);
  return out;
}

/** What building the index locks (not for indexes created with their table, which is empty then). */
function buildLock(schema: Schema, t: Table, ix: IndexLike): string | undefined {
  if (ix.kind !== 'index') return undefined;
  const { file, span } = ix.origin;
  const rec = schema.statements.find((s) => s.file === file && s.span.start <= span.start && span.end <= s.span.end);
  if (rec?.facts.some((f) => f.kind === 'createTable')) return undefined;
  if (rec?.isMigration && rec.tableExistedBeforeFile === false)
    return `${code(displayName(t.name))} is created earlier in this migration file: it holds no rows yet, so building the index blocks no one.`;
  const table = code(displayName(t.name));
  switch (t.dialect) {
    case 'postgresql':
      return ix.index?.concurrently
        ? `Built \`CONCURRENTLY\`: writes to ${table} go on during the build (it scans the table twice, cannot run inside a transaction block, and a failed build leaves an invalid index to drop).`
        : `Building it takes a SHARE lock on ${table}: inserts, updates and deletes wait for the whole build. \`CREATE INDEX CONCURRENTLY\` lets them run, but cannot run inside a transaction block.`;
    case 'mysql':
      if (t.engine && t.engine.toLowerCase() !== 'innodb') return `${code(t.engine)} builds it with ${table} locked against writes.`;
      if (ix.method === 'fulltext' || ix.method === 'spatial') return `InnoDB builds a ${ix.method.toUpperCase()} index in place but with \`LOCK=SHARED\`: writes to ${table} wait for the build.`;
      return `InnoDB builds it online (\`ALGORITHM=INPLACE, LOCK=NONE\`): reads and writes to ${table} go on during the build, with a brief metadata lock at its start and end.`;
    case 'sqlite':
      return `SQLite holds the database's write lock for the whole build: other writers wait.`;
    default:
      return undefined;
  }
}

/** Query hover: for each table of the block, the index it is expected to be read through, or why none serves it. */
function queryHover(schema: Schema, block: QueryBlock, at: Predicate | Disjunction | undefined, text: string | undefined): string {
  const list = accesses(schema).filter((a) => a.block === block);
  const lines: string[] = ['**Expected access** (estimated from the schema; `EXPLAIN` shows the real plan)'];
  if (at && 'columns' in at) {
    const cols = [...new Set(at.columns.map((c) => c.column))];
    lines.push(`${clip(text?.slice(at.span.start, at.span.end) ?? 'OR')}: OR across ${cols.map(code).join(', ')} — no single index seeks on it; the database may combine one index per arm (PostgreSQL BitmapOr, MySQL index merge, SQLite multi-index OR), else \`UNION\` one query per arm.`);
  } else if (at) {
    const line = predicateLine(schema, block, at, list, text);
    if (line) lines.push(line);
  }
  const rows = block.tables.map((r, i) => {
    const name = code(displayName(r.table) + (r.alias ? ` ${r.alias}` : ''));
    const a = list.find((x) => x.ref === i);
    return `- ${name}: ${a ? accessLine(a) : 'not a table of the analysed schema'}`;
  });
  lines.push(rows.join('\n'));
  // A join starts somewhere: when no table has a filter an index seeks on, the first one is read in full.
  const own = (a: TableAccess) => [...a.eq, ...a.range, ...a.other].some((p) => !a.joins.includes(p));
  const sought = (a: TableAccess) => {
    const best = bestIndex(a);
    if (!best) return false;
    const keys = effectiveKeys(best.index, a.table).slice(0, best.eqKeys + (best.range ? 1 : 0));
    return keys.some((k) => [...a.eq, ...a.range].some((p) => !a.joins.includes(p) && onKey(k, p, a.table))) || (best.sort && a.limit);
  };
  if (list.length > 1 && list.some(own) && !list.some(sought)) lines.push('⚠ No table of this query has a filter an index seeks on: the join starts with a full scan of one of them.');
  return lines.join('\n\n');
}

/** The hovered comparison: sought through the expected index, filtered after it, or why it cannot be sought. */
function predicateLine(schema: Schema, block: QueryBlock, p: Predicate, list: TableAccess[], text: string | undefined): string | undefined {
  const shown = clip(text?.slice(p.span.start, p.span.end) ?? p.text);
  const r = refOf(schema, block, p.target);
  const a = list.find((x) => x.ref === r && (x.eq.includes(p) || x.range.includes(p) || x.other.includes(p)));
  if (!a) return undefined;
  const t = a.table;
  const best = bestIndex(a);
  if (best) {
    const keys = effectiveKeys(best.index, t);
    const k = keys.findIndex((key, i) => onKey(key, p, t) && (i < best.eqKeys || (best.range && i === best.eqKeys)));
    if (k >= 0 && (a.eq.includes(p) || a.range.includes(p))) return `${shown}: sought through ${describeIndex(best.index)} (key ${k + 1}, ${k < best.eqKeys ? 'equality' : 'range'}).`;
  }
  if (a.other.includes(p)) return `${shown}: no seek — ${unseekable(p, a) ?? 'no index can use this comparison'}.`;
  if (p.expression && !indexesOf(t).some((ix) => ix.keys[0] && onKey(ix.keys[0], p, t))) return `${shown}: no seek — ${wrapped(p)} and no index is on that expression.`;
  return best ? `${shown}: checked on the rows ${describeIndex(best.index)} finds, not sought.` : `${shown}: no index leads with ${code(p.expression ?? p.target.column)}.`;
}

const COVERING: Record<string, string> = {
  postgresql: 'covering: an index-only scan',
  mysql: 'covering: no lookup of the rows',
  sqlite: 'covering: no lookup of the rows',
};

/** One table of a query: the expected index and how it is used, or why no index serves it. */
function accessLine(a: TableAccess): string {
  const t = a.table;
  const best = bestIndex(a);
  if (best) {
    const keys = effectiveKeys(best.index, t);
    const parts: string[] = [];
    const eq = keys.slice(0, best.eqKeys);
    if (eq.length) {
      const join = eq.some((k) => a.joins.some((p) => onKey(k, p, t)));
      parts.push(`equality on ${eq.map((k) => code(keyName(k))).join(', ')}${join ? ' (join)' : ''}`);
    }
    if (best.range) parts.push(`${eq.length ? 'then ' : ''}range on ${code(keyName(keys[best.eqKeys]))}`);
    if (a.sort.length) parts.push(best.sort ? 'ORDER BY served by the index order' : 'ORDER BY needs a sort step');
    if (best.covering) parts.push(COVERING[t.dialect] ?? 'covering');
    const used = keys.slice(0, best.eqKeys + (best.range ? 1 : 0));
    const rest = [...a.eq, ...a.range, ...a.other].filter((p) => !used.some((k) => onKey(k, p, t)));
    const filtered = [...new Set(rest.map((p) => p.expression ?? p.target.column))];
    if (filtered.length) parts.push(`then filters on ${filtered.map(code).join(', ')}`);
    return `${describeIndex(best.index)} — ${parts.join('; ')}`;
  }
  const reasons = whyNone(a);
  const maybe = indexesOf(t).find((ix) => indexUse(ix, a)?.maybe);
  if (maybe) reasons.push(`${describeIndex(maybe)} (${maybe.method.toUpperCase()}) may serve it`);
  const ownFilter = [...a.eq, ...a.range].some((p) => !a.joins.includes(p)) || a.other.length > 0 || (a.sort.length > 0 && a.limit);
  // An OR whose every arm has its own index is served by combining them: not worth a warning.
  const combined = a.block.disjunctions.some((d) => orCombinable(a, d)) && a.other.every((p) => p.inOr) && [...a.eq, ...a.range].every((p) => a.joins.includes(p));
  const ideal = ownFilter ? idealKeys(a) : undefined;
  const idea = ideal ? ` — an index on \`(${ideal.columns.map((c) => (c.column ?? c.expression) + (c.desc ? ' DESC' : '')).join(', ')})\` would serve it` : '';
  return `${ownFilter && !maybe && !combined ? '⚠ ' : ''}no index: ${reasons.join('; ')}${combined ? '' : idea}`;
}

/** Why no index serves an access: each comparison's reason, deduplicated. */
function whyNone(a: TableAccess): string[] {
  const t = a.table;
  const out = new Set<string>();
  const all = indexesOf(t);
  const plain = [...a.eq, ...a.range].filter((p) => !p.expression);
  const joinOnly = plain.length > 0 && plain.every((p) => a.joins.includes(p));
  for (const p of plain) {
    const col = p.target.column;
    const later = all.find((ix) => ix.keys.slice(1).some((k) => onKey(k, p, t)) && ix.keys[0]);
    if (later) out.add(`${code(col)} is only a later key of ${describeIndex(later)}, whose leading ${code(keyName(later.keys[0]))} is not compared`);
    else out.add(`no index leads with ${joinOnly ? 'the join column ' : ''}${code(col)}`);
  }
  for (const p of [...a.eq, ...a.range].filter((x) => x.expression)) out.add(`${wrapped(p)} and no index is on that expression`);
  for (const p of a.other) {
    const r = unseekable(p, a);
    if (r) out.add(r);
  }
  if (a.sort.length) out.add(`no index delivers \`ORDER BY ${a.sort.map((s) => (s.expression ?? s.target.column) + (s.desc ? ' DESC' : '')).join(', ')}\``);
  if (!out.size) return ['no condition on it: it is read in full'];
  const onlyJoins = joinOnly && !a.other.length && !a.sort.length && plain.length === a.eq.length + a.range.length;
  return onlyJoins ? [...out].map((x) => `${x} (reached by a scan or a hash join, not by index lookups)`) : [...out];
}

/** The source text of a comparison, in backticks, shortened. */
function clip(raw: string): string {
  const one = raw.replace(/\s+/g, ' ').trim();
  return code(one.length > 60 ? one.slice(0, 57) + '…' : one);
}

/** Does every arm of the OR that compares this table have an index leading with its column (so the arms can be combined)? */
function orCombinable(a: TableAccess, d: Disjunction): boolean {
  const t = a.table;
  const arms = a.other.filter((p) => p.inOr && d.span.start <= p.span.start && p.span.end <= d.span.end);
  // Arms on other tables (`a.x = 1 OR b.y = 2`) cannot be combined on this one.
  if (!arms.length || !d.columns.every((c) => c.ref === a.ref)) return false;
  return arms.every((p) => (p.op === 'eq' || p.op === 'in' || p.op === 'null' || p.op === 'range') && indexesOf(t).some((ix) => ix.method === 'btree' && ix.where === undefined && ix.keys[0] && onKey(ix.keys[0], p, t)));
}

/** Hover on a DDL statement of a migration file: the lock it takes, what it blocks, whether it rewrites or scans. */
function ddlHover(schema: Schema, record: StatementRecord, versions: HoverVersions): string | undefined {
  const locks = statementLocks(record.facts, schema.dialect, versions.postgresVersion, mysqlVersionParts(versions.mysqlVersion));
  const target = record.facts.map((f) => (f.kind === 'alterTable' ? f.table : f.kind === 'createIndex' ? f.index.table : undefined)).find((x) => !!x);
  const isNew = record.tableExistedBeforeFile === false;
  const md = locksMarkdown(locks, target && displayName(target), isNew);
  if (!md) return undefined;
  const version = schema.dialect === 'postgresql' ? `PostgreSQL ${versions.postgresVersion}` : schema.dialect === 'mysql' ? `MySQL ${versions.mysqlVersion} (InnoDB)` : '';
  return version ? `${md}\n\n_Assumes ${version} (settings \`postgresVersion\` / \`mysqlVersion\`)._` : md;
}
