/**
 * The `schemawise/erDiagram` request and `schemawise/modelChanged` notification: types only (plus the method
 * names), shared with the VS Code client and the diagram webview, which import them as types and so bundle
 * nothing of the server.
 */
import type { ErColumn, ErDiagram, ErEntity, ErFinding, ErIndex, ErOutlineEntry, ErRelation } from '../core/diagram';

export const ER_DIAGRAM_REQUEST = 'schemawise/erDiagram';
export const MODEL_CHANGED_NOTIFICATION = 'schemawise/modelChanged';

export interface WirePosition {
  line: number;
  character: number;
}

/** A source location as the editor needs it. */
export interface WireLoc {
  uri: string;
  range: { start: WirePosition; end: WirePosition };
}

export interface ErDiagramParams {
  /** A file or folder of the project to draw (default: the first project with tables). */
  uri?: string;
  /** Draw only this table (key or name) and its neighbours. */
  focus?: string;
  /** 1–3 (default 1). */
  hops?: number;
  includeViews?: boolean;
  includeEnums?: boolean;
  /** Take the current model even though a file has statements that could not be read (see `stale`). */
  acceptUnreadable?: boolean;
}

export interface ErDiagramResult {
  /** The project's name and folder (undefined for files outside every workspace folder). */
  project: string;
  root?: string;
  diagram: ErDiagram<WireLoc>;
  /**
   * Set when the current text of a file cannot be read (a statement its parser rejects that the last readable
   * version did not have): the diagram is the one of that last readable version.
   */
  stale?: { uri: string; line: number; message: string };
}

export interface ModelChangedParams {
  /** The project's folder URI, undefined for files outside every workspace folder. */
  root?: string;
}

export type WireDiagram = ErDiagram<WireLoc>;
export type WireEntity = ErEntity<WireLoc>;
export type WireColumn = ErColumn<WireLoc>;
export type WireIndex = ErIndex<WireLoc>;
export type WireFinding = ErFinding<WireLoc>;
export type WireRelation = ErRelation<WireLoc>;
export type WireOutlineEntry = ErOutlineEntry<WireLoc>;
