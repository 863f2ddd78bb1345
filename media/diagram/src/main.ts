/**
 * The ER diagram webview: receives diagram data from the extension, filters it, turns it into mermaid text per
 * tile and renders it; sends back what the user clicks (reveal a table, a column, a finding) and the parameters
 * that need the server (focus, hops, views, enums). Its view (zoom, pan, selection, filters) survives updates and
 * reloads through the webview state.
 */
import type { ErDiagramResult, WireEntity, WireLoc } from '../../../server/src/lsp/diagram-protocol';
import type { FromWebview, ToWebview, ViewParams } from '../../../client/src/diagram-messages';
import { erDiagramText, shownColumns, type ColumnDetail } from './mermaid-text';
import { PanZoom, type View } from './panzoom';
import { Renderer, type Tile } from './render';
import { partition } from './tiles';
import { mermaidConfig } from './theme';

interface State {
  params: ViewParams;
  /** The project's folder, for the panel restored after a reload of VS Code. */
  root?: string;
  view?: View;
  selected?: string;
  filter: string;
  files: string;
  columns: ColumnDetail;
}

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Above this many tables, a diagram opens on one table and its neighbours. */
const AUTO_FOCUS_OVER = 60;

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  filter: $<HTMLInputElement>('filter'),
  files: $<HTMLSelectElement>('files'),
  focus: $<HTMLButtonElement>('focus'),
  hops: $<HTMLSelectElement>('hops'),
  all: $<HTMLButtonElement>('all'),
  columns: $<HTMLSelectElement>('columns'),
  views: $<HTMLInputElement>('views'),
  enums: $<HTMLInputElement>('enums'),
  fit: $<HTMLButtonElement>('fit'),
  export: $<HTMLButtonElement>('export'),
  banner: $('banner'),
  bannerText: $('banner-text'),
  accept: $<HTMLButtonElement>('accept'),
  note: $('note'),
  viewport: $('viewport'),
  canvas: $('canvas'),
  details: $('details'),
  status: $('status'),
};

const state: State = { params: {}, filter: '', files: '', columns: 'all', ...vscode.getState() };
let result: ErDiagramResult | undefined;
let autoFocused = false;
let highlighted: string | undefined;
let drawing = 0;
/** The drawing in progress: an export waits for it (and, right after the page loads, for the first one). */
let firstDrawn: () => void = () => undefined;
let drawn = new Promise<void>((resolve) => (firstDrawn = resolve));

const save = () => vscode.setState(state);
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const panzoom = new PanZoom(ui.viewport, ui.canvas, (v) => {
  state.view = v;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 200);
});
if (state.view) panzoom.set(state.view);

const renderer = new Renderer(ui.canvas, {
  entity(key, column) {
    if (panzoom.dragged) return;
    select(key);
    const e = entityOf(key);
    if (!e) return;
    const col = column === undefined || e.kind !== 'table' ? undefined : shownColumns(e, state.columns)[column];
    reveal(col?.loc ?? e.nameLoc);
  },
  ghost(key) {
    if (panzoom.dragged) return;
    const el = renderer.entity(key);
    if (el) {
      select(key);
      panzoom.reveal(el);
    } else {
      const o = result?.diagram.outline.find((x) => x.key === key);
      if (o) reveal(o.loc);
    }
  },
  badge(key) {
    if (panzoom.dragged) return;
    select(key);
    const first = entityOf(key)?.findings.items[0];
    if (first) post({ type: 'findings', loc: first.loc });
  },
  relation(r) {
    if (panzoom.dragged) return;
    reveal(r.loc);
  },
});

function post(m: FromWebview): void {
  vscode.postMessage(m);
}

function reveal(loc: WireLoc): void {
  post({ type: 'reveal', loc });
}

function entityOf(key: string): WireEntity | undefined {
  return result?.diagram.entities.find((e) => e.key === key);
}

function request(): void {
  // Another set of tables: the next drawing fits itself to the window.
  state.view = undefined;
  save();
  post({ type: 'request', params: state.params });
}

