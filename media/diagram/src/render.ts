/**
 * Renders tiles of mermaid text into the canvas and makes them navigable. Per tile: mermaid renders the text
 * (cached by text, so an unchanged tile is never rendered twice), the exact names are written back into the SVG
 * as text nodes, then the interactive parts are added: entity and column targets, finding badges, join-table
 * marks, relation tooltips. Tiles render one after the other, yielding between them, so a large diagram appears
 * tile by tile and the page stays responsive; a newer drawing abandons an older one between tiles.
 */
import mermaid from 'mermaid';
import type { WireEntity, WireRelation } from '../../../server/src/lsp/diagram-protocol';
import type { ErText } from './mermaid-text';

export interface Tile {
  /** Stable within one drawing: the first entity's key. */
  id: string;
  entities: WireEntity[];
  text: ErText;
}

export interface RenderEvents {
  entity(key: string, column?: number): void;
  ghost(key: string): void;
  badge(key: string): void;
  relation(r: WireRelation): void;
}

export interface DrawStats {
  tiles: number;
  /** From the start of the drawing to the first tile on screen, and to the last. */
  firstMs: number;
  completeMs: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const ENTITY_ID = /-entity-([eg]\d+)-\d+$/;
const EDGE_ID = /^id_entity-([eg]\d+)-\d+_entity-([eg]\d+)-\d+_(\d+)$/;

interface Rendered {
  /** The SVG with exact names, before decoration: cloned for display, serialised for export. */
  clean: SVGSVGElement;
}

export class Renderer {
  private cache = new Map<string, Rendered>();
  private generation = 0;
  private serial = 0;
  /** The tiles on screen, by tile id, with their mermaid ids → keys. */
  private shown = new Map<string, { el: HTMLElement; text: string; tile: Tile; decoration?: string }>();
  private entityEls = new Map<string, Element>();

  /**
   * Where mermaid lays out and measures a diagram before handing back its SVG: off screen and contained, so each of
   * its many forced layouts (one per label) recomputes this box only, not a page that already shows large tiles.
   */
  private readonly scratch: HTMLElement;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly events: RenderEvents,
  ) {
    canvas.addEventListener('click', (e) => this.click(e));
    this.scratch = document.createElement('div');
    this.scratch.className = 'render-scratch';
    this.scratch.setAttribute('aria-hidden', 'true');
    document.body.append(this.scratch);
  }

  /** Theme or font changed: every tile renders again. */
  configure(config: Parameters<typeof mermaid.initialize>[0]): void {
    mermaid.initialize(config);
    this.cache.clear();
    for (const s of this.shown.values()) s.text = '';
  }

  /**
   * Shows these tiles in this order; `first`: the id of the tile to render before the others. Resolves when done
   * (or abandoned for a newer drawing: then `undefined`).
   */
  async draw(tiles: Tile[], first?: string): Promise<DrawStats | undefined> {
    const gen = ++this.generation;
    const t0 = performance.now();
    let firstMs = -1;
    const wanted = new Set(tiles.map((t) => t.id));
    for (const [id, s] of this.shown) {
      if (!wanted.has(id)) {
        s.el.remove();
        this.shown.delete(id);
      }
    }
    // Tile boxes in display order at once (placeholders keep their place), then render, the chosen one first.
    let prev: HTMLElement | undefined;
    for (const t of tiles) {
      let s = this.shown.get(t.id);
      if (!s) {
        const el = document.createElement('section');
        el.className = 'tile pending';
        s = { el, text: '', tile: t };
        this.shown.set(t.id, s);
      }
      s.tile = t;
      if (prev ? prev.nextElementSibling !== s.el : this.canvas.firstElementChild !== s.el) {
        if (prev) prev.after(s.el);
        else this.canvas.prepend(s.el);
      }
      prev = s.el;
    }
    const order = [...tiles].sort((a, b) => (a.id === first ? -1 : b.id === first ? 1 : 0));
    for (const t of order) {
      const s = this.shown.get(t.id)!;
      if (s.text === t.text.text) {
        // Same drawing; the marks change only with the findings, join tables or relations (locations do not matter).
        const decoration = decorationKey(t);
        if (decoration !== s.decoration) this.redecorate(s.el, t);
        s.decoration = decoration;
        continue;
      }
      let rendered = this.cache.get(t.text.text);
      if (!rendered) {
        // Let the browser paint what is there and handle input before the next (blocking) mermaid render.
        await new Promise((r) => setTimeout(r, 0));
        if (gen !== this.generation) return undefined;
        try {
          rendered = await this.render(t.text);
        } catch (e) {
          s.el.className = 'tile failed';
          s.el.replaceChildren(Object.assign(document.createElement('p'), { textContent: `This part of the diagram could not be drawn: ${e instanceof Error ? e.message : String(e)}` }));
          s.text = t.text.text;
          continue;
        }
        if (gen !== this.generation) return undefined;
        this.cache.set(t.text.text, rendered);
      }
      const svg = rendered.clean.cloneNode(true) as SVGSVGElement;
      s.el.className = 'tile';
      s.el.replaceChildren(svg);
      s.text = t.text.text;
      this.decorate(svg, t);
      s.decoration = decorationKey(t);
      if (firstMs < 0) {
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        firstMs = performance.now() - t0;
      }
    }
    // Keep only what the tiles on screen use.
    const live = new Set([...this.shown.values()].map((s) => s.text));
    for (const k of this.cache.keys()) if (!live.has(k)) this.cache.delete(k);
    this.indexEntities();
    return { tiles: tiles.length, firstMs: Math.max(0, firstMs), completeMs: performance.now() - t0 };
  }

