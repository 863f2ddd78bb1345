/**
 * What an analysis keeps of the one before it: findings moved past an edit, and per-table rule findings kept while
 * the table (and whatever else the rule read for it) is the same. See ARCHITECTURE.md, invariant 7.
 */
import type { Diagnostic } from './api';
import type { Span } from './model/types';
import type { Schema, Table, WorkloadQuery } from './model/schema';
import { bareNames, tablesChangedBy } from './model/schema';
import { indexOf, replacedKeys, type Reads, type TableIndex } from './model/reads';
import { sameShape, type ParsedFile } from './parse/file';
import { lineEndAfterStatement } from './fixes';

export type Edit = NonNullable<ParsedFile['edit']>;

/** A range the edits leave where it was: in a file not edited, or ending before the edit (an empty one, before it). */
function stays(edits: Map<string, Edit>, file: string, start: number, end: number): boolean {
  const e = edits.get(file);
  return !e || (start === end ? start < e.start : start < e.start && end <= e.start);
}

/** Where a range's start moves, or -1 when it lies within the edited text (an empty one exactly at the edit too). */
function movedStart(e: Edit | undefined, o: number, empty: boolean): number {
  if (!e || o < e.start) return o;
  // An empty range (an insertion) exactly where the text changed: before or after the new text? Let the rules say.
  if (empty && o === e.start) return -1;
  return o >= e.oldEnd ? o + (e.newEnd - e.oldEnd) : -1;
}

function movedEnd(e: Edit | undefined, o: number): number {
  if (!e || o <= e.start) return o;
  return o > e.oldEnd ? o + (e.newEnd - e.oldEnd) : -1;
}

/** A range moved past the edits, or undefined when it lies within the edited text. */
function moveRange<T extends { file: string; start: number; end: number }>(edits: Map<string, Edit>, r: T): T | undefined {
  if (stays(edits, r.file, r.start, r.end)) return r;
  const e = edits.get(r.file);
  const empty = r.start === r.end;
  const start = movedStart(e, r.start, empty);
  const end = empty ? start : movedEnd(e, r.end);
  return start < 0 || end < 0 ? undefined : { ...r, start, end };
}

/**
 * Findings moved past an edit of their file: offsets before it stay, offsets after it move by the length change.
 * Undefined when any offset (finding, fix edit, related location) lies within the edited range: then the rules run.
 */
export function shiftFindings(found: Diagnostic[], edits: Map<string, Edit>): Diagnostic[] | undefined {
  if (edits.size === 0) return found;
  // Copied on the first finding that moves: most lists are in files the edit did not touch.
  let out: Diagnostic[] | undefined;
  for (let i = 0; i < found.length; i++) {
    const d = found[i];
    const at = moveRange(edits, d);
    if (!at) return undefined;
    let fixes = d.fixes;
    for (let k = 0; k < d.fixes.length; k++) {
      const f = d.fixes[k];
      let moved: typeof f.edits | undefined;
      for (let m = 0; m < f.edits.length; m++) {
        const x = moveRange(edits, f.edits[m]);
        if (!x) return undefined;
        if (x !== f.edits[m]) (moved ??= f.edits.slice())[m] = x;
      }
      if (moved) (fixes === d.fixes ? (fixes = d.fixes.slice()) : fixes)[k] = { ...f, edits: moved };
    }
    let related = d.related;
    if (d.related) {
      for (let k = 0; k < d.related.length; k++) {
        const r = d.related[k];
        const x = moveRange(edits, r);
        if (!x) return undefined;
        if (x !== r) (related === d.related ? (related = d.related.slice()) : related!)[k] = x;
      }
    }
    if (at === d && fixes === d.fixes && related === d.related) continue;
    (out ??= found.slice())[i] = { ...at, fixes, related };
  }
  return out ?? found;
}

/** Do the edits move the span `was` exactly to where query `q` is now? */
export function movedTo(was: Span, q: WorkloadQuery, edits: Map<string, Edit>): boolean {
  const probe = shiftFindings([{ file: q.file, start: was.start, end: was.end, fixes: [] } as unknown as Diagnostic], edits);
  return !!probe && probe[0].start === q.query.span.start && probe[0].end === q.query.span.end;
}

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}


/** A per-table rule's findings for one table, and what the call read beyond that table (undefined: nothing). */
export interface TableFindings {
  reads?: Reads;
  found: Diagnostic[];
}

/**
 * The statements of `pf` an edit touched, with what fixes read after them (the rest of the line past the
 * terminator). A model node defined inside one of them counts as changed even when its facts kept their shape:
 * text a fix copies or places itself by may have changed.
 */
function touchedStatements(pf: ParsedFile, e: Edit): ParsedFile['statements'] {
  const sts = pf.statements;
  // Last statement starting at or before the edit's end.
  let lo = 0;
  let hi = sts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sts[mid].span.start <= e.newEnd) lo = mid + 1;
    else hi = mid;
  }
  const out: ParsedFile['statements'] = [];
  // Walking back, the tails end at non-decreasing line ends: stop at the first that ends before the edit.
  for (let i = lo - 1; i >= 0; i--) {
    const s = sts[i].span;
    if (s.end < e.start && lineEndAfterStatement(pf.text, s) < e.start) break;
    out.push(sts[i]);
  }
  return out;
}

