/**
 * The ER diagram panel on the extension host's side: opens the webview (media/diagram), relays its requests to the
 * language server (`schemawise/erDiagram`), follows model changes (`schemawise/modelChanged`, debounced), reveals
 * in the editor what the user clicks in the diagram, highlights the table under the editor's cursor, and exports.
 * Nothing is drawn here: mermaid runs in the webview only, so rendering never blocks the extension host.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ER_DIAGRAM_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  type ErDiagramParams,
  type ErDiagramResult,
  type ModelChangedParams,
  type WireLoc,
} from '../../server/src/lsp/diagram-protocol';
import { diagramHtml } from './diagram-html';
import type { FromWebview, ToWebview, ViewParams } from './diagram-messages';

export const DIAGRAM_VIEW_TYPE = 'schemawise.erDiagram';
/** Model changes closer together than this make one update (typing). */
const DEBOUNCE_MS = 300;
/** How long an export waits for the webview to answer (a large diagram may still be drawing). */
const EXPORT_TIMEOUT_MS = 120_000;

/** The webview's saved state, as far as the host reads it (see media/diagram/src/main.ts). */
interface SavedState {
  params?: ViewParams;
  root?: string;
}

export class DiagramHost implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private outbox: ToWebview[] = [];
  private params: ViewParams = {};
  /** The project drawn: its folder URI (undefined: let the server choose). */
  private root?: string;
  private last?: ErDiagramResult;
  private lastSent?: string;
  private highlighted?: string;
  private serial = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private lastEditor?: vscode.TextEditor;
  private exported?: (m: { svg: string; mermaid: string }) => void;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.lastEditor = vscode.window.activeTextEditor;
    this.disposables.push(
      vscode.commands.registerCommand('schemawise.showErDiagram', (uri?: vscode.Uri) => this.show(uri)),
      vscode.commands.registerCommand('schemawise.focusErDiagram', (hops?: number) => this.focusAtCursor(hops)),
      vscode.commands.registerCommand('schemawise.exportErDiagram', () => this.export()),
      vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: SavedState | undefined) => {
          this.root = state?.root;
          this.params = state?.params ?? {};
          this.adopt(panel);
        },
      }),
      client.onNotification(MODEL_CHANGED_NOTIFICATION, (p: ModelChangedParams) => {
        if (this.panel && (this.root === undefined || p.root === this.root)) this.schedule();
      }),
      // A restarted server knows nothing of the diagram: ask again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running && this.panel) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.lastEditor = e;
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async show(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? this.lastEditor?.document.uri;
    const folder = target && vscode.workspace.getWorkspaceFolder(target);
    const root = folder?.uri.toString();
    if (this.panel) {
      if (root !== undefined && root !== this.root) {
        this.root = root;
        this.params = {};
        this.lastSent = undefined;
        this.schedule(0);
      }
      this.panel.reveal(undefined, true);
      return;
    }
    this.root = root;
    this.params = {};
    // Kept alive while hidden: drawing a large schema again on every tab switch would cost seconds.
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_VIEW_TYPE,
      'ER Diagram',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')] },
    );
    this.adopt(panel);
  }

  /** Takes a new or restored panel: options, page, message handling. */
  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    this.lastSent = undefined;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    panel.webview.html = diagramHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64').replace(/[^a-zA-Z0-9]/g, ''),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'diagram', 'diagram.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'diagram', 'diagram.css')).toString(),
    });
    panel.webview.onDidReceiveMessage((m: FromWebview) => this.received(m).catch((e) => this.output.error(`ER diagram: ${errorText(e)}`)));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.last = undefined;
      clearTimeout(this.timer);
    });
  }

  private post(m: ToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.outbox.push(m);
      return;
    }
    void this.panel.webview.postMessage(m);
  }

  private async received(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        this.params = m.params;
        this.lastSent = undefined;
        const queued = this.outbox;
        this.outbox = [];
        for (const q of queued) this.post(q);
        await this.refresh();
        return;
      }
      case 'request':
        this.params = m.params;
        await this.refresh();
        return;
      case 'accept':
        await this.refresh({ acceptUnreadable: true });
        return;
      case 'reveal':
        await this.reveal(m.loc);
        return;
      case 'findings':
        await this.reveal(m.loc);
        return;
      case 'exported':
        this.exported?.(m);
        return;
    }
  }

  private schedule(ms = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  /** Asks the server for the diagram and passes it on when it changed. Only the newest answer counts. */
  private async refresh(extra: Partial<ErDiagramParams> = {}): Promise<void> {
    const serial = ++this.serial;
    const result = await this.fetch(extra);
    if (serial !== this.serial || !this.panel) return;
    if (typeof result === 'string') {
      this.post({ type: 'unavailable', message: result });
      return;
    }
    this.last = result;
    this.root ??= result.root;
    this.panel.title = `ER Diagram: ${result.project}`;
    const cursor = this.lastEditor && this.keyAt(this.lastEditor);
    const text = JSON.stringify(result);
    // Most analyses (an edit in a query, a comment) leave the diagram as it was: nothing to redraw.
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.post({ type: 'diagram', result, cursor });
  }

  /** The diagram, or why there is none. */
  private async fetch(extra: Partial<ErDiagramParams> = {}): Promise<ErDiagramResult | string> {
    if (this.client.state !== State.Running) return 'The Schemawise language server is not running.';
    const { all: _all, ...params } = this.params;
    try {
      const r = await this.client.sendRequest<ErDiagramResult | null>(ER_DIAGRAM_REQUEST, { ...params, ...(this.root ? { uri: this.root } : {}), ...extra });
      return r ?? 'The Schemawise language server is still starting.';
    } catch (e) {
      this.output.error(`ER diagram request failed: ${errorText(e)}`);
      return `The diagram could not be built: ${errorText(e)}`;
    }
  }

  private async reveal(loc: WireLoc): Promise<void> {
    const range = new vscode.Range(loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character);
    const column = this.lastEditor?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { selection: range, viewColumn: column, preserveFocus: false });
  }

  /** The table whose definition holds the editor's cursor (the innermost one). */
  private keyAt(editor: vscode.TextEditor): string | undefined {
    const uri = editor.document.uri.toString();
    const pos = editor.selection.active;
    let best: { key: string; size: number } | undefined;
    for (const o of this.last?.diagram.outline ?? []) {
      if (o.loc.uri !== uri) continue;
      const r = o.loc.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      if (!range.contains(pos)) continue;
      const size = (r.end.line - r.start.line) * 10_000 + r.end.character - r.start.character;
      if (!best || size < best.size) best = { key: o.key, size };
    }
    return best?.key;
  }

  private cursorMoved(editor: vscode.TextEditor): void {
    if (!this.panel || !this.last || (editor.document.uri.scheme !== 'file' && editor.document.uri.scheme !== 'untitled')) return;
    const key = this.keyAt(editor);
    if (key === this.highlighted) return;
    this.highlighted = key;
    this.post({ type: 'highlight', key });
  }

  private async focusAtCursor(hops?: number): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Schemawise: put the cursor inside a table definition to focus the ER diagram on it.');
      return;
    }
    if (!this.panel) await this.show(editor.document.uri);
    if (!this.last) {
      const r = await this.fetch();
      if (typeof r === 'string') {
        void vscode.window.showWarningMessage(`Schemawise: ${r}`);
        return;
      }
      this.last = r;
    }
    const key = this.keyAt(editor);
    if (!key) {
      void vscode.window.showInformationMessage('Schemawise: the cursor is not inside a table definition.');
      return;
    }
    this.post({ type: 'focus', key, hops: typeof hops === 'number' ? hops : this.params.hops });
    this.panel?.reveal(undefined, true);
  }

  private async export(): Promise<void> {
    if (!this.panel) await this.show();
    const drawing = new Promise<{ svg: string; mermaid: string } | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), EXPORT_TIMEOUT_MS);
      this.exported = (m) => {
        clearTimeout(timer);
        this.exported = undefined;
        resolve(m);
      };
    });
    this.post({ type: 'export' });
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Save as SVG…', id: 'svg' },
        { label: 'Copy mermaid source', id: 'mermaid' },
        { label: 'Copy as Markdown', description: 'a ```mermaid block', id: 'markdown' },
      ],
      { title: 'Export ER Diagram' },
    );
    if (!picked) return;
    const m = await drawing;
    if (!m) {
      void vscode.window.showWarningMessage('Schemawise: the ER diagram did not answer; is it still drawing?');
      return;
    }
    if (picked.id === 'mermaid') await vscode.env.clipboard.writeText(m.mermaid);
    if (picked.id === 'markdown') await vscode.env.clipboard.writeText('```mermaid\n' + m.mermaid + '```\n');
    if (picked.id !== 'svg') return;
    const folder = this.root ? vscode.Uri.parse(this.root) : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export ER Diagram',
      filters: { SVG: ['svg'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'er-diagram.svg') } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(m.svg));
    void vscode.window.showInformationMessage(`Schemawise: ER diagram saved to ${vscode.workspace.asRelativePath(target)}`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
