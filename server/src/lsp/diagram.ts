/**
 * The ER diagram at the server's edge: answers `schemawise/erDiagram` with the diagram data of a project (core/
 * diagram.ts) whose locations are URIs and ranges, and sends `schemawise/modelChanged` after each analysis once a
 * client has asked for a diagram (clients that never do get no extra traffic).
 *
 * It also keeps the last readable model per project: while a file holds a statement its parser rejects that the
 * last readable version did not have (a half-typed CREATE TABLE), the diagram stays the readable one and says
 * where the text cannot be read, instead of losing the table being edited. `acceptUnreadable` takes the model as
 * it is (a statement the parser will never accept).
 */
import type { AnalysisResult, Diagnostic } from '../core/api';
import { buildDiagram, mapLocations, type SourceLoc } from '../core/diagram';
import type { Schema } from '../core/model/schema';
import type { ParsedStatement } from '../core/parse/file';
import type { FileResolver } from './convert';
import type { ErDiagramParams, ErDiagramResult, ModelChangedParams, WireDiagram, WireLoc } from './diagram-protocol';
import { pathToUri, rangeOf, type PositionSource } from './positions';

/** What the diagram needs of one project of the server. */
export interface DiagramProject {
  /** Identity of the project (its state is kept per key). */
  key: object;
  name: string;
  folderUri?: string;
  schemas(): readonly Schema[];
  statements(path: string): readonly ParsedStatement[] | undefined;
  resolve: FileResolver;
}

interface Snapshot {
  schemas: readonly Schema[];
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Per file, the texts of the statements its parser rejected. */
  unreadable: Map<string, Set<string>>;
}

interface ProjectState {
  good?: Snapshot;
  current?: Snapshot;
  /** The statement that made the current model unreadable. */
  stale?: { file: string; start: number; message: string };
}

export class DiagramService {
  private interested = false;
  private readonly states = new WeakMap<object, ProjectState>();

  constructor(private readonly notify: (params: ModelChangedParams) => void) {}

  /** After each completed analysis of a project. */
  analysed(p: DiagramProject, result: AnalysisResult): void {
    const current: Snapshot = { schemas: p.schemas(), diagnostics: result.diagnostics, unreadable: new Map() };
    for (const [file, info] of result.files) {
      if (info.unparsed === 0) continue;
      const texts = new Set<string>();
      for (const st of p.statements(file) ?? []) if (st.parseError !== undefined) texts.add(st.text.trim());
      current.unreadable.set(file, texts);
    }
    const state = this.state(p);
    const stale = state.good ? newlyUnreadable(state.good, current, p) : undefined;
    state.current = current;
    state.stale = stale;
    if (!stale) state.good = current;
    if (this.interested) this.notify({ root: p.folderUri });
  }

  request(params: ErDiagramParams, p: DiagramProject): ErDiagramResult {
    this.interested = true;
    const state = this.state(p);
    if (params.acceptUnreadable && state.current) {
      state.good = state.current;
      state.stale = undefined;
    }
    const snap = state.good ?? { schemas: p.schemas(), diagnostics: new Map(), unreadable: new Map() };
    const diagram = buildDiagram(snap.schemas, snap.diagnostics, {
      includeViews: params.includeViews,
      includeEnums: params.includeEnums,
      focus: params.focus,
      hops: params.hops,
    });
    const wire = toWire(diagram, p.resolve);
    const result: ErDiagramResult = { project: p.name, diagram: wire, ...(p.folderUri ? { root: p.folderUri } : {}) };
    const at = state.stale && p.resolve(state.stale.file);
    if (state.stale && at) result.stale = { uri: at.uri, line: at.positions.positionAt(state.stale.start).line, message: state.stale.message };
    return result;
  }

  private state(p: DiagramProject): ProjectState {
    let s = this.states.get(p.key);
    if (!s) this.states.set(p.key, (s = {}));
    return s;
  }
}

/** The first statement the parser rejects now whose text the readable snapshot did not reject. */
function newlyUnreadable(good: Snapshot, current: Snapshot, p: DiagramProject): ProjectState['stale'] {
  for (const [file, texts] of current.unreadable) {
    const before = good.unreadable.get(file);
    for (const st of p.statements(file) ?? []) {
      if (st.parseError === undefined) continue;
      const text = st.text.trim();
      if (texts.has(text) && !before?.has(text)) return { file, start: st.span.start, message: firstLine(st.parseError) };
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0].trim();
  return line.length > 160 ? line.slice(0, 157) + '…' : line;
}

/** Every location of the diagram as a URI and a range; a location in a file the server no longer has is kept at 0:0. */
export function toWire(d: ReturnType<typeof buildDiagram>, resolve: FileResolver): WireDiagram {
  const files = new Map<string, { uri: string; positions?: PositionSource }>();
  const file = (path: string) => {
    let f = files.get(path);
    if (!f) {
      const r = resolve(path);
      files.set(path, (f = r ? { uri: r.uri, positions: r.positions } : { uri: pathToUri(path) }));
    }
    return f;
  };
  return mapLocations(d, (l: SourceLoc): WireLoc => {
    const f = file(l.file);
    return f.positions ? { uri: f.uri, range: rangeOf(f.positions, l.start, l.end) } : { uri: f.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  });
}