// ---- data ----------------------------------------------------------------------------------------------------

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'diagram':
      receive(m.result, m.cursor);
      return;
    case 'unavailable':
      showNote(m.message);
      return;
    case 'highlight':
      highlighted = m.key;
      renderer.mark('sw-highlight', m.key);
      if (m.key) {
        const el = renderer.entity(m.key);
        if (el) panzoom.reveal(el);
      }
      return;
    case 'focus':
      state.params = { ...state.params, focus: m.key, hops: m.hops ?? state.params.hops ?? 1, all: false };
      state.selected = m.key;
      request();
      return;
    case 'export':
      void drawn.then(exportNow);
      return;
  }
});

function receive(r: ErDiagramResult, cursor: string | undefined): void {
  const d = r.diagram;
  // A large schema opens on one table: the one at the cursor, else the most connected.
  if (!d.focus && !state.params.focus && !state.params.all && d.tables > AUTO_FOCUS_OVER && d.outline.length > 0) {
    const center = (cursor && d.outline.find((o) => o.key === cursor)) || [...d.outline].sort((a, b) => b.degree - a.degree)[0];
    state.params = { ...state.params, focus: center.key, hops: state.params.hops ?? 1 };
    state.selected ??= center.key;
    autoFocused = true;
    request();
    return;
  }
  result = r;
  state.root = r.root;
  if (d.focus && state.params.focus !== d.focus.key) state.params = { ...state.params, focus: d.focus.key };
  if (!d.focus && state.params.focus) state.params = { ...state.params, focus: undefined };
  syncToolbar();
  showBanner();
  showFocusNote();
  drawn = redraw();
  void drawn.then(firstDrawn);
}

// ---- drawing -------------------------------------------------------------------------------------------------

function visibleEntities(): WireEntity[] {
  if (!result) return [];
  const needle = state.filter.trim().toLowerCase();
  const prefix = state.files;
  return result.diagram.entities.filter((e) => (!needle || e.name.toLowerCase().includes(needle)) && (!prefix || relPath(e.loc.uri).startsWith(prefix)));
}

function relPath(uri: string): string {
  const root = result?.root;
  const rel = root && uri.startsWith(root.replace(/\/?$/, '/')) ? uri.slice(root.replace(/\/?$/, '/').length) : uri.replace(/^[a-z]+:\/\//, '');
  try {
    return decodeURIComponent(rel);
  } catch {
    return rel;
  }
}

function tilesOf(entities: WireEntity[]): Tile[] {
  const relations = result?.diagram.relations ?? [];
  const keys = new Set(entities.map((e) => e.key));
  const inside = relations.filter((r) => keys.has(r.from) && keys.has(r.to));
  const groups = partition(
    entities.map((e) => e.key),
    inside.map((r) => [r.from, r.to] as const),
  );
  const tileOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((k) => tileOf.set(k, i)));
  const byKey = new Map(entities.map((e) => [e.key, e]));
  return groups.map((g, i) => {
    const members = g.map((k) => byKey.get(k)!);
    const mine = inside.filter((r) => tileOf.get(r.from) === i || tileOf.get(r.to) === i);
    // A relation leaving the tile ends at a name-only box of the entity in its own tile.
    const ghosts = new Map<string, string>();
    for (const r of mine) for (const k of [r.from, r.to]) if (tileOf.get(k) !== i) ghosts.set(k, `↗ ${byKey.get(k)!.name}`);
    return { id: g[0], entities: members, text: erDiagramText(members, mine, { columns: state.columns, ghosts }) };
  });
}

async function redraw(): Promise<void> {
  const run = ++drawing;
  const entities = visibleEntities();
  const tiles = tilesOf(entities);
  ui.canvas.classList.toggle('tiled', tiles.length > 1);
  ui.canvas.classList.toggle('empty', tiles.length === 0);
  if (tiles.length === 0) showStatus(result && result.diagram.entities.length > 0 ? 'No table matches the filter.' : 'No tables in this project yet.');
  else showStatus(`Drawing ${entities.length} of ${result?.diagram.tables ?? 0} tables${tiles.length > 1 ? ` in ${tiles.length} parts` : ''}…`);
  const first = tiles.find((t) => t.entities.some((e) => e.key === (highlighted ?? state.selected)))?.id;
  const stats = await renderer.draw(tiles, first);
  if (!stats || run !== drawing) return;
  renderer.mark('sw-selected', state.selected);
  renderer.mark('sw-highlight', highlighted);
  showDetails();
  if (!state.view) panzoom.fit();
  const s = `${entities.length} table${entities.length === 1 ? '' : 's'}${tiles.length > 1 ? ` in ${stats.tiles} parts` : ''} · drawn in ${Math.round(stats.completeMs)} ms`;
  showStatus(s);
  Object.assign(document.body.dataset, {
    rendered: String(run),
    firstMs: String(Math.round(stats.firstMs)),
    completeMs: String(Math.round(stats.completeMs)),
    tiles: String(stats.tiles),
  });
}

