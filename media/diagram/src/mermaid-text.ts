/**
 * Diagram data → mermaid `erDiagram` text. The one place where identifiers meet mermaid's syntax:
 *  - entities get synthetic ids (`e1`, `e2`, …) and their names as alias labels (`e1["orders"]`), so no name can
 *    be read as syntax (a keyword, `}`, a relation arrow);
 *  - attribute types and names are backtick-quoted words, labels and comments double-quoted strings;
 *  - inside them every character but letters, digits, space and `_-.,()[]` becomes a mermaid entity code (`#60;`),
 *    which mermaid turns into a character reference in its output: no quote, backtick, `%%` (a directive), `<`
 *    (markup), `~` (generics), `*`/`$` (markdown, KaTeX) or line break reaches mermaid's parser or the page as such.
 * The webview also writes the exact names into the rendered SVG afterwards (render.ts), so what the page shows
 * never depends on how mermaid treats the text; the escaping keeps the syntax intact and the export readable.
 */
import type { ErEntity, ErRelation, Cardinality } from '../../../server/src/core/diagram';

export type ColumnDetail = 'all' | 'keys';

export interface ErTextOptions {
  columns: ColumnDetail;
  /**
   * Entities drawn elsewhere (another tile) that relations of these entities reach: drawn as name-only boxes,
   * keyed like the entities, with the name to show.
   */
  ghosts?: ReadonlyMap<string, string>;
}

export interface ErText {
  text: string;
  /** Entity key → mermaid id (ghosts included). */
  ids: Map<string, string>;
  /** Entity key → the name shown (ghosts included). */
  names: Map<string, string>;
  /** Per entity key, in row order: the attribute names and types drawn (an enum's rows are its values). */
  rows: Map<string, string[]>;
  types: Map<string, string[]>;
  /**
   * The relations drawn, in the order of the text: `label` unescaped, `first`/`second` the mermaid ids in the order
   * the relation line names them.
   */
  relations: { relation: ErRelation<unknown>; label: string; first: string; second: string }[];
}

const SAFE = /[\p{L}\p{N} _\-.,()[\]]/u;

/** A string as mermaid reads it inside a quoted label or backtick word: every other character as `#<code>;`. */
export function escapeText(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** A backtick word must not be empty; an untyped (SQLite) column shows a dash. */
function word(s: string): string {
  return '`' + (s.trim() === '' ? '-' : escapeText(s)) + '`';
}

/** An entity's alias label: mermaid wants at least one character there. */
function label(s: string): string {
  return '"' + (s === '' ? ' ' : escapeText(s)) + '"';
}

/** A relation's label may be empty. */
function role(s: string): string {
  return '"' + escapeText(s) + '"';
}

/** The columns drawn as rows: all, or those in a key (the others stay in the data, for the side panel). */
export function shownColumns<L>(e: ErEntity<L>, detail: ColumnDetail): ErEntity<L>['columns'] {
  return detail === 'all' ? e.columns : e.columns.filter((c) => c.pk || c.fk || c.uk);
}

/** Mermaid's crow's foot ends: left of `--` (the first entity's side), right of it (the second's). */
const LEFT: Record<Cardinality, string> = { one: '||', zeroOrOne: '|o', many: '}o' };
const RIGHT: Record<Cardinality, string> = { one: '||', zeroOrOne: 'o|', many: 'o{' };

export function erDiagramText(entities: readonly ErEntity<unknown>[], relations: readonly ErRelation<unknown>[], options: ErTextOptions): ErText {
  const lines = ['erDiagram'];
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  const rows = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  entities.forEach((e, i) => ids.set(e.key, `e${i + 1}`));
  for (const e of entities) {
    const id = ids.get(e.key)!;
    const columns = shownColumns(e, options.columns);
    const attrs =
      e.kind === 'enum'
        ? (e.values ?? []).map((v) => `    ${word('value')} ${word(v)}`)
        : columns.map((c) => {
            const keys = [c.pk && 'PK', c.fk && 'FK', c.uk && 'UK'].filter(Boolean).join(', ');
            // PK columns are NOT NULL by definition: saying it again only adds noise.
            const comment = c.notNull && !c.pk ? ' "NOT NULL"' : '';
            return `    ${word(c.type)} ${word(c.name)}${keys ? ' ' + keys : ''}${comment}`;
          });
    names.set(e.key, e.name);
    rows.set(e.key, e.kind === 'enum' ? (e.values ?? []) : columns.map((c) => c.name));
    types.set(e.key, e.kind === 'enum' ? (e.values ?? []).map(() => 'value') : columns.map((c) => c.type));
    lines.push(attrs.length > 0 ? `  ${id}[${label(e.name)}] {` : `  ${id}[${label(e.name)}]`);
    if (attrs.length > 0) lines.push(...attrs, '  }');
  }
  let g = 0;
  for (const [key, name] of options.ghosts ?? []) {
    if (ids.has(key)) continue;
    const id = `g${++g}`;
    ids.set(key, id);
    names.set(key, name);
    lines.push(`  ${id}[${label(name)}]`);
  }
  // Several relations between the same two tables (created_by, updated_by) are told apart by their columns.
  const pairs = new Map<string, number>();
  const pair = (r: ErRelation<unknown>) => [r.from, r.to].sort().join('\u0000');
  for (const r of relations) pairs.set(pair(r), (pairs.get(pair(r)) ?? 0) + 1);
  const drawn: ErText['relations'] = [];
  for (const r of relations) {
    const from = ids.get(r.from);
    const to = ids.get(r.to);
    if (!from || !to) continue;
    let text: string;
    let first = to;
    let second = from;
    if (r.kind === 'fk') {
      const parts = [(pairs.get(pair(r)) ?? 0) > 1 ? r.columns.join(', ') : '', r.enforced ? '' : 'not enforced'].filter(Boolean);
      text = parts.join(' · ');
      lines.push(`  ${to} ${LEFT[r.toCardinality]}${r.identifying ? '--' : '..'}${RIGHT[r.fromCardinality]} ${from} : ${role(text)}`);
    } else if (r.kind === 'reads') {
      text = 'reads';
      [first, second] = [from, to];
      lines.push(`  ${from} }o..o{ ${to} : ${role(text)}`);
    } else {
      text = r.columns.join(', ');
      lines.push(`  ${to} ${LEFT[r.toCardinality]}..o{ ${from} : ${role(text)}`);
    }
    drawn.push({ relation: r, label: text, first, second });
  }
  return { text: lines.join('\n') + '\n', ids, names, rows, types, relations: drawn };
}
