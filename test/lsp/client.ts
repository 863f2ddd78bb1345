/**
 * A minimal LSP client for tests: spawns the bundled server (dist/server.js), speaks JSON-RPC over stdio or
 * Node IPC, records every notification, and waits on events (never on sleeps) with an overall timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface Event {
  method: string;
  params: any;
  seq: number;
}

export interface StatusParams {
  state: 'analysing' | 'idle' | 'error';
  files: number;
  tables: number;
  ms: number;
}

export class TestClient {
  readonly events: Event[] = [];
  /** Raw bytes the server wrote to stdout: protocol frames with `--stdio`, nothing at all with `--node-ipc`. */
  readonly stdout: Buffer[] = [];
  stderr = '';
  /** `workspace/configuration` answers by section (scopeUri ignored). */
  settings: Record<string, unknown> = {};
  readonly registrations: any[] = [];
  private seq = 0;
  private waiters: { pred: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  private exited: { code: number | null; signal: string | null } | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static start(transport: 'stdio' | 'ipc', cwd: string): TestClient {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node esbuild.mjs\` (npm test builds it) before the LSP tests`);
    const child =
      transport === 'stdio'
        ? spawn(process.execPath, [SERVER, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
        : spawn(process.execPath, [SERVER, '--node-ipc'], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const conn =
      transport === 'stdio'
        ? createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const c = new TestClient(child, conn);
    child.stdout!.on('data', (b: Buffer) => c.stdout.push(b));
    child.stderr!.on('data', (b: Buffer) => (c.stderr += b.toString()));
    child.on('exit', (code, signal) => {
      c.exited = { code, signal };
      c.record('$exit', { code, signal });
    });
    conn.onNotification((method: string, params: any) => c.record(method, params));
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => c.settings[i.section ?? ''] ?? null));
    conn.onRequest('client/registerCapability', (p: { registrations: any[] }) => {
      c.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    return c;
  }

  private record(method: string, params: any): void {
    const e = { method, params, seq: this.seq++ };
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(e)) return true;
      w.resolve(e);
      return false;
    });
  }

  /** Resolves with the first event (from `since` on) matching `pred`; rejects after `ms` or if the server exits. */
  waitFor(pred: (e: Event) => boolean, what: string, { since = 0, ms = 20000 } = {}): Promise<Event> {
    const seen = this.events.find((e) => e.seq >= since && pred(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}\nstderr:\n${this.stderr}\nlast events:\n${this.describeEvents(8)}`));
      }, ms);
      const waiter = {
        pred: (e: Event) => {
          if (e.method === '$exit') {
            clearTimeout(timer);
            reject(new Error(`server exited (${JSON.stringify(e.params)}) while waiting for ${what}\nstderr:\n${this.stderr}`));
            return true;
          }
          return pred(e);
        },
        resolve: (e: Event) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for diagnostics of `uri` (of document `version`, when given). */
  async diagnostics(uri: string, version?: number, since = 0): Promise<PublishDiagnosticsParams> {
    const e = await this.waitFor(
      (e) => e.method === 'textDocument/publishDiagnostics' && e.params.uri === uri && (version === undefined || e.params.version === version),
      `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`,
      { since },
    );
    return e.params;
  }

  published(uri: string): PublishDiagnosticsParams[] {
    return this.events.filter((e) => e.method === 'textDocument/publishDiagnostics' && e.params.uri === uri).map((e) => e.params);
  }

  get nextSeq(): number {
    return this.seq;
  }

  async initialize(folder: string, extra: Partial<InitializeParams> = {}): Promise<any> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(folder),
      workspaceFolders: [{ uri: uri(folder), name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
          synchronization: { didSave: true },
        },
      },
      ...extra,
    } as InitializeParams);
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'sql'): TextDocument {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return TextDocument.create(uri, languageId, version, text);
  }

  /** Sends a full-text change and returns the updated document. */
  change(doc: TextDocument, text: string): TextDocument {
    const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, text);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: next.version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text }],
    });
    return next;
  }

  /** Sends an incremental change (replace [start, end) by `text`). */
  edit(doc: TextDocument, start: number, end: number, text: string): TextDocument {
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    const next = TextDocument.create(doc.uri, 'sql', doc.version + 1, doc.getText().slice(0, start) + text + doc.getText().slice(end));
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: next.version }, contentChanges: [{ range, text }] });
    return next;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((r) => this.child.once('exit', () => r()));
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), exit]);
      void this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await (this.exited ? Promise.resolve() : exit);
    clearTimeout(timer);
    this.conn.dispose();
  }

  get exitInfo() {
    return this.exited;
  }

  describeEvents(n: number): string {
    return this.events
      .slice(-n)
      .map((e) => `${e.method} ${JSON.stringify(e.params).slice(0, 300)}`)
      .join('\n');
  }
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Splits raw stdout into JSON-RPC frames. Throws on anything that is not `Content-Length`-framed JSON-RPC
 * (a stray console.log would land here).
 */
export function parseFrames(raw: Buffer): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  while (i < raw.length) {
    const headerEnd = raw.indexOf('\r\n\r\n', i);
    if (headerEnd < 0) throw new Error(`stdout has trailing non-frame bytes: ${JSON.stringify(raw.subarray(i, i + 200).toString())}`);
    const headers = raw.subarray(i, headerEnd).toString('ascii').split('\r\n');
    let length = -1;
    for (const h of headers) {
      const m = /^([A-Za-z-]+): (.*)$/.exec(h);
      if (!m) throw new Error(`stdout holds a non-header line: ${JSON.stringify(h.slice(0, 200))}`);
      if (m[1].toLowerCase() === 'content-length') length = Number(m[2]);
    }
    if (length < 0) throw new Error('frame without Content-Length');
    const body = raw.subarray(headerEnd + 4, headerEnd + 4 + length);
    if (body.length !== length) throw new Error('truncated frame');
    const msg = JSON.parse(body.toString('utf8')) as { jsonrpc?: string };
    if (msg.jsonrpc !== '2.0') throw new Error(`not a JSON-RPC 2.0 message: ${body.toString().slice(0, 200)}`);
    out.push(msg);
    i = headerEnd + 4 + length;
  }
  return out;
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}