function exportNow(): void {
  post({ type: 'exported', svg: renderer.exportSvg(), mermaid: exportText() });
}

/** The mermaid source of what is shown, as one diagram (exports are read by people, not re-tiled). */
function exportText(): string {
  const entities = visibleEntities();
  const keys = new Set(entities.map((e) => e.key));
  const relations = (result?.diagram.relations ?? []).filter((r) => keys.has(r.from) && keys.has(r.to));
  return erDiagramText(entities, relations, { columns: state.columns }).text;
}

// ---- selection and details -----------------------------------------------------------------------------------

function select(key: string | undefined): void {
  state.selected = key;
  save();
  renderer.mark('sw-selected', key);
  showDetails();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function link(text: string, loc: WireLoc, title?: string): HTMLButtonElement {
  const b = el('button', text, 'link');
  b.type = 'button';
  if (title) b.title = title;
  b.addEventListener('click', () => reveal(loc));
  return b;
}

/** The side panel: what mermaid cannot draw (indexes), the findings, the relations. Text only, never markup. */
function showDetails(): void {
  const e = state.selected ? entityOf(state.selected) : undefined;
  ui.details.hidden = !e;
  if (!e) return ui.details.replaceChildren();
  const parts: HTMLElement[] = [];
  const h = el('h2');
  h.append(link(e.name, e.nameLoc, 'Go to the definition'));
  parts.push(h, el('p', `${e.kind === 'table' ? 'Table' : e.kind === 'view' ? 'View' : 'Enum'} in ${relPath(e.loc.uri)}`, 'muted'));
  if (e.joins) parts.push(el('p', `Join table: links ${nameOf(e.joins[0])} and ${nameOf(e.joins[1])} many-to-many.`));
  if (e.kind === 'table') {
    parts.push(el('h3', `Indexes (${e.indexes.length})`));
    const ul = el('ul');
    for (const i of e.indexes) {
      const li = el('li');
      const kind = i.kind === 'primary' ? 'primary key' : i.kind === 'unique' ? 'unique constraint' : i.unique ? 'unique index' : 'index';
      li.append(link(i.name ?? '(unnamed)', i.loc), el('span', ` ${kind} (${i.columns.join(', ')})${i.method ? ` using ${i.method}` : ''}`));
      if (i.where) li.append(el('div', `where ${i.where}`, 'muted'));
      ul.append(li);
    }
    if (e.indexes.length === 0) ul.append(el('li', 'none', 'muted'));
    parts.push(ul);
  }
  if (e.findings.count > 0) {
    parts.push(el('h3', `Findings (${e.findings.count})`));
    const ul = el('ul');
    for (const f of e.findings.items) {
      const li = el('li', undefined, `sev-${f.severity}`);
      li.append(link(f.message, f.loc, f.ruleId), el('span', ` ${f.ruleId}`, 'muted'));
      ul.append(li);
    }
    parts.push(ul);
  }
  const rels = (result?.diagram.relations ?? []).filter((r) => r.kind === 'fk' && (r.from === e.key || r.to === e.key));
  if (rels.length > 0) {
    parts.push(el('h3', `Relations (${rels.length})`));
    const ul = el('ul');
    for (const r of rels) {
      const li = el('li');
      const out = r.from === e.key;
      li.append(link(out ? `→ ${nameOf(r.to)}` : `← ${nameOf(r.from)}`, r.loc), el('span', ` (${r.columns.join(', ')})`, 'muted'));
      ul.append(li);
    }
    parts.push(ul);
  }
  ui.details.replaceChildren(...parts);
}

function nameOf(key: string): string {
  return entityOf(key)?.name ?? result?.diagram.outline.find((o) => o.key === key)?.name ?? key;
}

// ---- toolbar, banner, notes ----------------------------------------------------------------------------------

function syncToolbar(): void {
  ui.filter.value = state.filter;
  ui.columns.value = state.columns;
  ui.hops.value = String(state.params.hops ?? 1);
  ui.views.checked = !!state.params.includeViews;
  ui.enums.checked = !!state.params.includeEnums;
  ui.all.disabled = !state.params.focus;
  // Folders and files that define something, for the file filter.
  const paths = new Set<string>();
  for (const e of result?.diagram.entities ?? []) {
    const rel = relPath(e.loc.uri);
    paths.add(rel);
    for (let i = rel.indexOf('/'); i > 0; i = rel.indexOf('/', i + 1)) paths.add(rel.slice(0, i + 1));
  }
  if (state.files && !paths.has(state.files)) paths.add(state.files);
  const options = [el('option', 'All files')];
  options[0].value = '';
  for (const p of [...paths].sort()) {
    const o = el('option', p);
    o.value = p;
    options.push(o);
  }
  ui.files.replaceChildren(...options);
  ui.files.value = state.files;
}

function showBanner(): void {
  const s = result?.stale;
  ui.banner.hidden = !s;
  if (s) ui.bannerText.textContent = `${relPath(s.uri)}:${s.line + 1} cannot be read (${s.message}). The diagram shows the last readable version.`;
}

function showFocusNote(): void {
  const d = result?.diagram;
  if (!d?.focus) return showNote(undefined);
  const shown = d.entities.filter((e) => e.kind === 'table').length;
  const why = autoFocused ? `This schema has ${d.tables} tables, so the diagram opened on one of them. ` : '';
  showNote(`${why}Showing ${nameOf(d.focus.key)} and its neighbours within ${d.focus.hops} hop${d.focus.hops === 1 ? '' : 's'}: ${shown} of ${d.tables} tables. “Show all” draws every table.`);
}

function showNote(text: string | undefined): void {
  ui.note.hidden = !text;
  ui.note.textContent = text ?? '';
}

function showStatus(text: string): void {
  ui.status.textContent = text;
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;
ui.filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    state.filter = ui.filter.value;
    save();
    drawn = redraw();
  }, 150);
});
ui.files.addEventListener('change', () => {
  state.files = ui.files.value;
  save();
  drawn = redraw();
});
ui.columns.addEventListener('change', () => {
  state.columns = ui.columns.value === 'keys' ? 'keys' : 'all';
  save();
  drawn = redraw();
});
ui.focus.addEventListener('click', () => {
  const key = state.selected ?? highlighted;
  if (!key) return showNote('Select a table first (click it), then Focus.');
  state.params = { ...state.params, focus: key, all: false };
  autoFocused = false;
  request();
});
ui.hops.addEventListener('change', () => {
  state.params = { ...state.params, hops: Number(ui.hops.value) };
  if (state.params.focus) request();
  else save();
});
ui.all.addEventListener('click', () => {
  state.params = { ...state.params, focus: undefined, all: true };
  autoFocused = false;
  request();
});
ui.views.addEventListener('change', () => {
  state.params = { ...state.params, includeViews: ui.views.checked };
  request();
});
ui.enums.addEventListener('change', () => {
  state.params = { ...state.params, includeEnums: ui.enums.checked };
  request();
});
ui.fit.addEventListener('click', () => panzoom.fit());
ui.export.addEventListener('click', () => void drawn.then(exportNow));
ui.accept.addEventListener('click', () => post({ type: 'accept' }));
ui.viewport.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') select(undefined);
  if (e.key === 'Enter' && state.selected) {
    const en = entityOf(state.selected);
    if (en) reveal(en.nameLoc);
  }
});

// VS Code switches the body's theme class; the diagram's colours follow.
const applyTheme = () => {
  renderer.configure(mermaidConfig(document.body));
  if (result) drawn = redraw();
};
new MutationObserver(applyTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
renderer.configure(mermaidConfig(document.body));
syncToolbar();
showStatus('Waiting for the schema…');
post({ type: 'ready', params: state.params });
