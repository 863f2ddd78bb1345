/**
 * Messages between the extension host (client/src/diagram.ts) and the diagram webview (media/diagram/src). Types
 * only: both sides import them as types.
 */
import type { ErDiagramParams, ErDiagramResult, WireLoc } from '../../server/src/lsp/diagram-protocol';

/** What the webview asks the server for: the request's parameters, without the project (the host knows it). */
export type ViewParams = Omit<ErDiagramParams, 'uri' | 'acceptUnreadable'> & {
  /** The user asked for every table: no automatic focus on a large schema. */
  all?: boolean;
};

export type ToWebview =
  /** A new diagram; `cursor`: the table whose definition holds the editor's cursor, if any. */
  | { type: 'diagram'; result: ErDiagramResult; cursor?: string }
  /** The language server could not answer (not started, no project). */
  | { type: 'unavailable'; message: string }
  /** The editor's cursor moved into a table's definition (undefined: out of every table). */
  | { type: 'highlight'; key?: string }
  /** "Focus ER Diagram" from the editor: that table and its neighbours. */
  | { type: 'focus'; key: string; hops?: number }
  /** "Export ER Diagram": answer with `exported`. */
  | { type: 'export' };

export type FromWebview =
  /** Loaded (or reloaded) with these parameters: send a diagram. */
  | { type: 'ready'; params: ViewParams }
  /** The parameters changed: send a new diagram. */
  | { type: 'request'; params: ViewParams }
  /** Accept the current model although a file cannot be read. */
  | { type: 'accept' }
  /** Open the editor at this place (a table, a column, an index, a relation, a finding). */
  | { type: 'reveal'; loc: WireLoc }
  /** A table's badge was clicked: show its findings (the first in the editor). */
  | { type: 'findings'; loc: WireLoc }
  /** The current drawing: a standalone SVG and the mermaid source of what is shown. */
  | { type: 'exported'; svg: string; mermaid: string };