/**
 * Decides, for the analysis after `prev`, which per-table findings can be kept: the table is the same but for
 * offsets and no edit touched its statements, and so is each table (or absent name), enum list and database default
 * the rule read for it. Kept findings are moved past the edits.
 */
export class TableReuse {
  private same = new Map<string, boolean>();
  private bareSame = new Map<string, boolean>();
  private enumsSame?: boolean;
  private databaseSame?: boolean;
  private touched = new Map<string, Span[]>();
  /**
   * When known: the only tables that may have changed (the others are the same objects, untouched by the edits), in
   * no particular order. Known when the schemas share their tables or a partial replay made one from the other.
   */
  readonly changed?: ReadonlySet<string>;

  constructor(
    private readonly prev: Schema,
    private readonly next: Schema,
    private readonly edits: Map<string, Edit>,
    parsed: ReadonlyMap<string, ParsedFile>,
  ) {
    const statements: ParsedFile['statements'] = [];
    for (const [file, e] of edits) {
      const pf = parsed.get(file);
      if (!pf) continue;
      const sts = touchedStatements(pf, e);
      this.touched.set(
        file,
        sts.map((st) => st.span),
      );
      statements.push(...sts);
    }
    const replaced = replacedKeys(next, prev);
    const touched = replaced && tablesChangedBy(next, statements);
    if (touched) {
      replaced!.forEach((k) => touched.add(k));
      this.changed = touched;
    }
  }

  /** Findings moved past the edits (undefined when one lies in the edited text). */
  shift(found: Diagnostic[]): Diagnostic[] | undefined {
    return shiftFindings(found, this.edits);
  }

  /** The findings of `entry` (for table `key`) moved to the current text, or undefined when the rule must run. */
  keep(key: string, entry: TableFindings): Diagnostic[] | undefined {
    if (!this.holds(key, entry.reads)) return undefined;
    return entry.found.length ? shiftFindings(entry.found, this.edits) : entry.found;
  }

  /** Is table `key` the same, and is everything a call read for it (`r`) the same? */
  holds(key: string, r: Reads | undefined): boolean {
    if (r?.all || !this.unchanged(key)) return false;
    if (r) {
      for (const k of r.keys) if (!this.unchanged(k)) return false;
      for (const b of r.bare) if (!this.unchangedBare(b)) return false;
      for (const [index, key] of r.indexed) if (!this.sameEntry(index, key)) return false;
      if (r.enums && !(this.enumsSame ??= this.sameEnums())) return false;
      if (r.database && !(this.databaseSame ??= sameShape(this.prev.database, this.next.database))) return false;
    }
    return true;
  }

  private unchanged(key: string): boolean {
    if (this.changed && !this.changed.has(key)) return true;
    let v = this.same.get(key);
    if (v === undefined) {
      const a = this.prev.tables.get(key);
      const b = this.next.tables.get(key);
      v = a === undefined || b === undefined ? a === b : !this.touchedTable(b) && sameShape(a, b);
      this.same.set(key, v);
    }
    return v;
  }

  private entries = new Map<TableIndex, Map<string, boolean>>();

  /** Does an index entry list the same tables (by key) as before? */
  private sameEntry(index: TableIndex, key: string): boolean {
    let m = this.entries.get(index);
    if (!m) this.entries.set(index, (m = new Map()));
    let v = m.get(key);
    if (v === undefined) {
      const a = indexOf(this.prev, index).get(key) ?? [];
      const b = indexOf(this.next, index).get(key) ?? [];
      v = sameItems(a, b);
      m.set(key, v);
    }
    return v;
  }

  private unchangedBare(bare: string): boolean {
    let v = this.bareSame.get(bare);
    if (v === undefined) {
      const a = [...(bareNames(this.prev).get(bare) ?? [])].map((t) => t.key);
      const b = [...(bareNames(this.next).get(bare) ?? [])].map((t) => t.key);
      v = a.length === b.length && a.every((k, i) => k === b[i] && this.unchanged(k));
      this.bareSame.set(bare, v);
    }
    return v;
  }

  private sameEnums(): boolean {
    const a = [...this.prev.enums];
    const b = [...this.next.enums];
    return a.length === b.length && a.every(([k, v], i) => k === b[i][0] && sameShape(v, b[i][1]));
  }

  /**
   * Was the table defined, in part, by a statement the edit touched? Its nodes' origins (and the places a later
   * statement changed a column) are where fixes read and write text; nested spans lie inside their node's statement.
   */
  private touchedTable(t: Table): boolean {
    if (this.touched.size === 0) return false;
    if (this.hit(t.origin)) return true;
    for (const c of t.columns) if (this.hit(c.origin) || (c.typeChangedAt && this.hit(c.typeChangedAt)) || (c.charsetSetBy && this.hit(c.charsetSetBy))) return true;
    for (const c of t.constraints) if (this.hit(c.origin)) return true;
    for (const i of t.indexes) if (this.hit(i.origin)) return true;
    return false;
  }

  private hit(o: { file: string; span: Span }): boolean {
    return this.isTouched(o.file, o.span);
  }

  private isTouched(file: string, span: Span): boolean {
    const ts = this.touched.get(file);
    if (!ts) return false;
    for (const t of ts) if (span.start <= t.end && span.end >= t.start) return true;
    return false;
  }
}