  /** The element of an entity drawn as itself (not a ghost). */
  entity(key: string): Element | undefined {
    return this.entityEls.get(key);
  }

  /** Sets a class on one entity (or none) and removes it from the others. */
  mark(cls: string, key: string | undefined): void {
    for (const el of this.canvas.querySelectorAll(`.${cls}`)) el.classList.remove(cls);
    if (key !== undefined) this.entityEls.get(key)?.classList.add(cls);
  }

  /** The drawing as one standalone SVG: the tiles where they are on screen, without the interactive marks. */
  exportSvg(): string {
    const parts: { svg: SVGSVGElement; x: number; y: number; w: number; h: number }[] = [];
    for (const s of this.shown.values()) {
      const text = s.text;
      const clean = this.cache.get(text)?.clean;
      if (!clean) continue;
      const svg = clean.cloneNode(true) as SVGSVGElement;
      const [w, h] = viewBoxSize(svg);
      parts.push({ svg, x: s.el.offsetLeft, y: s.el.offsetTop, w, h });
    }
    const width = Math.max(1, ...parts.map((p) => p.x + p.w));
    const height = Math.max(1, ...parts.map((p) => p.y + p.h));
    const out = document.createElementNS(SVG_NS, 'svg');
    out.setAttribute('xmlns', SVG_NS);
    out.setAttribute('width', String(Math.ceil(width)));
    out.setAttribute('height', String(Math.ceil(height)));
    out.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
    for (const p of parts) {
      p.svg.setAttribute('x', String(p.x));
      p.svg.setAttribute('y', String(p.y));
      p.svg.setAttribute('width', String(p.w));
      p.svg.setAttribute('height', String(p.h));
      p.svg.style.removeProperty('max-width');
      out.append(p.svg);
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
  }

  private async render(text: ErText): Promise<Rendered> {
    const { svg } = await mermaid.render(`sw-diagram-${++this.serial}`, text.text, this.scratch);
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const el = holder.querySelector('svg');
    if (!el) throw new Error('mermaid returned no SVG');
    restoreNames(el, text);
    return { clean: el };
  }

  private indexEntities(): void {
    this.entityEls.clear();
    for (const el of this.canvas.querySelectorAll('[data-key]:not(.sw-ghost)')) this.entityEls.set(el.getAttribute('data-key')!, el);
  }

  /** A cached tile shown again with other data (badges, marks): decorate afresh. */
  private redecorate(el: HTMLElement, t: Tile): void {
    for (const d of el.querySelectorAll('.sw-deco')) d.remove();
    const svg = el.querySelector('svg');
    if (svg) this.decorate(svg, t);
  }

  private decorate(svg: SVGSVGElement, t: Tile): void {
    const keyOf = new Map([...t.text.ids].map(([k, id]) => [id, k]));
    const byKey = new Map(t.entities.map((e) => [e.key, e]));
    const nodes: { node: SVGGElement; entity?: WireEntity; key: string }[] = [];
    for (const node of svg.querySelectorAll<SVGGElement>('g.node')) {
      const m = ENTITY_ID.exec(node.id);
      const key = m && keyOf.get(m[1]);
      if (!key) continue;
      node.setAttribute('data-key', key);
      node.classList.add('sw-entity');
      const entity = byKey.get(key);
      if (!entity) node.classList.add('sw-ghost');
      else node.classList.add(`sw-${entity.kind}`);
      nodes.push({ node, entity, key });
    }
    // Reads first, then writes: one layout for all the boxes.
    const boxes = nodes.map((n) => (n.entity && (n.entity.findings.count > 0 || n.entity.joins) ? n.node.getBBox() : undefined));
    nodes.forEach(({ node, entity }, i) => {
      if (!entity) {
        addTitle(node, `${nameOf(node)} — drawn in another part of the diagram (click to go there)`);
        return;
      }
      addTitle(node, entityTitle(entity));
      node.querySelectorAll('g.label.attribute-type').forEach((label, row) => {
        for (const g of rowGroups(label)) g.setAttribute('data-col', String(row));
      });
      node.querySelectorAll('g[class^="row-rect-"]').forEach((g, row) => g.setAttribute('data-col', String(row)));
      const box = boxes[i];
      if (box && entity.findings.count > 0) node.append(badge(entity, box));
      if (box && entity.joins) node.append(joinMark(box));
    });
    const relation = relationOf(t.text);
    for (const path of svg.querySelectorAll<SVGPathElement>('g.edgePaths path[data-id]')) {
      const k = relation(path.getAttribute('data-id')!);
      if (k === undefined) continue;
      path.setAttribute('data-rel', String(k));
      path.classList.add('sw-relation');
      addTitle(path, relationTitle(t.text.relations[k].relation as WireRelation, t.entities));
    }
  }

  private click(e: MouseEvent): void {
    const target = e.target as Element;
    const tile = target.closest('section.tile');
    const s = tile && [...this.shown.values()].find((x) => x.el === tile);
    if (!s) return;
    const rel = target.closest('[data-rel]');
    if (rel) {
      const r = s.tile.text.relations[Number(rel.getAttribute('data-rel'))];
      if (r) this.events.relation(r.relation as WireRelation);
      return;
    }
    const node = target.closest('[data-key]');
    if (!node) return;
    const key = node.getAttribute('data-key')!;
    if (node.classList.contains('sw-ghost')) return this.events.ghost(key);
    if (target.closest('.sw-badge')) return this.events.badge(key);
    const col = target.closest('[data-col]');
    this.events.entity(key, col ? Number(col.getAttribute('data-col')) : undefined);
  }
}

/** Writes the exact names into the rendered SVG as text: entity names, column types and names, relation labels. */
export function restoreNames(svg: SVGSVGElement, text: ErText): void {
  const keyOf = new Map([...text.ids].map(([k, id]) => [id, k]));
  for (const node of svg.querySelectorAll('g.node')) {
    const m = ENTITY_ID.exec(node.id);
    const key = m && keyOf.get(m[1]);
    if (!key) continue;
    const name = node.querySelector('g.label.name') ?? node.querySelector('g.label');
    if (name) setLabel(name, text.names.get(key) ?? '');
    const rows = text.rows.get(key) ?? [];
    const types = text.types.get(key) ?? [];
    node.querySelectorAll('g.label.attribute-name').forEach((g, i) => setLabel(g, rows[i] ?? ''));
    node.querySelectorAll('g.label.attribute-type').forEach((g, i) => setLabel(g, types[i] ?? ''));
  }
  const relation = relationOf(text);
  for (const g of svg.querySelectorAll('g.edgeLabel g.label[data-id]')) {
    const drawn = relation(g.getAttribute('data-id')!);
    if (drawn !== undefined) setLabel(g, text.relations[drawn].label);
  }
}

/** Mermaid edge id (`id_entity-<first>-<n>_entity-<second>-<m>_<k>`) → index of the relation drawn. */
function relationOf(text: ErText): (edgeId: string) => number | undefined {
  const index = new Map<string, number>();
  text.relations.forEach((d, k) => index.set(`${d.first} ${d.second} ${k}`, k));
  return (id) => {
    const m = EDGE_ID.exec(id);
    return m ? index.get(`${m[1]} ${m[2]} ${m[3]}`) : undefined;
  };
}

/** What the interactive marks of a tile are made of: its entities' findings, join marks, sizes and relations. */
function decorationKey(t: Tile): string {
  return JSON.stringify([
    t.entities.map((e) => [e.key, e.joins, e.columns.length, e.indexes.length, e.findings.count, e.findings.worst, e.findings.items.slice(0, 10).map((f) => f.message)]),
    t.text.relations.map((r) => [r.relation.columns, r.relation.refColumns, r.relation.enforced]),
  ]);
}

function setLabel(g: Element, value: string): void {
  // SVG text: one outer tspan per line, words as inner tspans; HTML labels: a paragraph in a foreignObject.
  const lines = g.querySelectorAll('tspan.text-outer-tspan');
  if (lines.length > 0) {
    lines[0].textContent = value;
    for (let i = 1; i < lines.length; i++) lines[i].remove();
    return;
  }
  const target = g.querySelector('foreignObject p, foreignObject span, foreignObject div') ?? g.querySelector('text');
  if (target) target.textContent = value;
}

function nameOf(node: Element): string {
  return (node.querySelector('g.label.name') ?? node.querySelector('g.label'))?.textContent ?? '';
}

/** The four labels of one attribute row, starting at its type label. */
function rowGroups(typeLabel: Element): Element[] {
  const out = [typeLabel];
  let el = typeLabel.nextElementSibling;
  while (el && out.length < 4 && el.matches('g.label') && !el.matches('.attribute-type')) {
    out.push(el);
    el = el.nextElementSibling;
  }
  return out;
}

function addTitle(el: Element, text: string): void {
  const t = document.createElementNS(SVG_NS, 'title');
  t.setAttribute('class', 'sw-deco');
  t.textContent = text;
  el.prepend(t);
}

function entityTitle(e: WireEntity): string {
  const lines = [e.kind === 'table' ? e.name : `${e.kind} ${e.name}`];
  if (e.joins) lines.push(`Join table: links ${e.joins[0]} and ${e.joins[1]} many-to-many`);
  if (e.kind === 'table') lines.push(`${e.columns.length} column${e.columns.length === 1 ? '' : 's'}, ${e.indexes.length} index${e.indexes.length === 1 ? '' : 'es'}`);
  if (e.findings.count > 0) lines.push(`${e.findings.count} finding${e.findings.count === 1 ? '' : 's'} (worst: ${e.findings.worst})`);
  return lines.join('\n');
}

const SAYS: Record<string, string> = { one: 'exactly one', zeroOrOne: 'at most one', many: 'any number of' };

function relationTitle(r: WireRelation, entities: WireEntity[]): string {
  const name = (k: string) => entities.find((e) => e.key === k)?.name ?? k;
  if (r.kind === 'reads') return `${name(r.from)} reads ${name(r.to)}`;
  if (r.kind === 'enum') return `${name(r.from)}.${r.columns.join(', ')} of type ${name(r.to)}`;
  const cols = `${name(r.from)}(${r.columns.join(', ')}) → ${name(r.to)}(${r.refColumns.join(', ')})`;
  const notEnforced = r.enforced ? '' : '\nNot enforced by the database (kept by the ORM)';
  return `${cols}\nEach ${name(r.from)} row has ${SAYS[r.toCardinality]} ${name(r.to)}; each ${name(r.to)} row has ${SAYS[r.fromCardinality]} ${name(r.from)}${notEnforced}`;
}

function badge(e: WireEntity, box: DOMRect): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', `sw-deco sw-badge sev-${e.findings.worst}`);
  g.setAttribute('transform', `translate(${box.x + box.width}, ${box.y})`);
  g.setAttribute('role', 'button');
  const c = document.createElementNS(SVG_NS, 'circle');
  c.setAttribute('r', '11');
  const n = document.createElementNS(SVG_NS, 'text');
  n.setAttribute('text-anchor', 'middle');
  n.setAttribute('dy', '0.35em');
  n.textContent = e.findings.count > 99 ? '99+' : String(e.findings.count);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = e.findings.items
    .slice(0, 10)
    .map((f) => `${f.severity}: ${f.message} (${f.ruleId})`)
    .concat(e.findings.count > 10 ? [`… ${e.findings.count - 10} more`] : [])
    .join('\n');
  g.append(title, c, n);
  return g;
}

function joinMark(box: DOMRect): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'sw-deco sw-join-mark');
  g.setAttribute('transform', `translate(${box.x + 4}, ${box.y + 4})`);
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('dy', '0.9em');
  t.textContent = 'M:N';
  g.append(t);
  return g;
}

function viewBoxSize(svg: SVGSVGElement): [number, number] {
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every((n) => Number.isFinite(n))) return [vb[2], vb[3]];
  return [Number(svg.getAttribute('width')) || 0, Number(svg.getAttribute('height')) || 0];
}
