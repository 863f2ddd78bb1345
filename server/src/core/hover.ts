/**
 * Hovers that explain indexes and foreign keys: what an index indexes, which constraint or foreign key it backs,
 * what makes it duplicate or redundant; for a foreign key, which index supports it.
 */
import type { ConstraintDef, Span } from './model/types';
import type { Schema, Table } from './model/schema';
import { displayName, findColumn, findTable, primaryKey } from './model/schema';
import { describeIndex, describeKeys, indexesOf, sameLeadingKeys, servesLookup, type IndexLike } from './model/indexes';
import { sameIndex } from './rules/duplicate-index';
import type { ParsedFile } from './parse/file';

export interface Hover {
  markdown: string;
  start: number;
  end: number;
}

type Hit = { kind: 'index'; table: Table; ix: IndexLike; span: Span; keyIndex?: number } | { kind: 'fk'; table: Table; fk: ConstraintDef; span: Span };

export function hoverAt(schemas: readonly Schema[], _files: ReadonlyMap<string, ParsedFile>, file: string, offset: number): Hover | undefined {
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
  }
  if (!best) return undefined;
  const hit: Hit = best;
  const schema = schemas.find((s) => [...s.tables.values()].includes(hit.table))!;
  const markdown = hit.kind === 'index' ? indexHover(schema, hit.table, hit.ix, hit.keyIndex) : fkHover(schema, hit.table, hit.fk);
  return { markdown, start: hit.span.start, end: hit.span.end };
}

function indexHover(schema: Schema, t: Table, ix: IndexLike, keyIndex: number | undefined): string {
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
  void schema;
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
