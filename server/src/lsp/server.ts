/**
 * The language server: keeps the text of every schema file of the workspace (open documents override the
 * disk), runs the analyzer whenever the event loop is free after a change, publishes only what changed, and
 * answers code actions and hovers from the last analysis.
 *
 * Each workspace folder is its own project (its own analyzer, settings and `.schemawise.json`); files opened
 * outside every folder form one more project without a config file.
 */
import { performance } from 'node:perf_hooks';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DidChangeWatchedFilesParams,
  type Hover,
  type HoverParams,
  type InlayHint,
  type InlayHintParams,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, Config, Diagnostic, SourceFile } from '../core/api';
import { defaultConfig } from '../core/config';
import { Analyzer } from '../core/engine';
import { readRuleDoc, ruleDocSummary } from '../node/docs';
import { ALWAYS_SKIPPED_DIRS, CONFIG_FILE_NAME, discoverFiles, entityGlobs, isSchemaFile, readSourceFile, scriptGlobs } from '../node/files';
import { codeActionsFor, reuseEqual, ruleDocHref, sameDiagnostics, toLspDiagnostic, type FileResolver } from './convert';
import { DiagramService, type DiagramProject } from './diagram';
import { ER_DIAGRAM_REQUEST, MODEL_CHANGED_NOTIFICATION, type ErDiagramParams, type ErDiagramResult } from './diagram-protocol';
import { isInside, LineIndex, pathToUri, rangeOf, rangesTouch, uriToPath, type PositionSource } from './positions';
import { folderConfig, type ClientSettings } from './settings';

/** Payload of the `schemawise/status` notification. */
export interface StatusParams {
  state: 'analysing' | 'idle' | 'error';
  files: number;
  tables: number;
  ms: number;
  message?: string;
}

export const STATUS_NOTIFICATION = 'schemawise/status';

/** How many times a pending run may yield to newer changes in a row before it runs anyway (no starvation). */
const MAX_DEFERRALS = 64;

/** Runs slower than this announce themselves (`analysing`) before starting, so the status bar can spin. */
const ANNOUNCE_SLOW_RUN_MS = 150;

/** `SCHEMAWISE_TIMING=1`: log analysis and publish times of every run (for benchmarks). */
const TIMING = !!process.env.SCHEMAWISE_TIMING;

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.schemawise`;

interface FileState {
  /** Core key: absolute `/`-separated path, or the URI for documents without a file. */
  path: string;
  uri: string;
  text: string;
  /** The open document, when the editor owns the text. */
  doc?: TextDocument;
  /** Stable object handed to the core, replaced when the text changes. */
  source: SourceFile;
  lines?: LineIndex;
  /** Last core diagnostics, the text they were computed on, and their LSP conversion (same order). */
  core?: Diagnostic[];
  coreText?: string;
  lsp?: LspDiagnostic[];
  /** Document version of the last publish (undefined for disk files). */
  publishedVersion?: number;
  published: boolean;
}

class Project {
  readonly analyzer = new Analyzer();
  config: Config = defaultConfig();
  configErrors: string[] = [];
  configFile?: string;
  readonly files = new Map<string, FileState>();
  dirty = false;
  /** Bumped on every change to the project's inputs; a run whose stamp is outdated is dropped. */
  stamp = 0;
  tables = 0;
  /** The config and the `exclude` globs of the last configuration and discovery, to skip repeats. */
  configKey?: string;
  discoveredWith?: string;
  /** When the pending changes began (timing log only). */
  dirtySince = 0;
  /** The file count last written to the log: a summary is logged on the first run and when the file set changes. */
  loggedFiles = -1;
  private excludeMatcher?: (p: string) => boolean;

  constructor(
    /** Folder path (`/`-separated), undefined for the project of loose files. */
    readonly root: string | undefined,
    readonly folderUri: string | undefined,
    readonly name: string,
  ) {}

  setConfig(config: Config): void {
    this.config = config;
    this.excludeMatcher = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : undefined;
  }

  /**
   * Same rule as discovery: a glob may match the path relative to the folder, or the absolute path, of the
   * file or of any folder above it inside the project (discovery does not walk into excluded folders).
   */
  isExcluded(path: string): boolean {
    if (this.root !== undefined && isInside(path, this.root)) {
      const rel = path.slice(this.root.length + 1).split('/');
      if (rel.some((seg, i) => i < rel.length - 1 && ALWAYS_SKIPPED_DIRS.includes(seg))) return true;
      if (!this.excludeMatcher) return false;
      for (let i = rel.length; i > 0; i--) {
        const sub = rel.slice(0, i).join('/');
        if (this.excludeMatcher(sub) || this.excludeMatcher(`${this.root}/${sub}`)) return true;
      }
      return false;
    }
    return !!this.excludeMatcher?.(path);
  }
}

export class SchemawiseServer {
  private readonly documents = new TextDocuments(TextDocument);
  private projects: Project[] = [];
  private readonly loose = new Project(undefined, undefined, '(files outside the workspace)');
  private settingsByFolder = new Map<string | undefined, ClientSettings>();
  private ready = false;
  private canPullConfig = false;
  private canRegisterWatchers = false;
  private canRegisterConfigChange = false;
  private clientWatchesFiles = false;
  private markdownHover = true;
  private canRefreshInlayHints = false;
  private folderEvents = false;
  private scheduled = false;
  private changeStamp = 0;
  private scheduledStamp = 0;
  private deferrals = 0;
  private lastRunMs = 0;
  private announced = false;
  private readonly shownWarnings = new Set<string>();
  private readonly loggedErrors = new Set<string>();
  private readonly diagrams = new DiagramService((params) => void this.connection.sendNotification(MODEL_CHANGED_NOTIFICATION, params));

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.guardAsync('initialized', () => this.start()));
    c.onDidChangeConfiguration((p) => void this.guardAsync('didChangeConfiguration', () => this.reloadSettings(p.settings)));
    c.onDidChangeWatchedFiles((p) => this.guard('didChangeWatchedFiles', undefined, () => this.watchedFilesChanged(p)));
    c.onCodeAction((p) => this.guard('codeAction', [], () => this.codeActions(p)));
    c.onHover((p) => this.guard('hover', null, () => this.hover(p)));
    c.languages.inlayHint.on((p) => this.guard('inlayHint', [], () => this.inlayHints(p)));
    c.onRequest(ER_DIAGRAM_REQUEST, (p: ErDiagramParams) => this.guard('erDiagram', null, () => this.erDiagram(p ?? {})));
    this.documents.onDidChangeContent((e) => this.guard('didChange', undefined, () => this.documentChanged(e.document)));
    this.documents.onDidClose((e) => this.guard('didClose', undefined, () => this.documentClosed(e.document)));
    this.documents.listen(c);
    c.listen();
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.canRegisterConfigChange = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    const formats = caps.textDocument?.hover?.contentFormat;
    this.markdownHover = !formats || formats.includes('markdown');
    const opts = params.initializationOptions as { clientWatchesFiles?: boolean } | undefined;
    this.clientWatchesFiles = !!opts?.clientWatchesFiles;
    this.folderEvents = !!caps.workspace?.workspaceFolders;
    this.canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;

    const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    if (folders.length === 0 && params.rootUri) folders.push({ uri: params.rootUri, name: params.rootUri });
    else if (folders.length === 0 && params.rootPath) folders.push({ uri: pathToUri(params.rootPath), name: params.rootPath });
    this.setFolders(folders);

    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: this.folderEvents } },
      },
      serverInfo: { name: 'schemawise' },
    };
  }

  private async start(): Promise<void> {
    this.sendStatus({ state: 'analysing', files: 0, tables: 0, ms: 0 });
    if (this.canRegisterConfigChange) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: ['schemawise', 'files.exclude'] });
    }
    if (this.canRegisterWatchers && !this.clientWatchesFiles) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{sql,prisma}' },
          { globPattern: '**/*.{ts,mts,cts,js,mjs,cjs}' },
          { globPattern: `**/${CONFIG_FILE_NAME}` },
          // Deleting a folder reports only the folder.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ],
      });
    }
    if (this.folderEvents) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.guardAsync('didChangeWorkspaceFolders', () => this.foldersChanged(e)));
    }
    await Analyzer.init();
    await this.reloadSettings(undefined);
    this.ready = true;
    this.schedule();
  }

  private async foldersChanged(e: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(e.removed.map((f) => f.uri));
    const kept = this.projects.filter((p) => !removed.has(p.folderUri!)).map((p) => ({ uri: p.folderUri!, name: p.name }));
    this.setFolders([...kept, ...e.added]);
    await this.reloadSettings(undefined);
  }

  /** Replaces the folder projects, keeping the ones that stay; files of removed folders are cleared. */
  private setFolders(folders: WorkspaceFolder[]): void {
    const next: Project[] = [];
    for (const f of folders) {
      if (!f.uri.startsWith('file:')) continue;
      const existing = this.projects.find((p) => p.folderUri === f.uri);
      next.push(existing ?? new Project(uriToPath(f.uri).replace(/\/$/, ''), f.uri, f.name));
    }
    for (const p of this.projects) {
      if (next.includes(p)) continue;
      for (const file of p.files.values()) this.clear(file);
    }
    // Deepest folder first, so nested folders own their files.
    this.projects = next.sort((a, b) => b.root!.length - a.root!.length);
  }

  /**
   * Pulls the settings of every folder (or takes the pushed ones), rebuilds each project's config and
   * re-discovers its files. Open documents keep their editor text.
   */
  private async reloadSettings(pushed: unknown): Promise<void> {
    const projects = [...this.projects, this.loose];
    const settings = await this.fetchSettings(projects, pushed);
    projects.forEach((p, i) => this.settingsByFolder.set(p.folderUri, settings[i]));
    for (const p of projects) this.configure(p);
    for (const p of this.projects) this.discoverIfNeeded(p);
    // Open documents may move between projects or become excluded.
    for (const doc of this.documents.all()) this.documentChanged(doc);
  }

  private async fetchSettings(projects: Project[], pushed: unknown): Promise<ClientSettings[]> {
    if (this.canPullConfig) {
      try {
        const items = projects.flatMap((p) => [
          { scopeUri: p.folderUri, section: 'schemawise' },
          { scopeUri: p.folderUri, section: 'files.exclude' },
        ]);
        const values: unknown[] = await this.connection.workspace.getConfiguration(items);
        return projects.map((_, i) => ({ schemawise: values[2 * i], filesExclude: values[2 * i + 1] }));
      } catch (e) {
        this.logError('workspace/configuration', e);
      }
    }
    const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).schemawise : undefined;
    return projects.map((p) => (section !== undefined ? { schemawise: section } : (this.settingsByFolder.get(p.folderUri) ?? {})));
  }

  private configure(p: Project): void {
    const { config, errors, configFile } = folderConfig(this.settingsByFolder.get(p.folderUri) ?? {}, p.root);
    p.configErrors = errors;
    p.configFile = configFile;
    for (const e of errors) this.warnOnce(e);
    // Clients re-send unchanged settings (VS Code on registration, Neovim after initialize): no work then.
    const key = JSON.stringify(config);
    if (key === p.configKey) return;
    p.configKey = key;
    p.setConfig(config);
    this.markDirty(p);
  }

  /** Walks the folder again only when what decides the file set changed (first time, or `exclude`). */
  private discoverIfNeeded(p: Project): void {
    const key = JSON.stringify(p.config.exclude);
    if (p.discoveredWith === key) return;
    p.discoveredWith = key;
    this.discover(p);
  }

  /** Finds the folder's schema files and reads those not open in the editor. */
  private discover(p: Project): void {
    if (!p.root) return;
    const { files, skipped } = discoverFiles([p.root], { exclude: p.config.exclude, cwd: p.root, scripts: scriptGlobs(p.config) });
    for (const s of skipped) this.connection.console.info(`skipped ${s.path}: ${s.reason}`);
    const wanted = new Set(files);
    for (const [path, f] of p.files) {
      if (!wanted.has(path) && !f.doc) this.removeFile(p, path);
    }
    for (const path of files) {
      const f = p.files.get(path);
      if (f?.doc) continue;
      this.loadFromDisk(p, path);
    }
    this.markDirty(p);
  }

  private loadFromDisk(p: Project, path: string): void {
    const { file, skipped } = readSourceFile(path);
    if (!file) {
      if (skipped) this.connection.console.info(`skipped ${path}: ${skipped}`);
      this.removeFile(p, path);
      return;
    }
    const existing = p.files.get(path);
    if (existing) {
      if (existing.text === file.text) return;
      existing.text = file.text;
      existing.source = file;
      existing.lines = undefined;
    } else {
      p.files.set(path, { path, uri: pathToUri(path), text: file.text, source: file, published: false });
    }
    this.markDirty(p);
  }

  private removeFile(p: Project, path: string): void {
    const f = p.files.get(path);
    if (!f) return;
    p.files.delete(path);
    this.clear(f);
    this.markDirty(p);
  }

  /** Clears the published diagnostics of a file that left the analysis. */
  private clear(f: FileState): void {
    if (f.published && f.lsp && f.lsp.length > 0) void this.connection.sendDiagnostics({ uri: f.uri, diagnostics: [] });
    f.published = false;
    f.lsp = undefined;
    f.core = undefined;
  }

  // ---- documents and files ---------------------------------------------------------------------------------

  private projectFor(path: string): Project {
    return this.projects.find((p) => isInside(path, p.root!)) ?? this.loose;
  }

  /** SQL, Prisma, or a script the project's entity or migration globs (or a DataSource file name) select. */
  private isSchemaPath(p: Project, path: string): boolean {
    let m = this.entityMatchers.get(p.config);
    if (!m) this.entityMatchers.set(p.config, (m = entityGlobs(scriptGlobs(p.config), p.root ?? '/')));
    return isSchemaFile(path, m);
  }

  private entityMatchers = new WeakMap<object, (p: string) => boolean>();

  private isSchemaDocument(doc: TextDocument): boolean {
    const path = uriToPath(doc.uri);
    return doc.languageId === 'sql' || doc.languageId === 'prisma' || this.isSchemaPath(this.projectFor(path), path);
  }

  private documentChanged(doc: TextDocument): void {
    if (!this.isSchemaDocument(doc)) return;
    const path = uriToPath(doc.uri);
    const p = this.projectFor(path);
    // An open document can only be in one project; drop it from any other (folders changed).
    for (const other of [...this.projects, this.loose]) if (other !== p && other.files.get(path)?.doc) this.removeFile(other, path);
    if (p.isExcluded(path)) {
      this.removeFile(p, path);
      return;
    }
    const text = doc.getText();
    const f = p.files.get(path);
    if (f) {
      if (f.doc === doc && f.text === text && f.source.version === doc.version) return;
      f.doc = doc;
      f.uri = doc.uri;
      if (f.text !== text) {
        f.text = text;
        f.lines = undefined;
      }
      f.source = { path, text, version: doc.version };
    } else {
      p.files.set(path, { path, uri: doc.uri, text, doc, source: { path, text, version: doc.version }, published: false });
    }
    this.markDirty(p);
  }

  private documentClosed(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    const p = this.projectFor(path);
    const f = p.files.get(path);
    if (!f) return;
    f.doc = undefined;
    f.publishedVersion = undefined;
    if (p.root && doc.uri.startsWith('file:')) {
      // Back to the disk contents (the file may be gone, excluded, or not a schema file by its name).
      if (p.isExcluded(path) || !this.isSchemaPath(p, path)) this.removeFile(p, path);
      else this.loadFromDisk(p, path);
      // The version-tagged diagnostics were for the document; republish for the file.
      f.published = false;
      this.markDirty(p);
    } else {
      this.removeFile(p, path);
    }
  }

  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const reconfigure = new Set<Project>();
    // Deleted paths that may be folders: checked in one pass over the files below (a burst of deletions,
    // e.g. a branch switch, costs one pass, not one per event).
    const deletedDirs = new Set<string>();
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      const path = uriToPath(change.uri);
      const p = this.projectFor(path);
      if (path.endsWith(`/${CONFIG_FILE_NAME}`)) {
        // The file may belong to a folder above a project (`.schemawise.json` is looked up upwards).
        for (const q of this.projects) if (isInside(q.root!, path.slice(0, -CONFIG_FILE_NAME.length - 1)) || q === p) reconfigure.add(q);
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        const f = p.files.get(path);
        if (f && !f.doc) this.removeFile(p, path);
        else if (!f && !this.isSchemaPath(p, path)) deletedDirs.add(path);
        continue;
      }
      if (!p.root || !this.isSchemaPath(p, path) || p.files.get(path)?.doc) continue;
      if (p.isExcluded(path)) continue;
      this.loadFromDisk(p, path);
    }
    if (deletedDirs.size > 0) {
      for (const q of [...this.projects, this.loose]) {
        for (const [fp, f] of q.files) {
          if (f.doc) continue;
          for (let dir = fp.slice(0, fp.lastIndexOf('/')); dir.length > 0; dir = dir.slice(0, dir.lastIndexOf('/'))) {
            if (deletedDirs.has(dir)) {
              this.removeFile(q, fp);
              break;
            }
          }
        }
      }
    }
    for (const p of reconfigure) {
      this.configure(p);
      this.discoverIfNeeded(p);
    }
  }

  // ---- analysis --------------------------------------------------------------------------------------------

  private markDirty(p: Project): void {
    if (TIMING && !p.dirty) p.dirtySince = performance.now();
    p.dirty = true;
    p.stamp++;
    this.changeStamp++;
    this.schedule();
  }

  /**
   * Runs dirty projects as soon as the event loop is free. The hop through a microtask lets the JSON-RPC
   * queue schedule its next message first; a run that finds newer changes than when it was scheduled yields
   * once more, so a burst of edits is analysed once, at its newest version.
   */
  private schedule(): void {
    if (this.scheduled || !this.ready) return;
    this.scheduled = true;
    this.scheduledStamp = this.changeStamp;
    queueMicrotask(() => setImmediate(() => this.guard('analysis', undefined, () => this.tick())));
  }

  private tick(): void {
    this.scheduled = false;
    if (this.changeStamp !== this.scheduledStamp && this.deferrals < MAX_DEFERRALS) {
      this.deferrals++;
      this.schedule();
      return;
    }
    this.deferrals = 0;
    const dirty = [...this.projects, this.loose].filter((p) => p.dirty);
    if (dirty.length === 0) return;
    if (this.lastRunMs >= ANNOUNCE_SLOW_RUN_MS && !this.announced) {
      this.announced = true;
      this.sendStatus({ ...this.totals(), state: 'analysing', ms: this.lastRunMs });
      // The writer sends on a later turn of the event loop; let it, before the synchronous run blocks it.
      this.scheduled = true;
      this.scheduledStamp = this.changeStamp;
      setImmediate(() => this.guard('analysis', undefined, () => this.tick()));
      return;
    }
    this.announced = false;
    this.runProjects(dirty);
  }

  /** Analyses now if the project has pending changes (before answering a request about its current text). */
  private flush(p: Project): void {
    if (p.dirty && this.ready) this.runProjects([p]);
  }

  private runProjects(projects: Project[]): void {
    const t0 = performance.now();
    let failed: string | undefined;
    for (const p of projects) failed = this.run(p) ?? failed;
    this.lastRunMs = Math.round(performance.now() - t0);
    const totals = this.totals();
    this.sendStatus(failed ? { ...totals, state: 'error', ms: this.lastRunMs, message: failed } : { ...totals, state: 'idle', ms: this.lastRunMs });
  }

  /** One analysis of a project; returns an error message if the engine threw. */
  private run(p: Project): string | undefined {
    const stamp = p.stamp;
    const files: SourceFile[] = [];
    for (const f of p.files.values()) files.push(f.source);
    let result: AnalysisResult;
    const t0 = TIMING ? performance.now() : 0;
    try {
      result = p.analyzer.analyze(files, p.config, {
        get isCancellationRequested() {
          return p.stamp !== stamp;
        },
      });
    } catch (e) {
      // Cancelled (`Cancelled`) because a newer change arrived: that change scheduled the next run.
      if (p.stamp !== stamp) return undefined;
      p.dirty = false;
      this.logError(`analysis of ${p.name}`, e);
      return e instanceof Error ? e.message : String(e);
    }
    // Inputs changed while it ran: its results describe texts that are gone. A newer run is scheduled.
    if (p.stamp !== stamp) return undefined;
    p.dirty = false;
    p.tables = result.stats.tables;
    if (result.stats.files !== p.loggedFiles && (result.stats.files > 0 || p.loggedFiles > 0)) {
      this.connection.console.info(summaryLine(p.name, result));
    }
    p.loggedFiles = result.stats.files;
    const t1 = TIMING ? performance.now() : 0;
    const sent = this.publish(p, result);
    this.guard('diagram', undefined, () => this.diagrams.analysed(this.diagramProject(p), result));
    // Lock hints follow the analysis; only a project that shows them asks the client to pull them again.
    if (this.canRefreshInlayHints && this.showsLockHints(p)) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
    if (TIMING) {
      const t2 = performance.now();
      this.connection.console.log(`[timing] ${p.name}: ${files.length} files, waited ${(t0 - p.dirtySince).toFixed(1)} ms, analyse ${(t1 - t0).toFixed(1)} ms (parse ${result.stats.parseMs.toFixed(1)}, model ${result.stats.modelMs.toFixed(1)}, rules ${result.stats.rulesMs.toFixed(1)}), publish ${(t2 - t1).toFixed(1)} ms (${sent} sent)`);
    }
    return undefined;
  }

  /** Publishes the files whose diagnostics changed; returns how many messages went out. */
  private publish(p: Project, result: AnalysisResult): number {
    const resolve = this.resolver(p);
    let sent = 0;
    // Open documents first: the one being edited is what the user waits for.
    const files = [...p.files.values()];
    const ordered = [...files.filter((f) => f.doc), ...files.filter((f) => !f.doc)];
    for (const f of ordered) {
      const diags = result.diagnostics.get(f.path) ?? [];
      // Tagged with the version of the text analysed, so clients can drop results for older texts.
      const version = f.doc ? f.source.version : undefined;
      const unchanged = f.published && f.core !== undefined && f.coreText === f.text && f.publishedVersion === version && sameDiagnostics(f.core, diags);
      f.core = diags;
      f.coreText = f.text;
      if (unchanged) continue;
      const positions = this.positions(f);
      const lsp = diags.map((d) => toLspDiagnostic(d, positions, resolve));
      // Equal to the last one published in its place (before or after where the list changed): the same object, so
      // the writer reuses its text.
      if (f.lsp) reuseEqual(lsp, f.lsp);
      // A disk file with nothing before and nothing now needs no message.
      if (!f.published && lsp.length === 0 && version === undefined) {
        f.lsp = lsp;
        continue;
      }
      f.lsp = lsp;
      f.published = true;
      f.publishedVersion = version;
      void this.connection.sendDiagnostics(version === undefined ? { uri: f.uri, diagnostics: lsp } : { uri: f.uri, version, diagnostics: lsp });
      sent++;
    }
    return sent;
  }

  private positions(f: FileState): PositionSource {
    if (f.doc && f.doc.getText() === f.text) return f.doc;
    return (f.lines ??= new LineIndex(f.text));
  }

  /** The ER diagram of the project of `uri` (default: the first with tables), from its last analysis. */
  private erDiagram(params: ErDiagramParams): ErDiagramResult | null {
    if (!this.ready) return null;
    const all = [...this.projects, this.loose];
    const p = params.uri ? this.projectFor(uriToPath(params.uri)) : (all.find((q) => q.tables > 0) ?? all[0]);
    this.flush(p);
    return this.diagrams.request(params, this.diagramProject(p));
  }

  private diagramProject(p: Project): DiagramProject {
    return {
      key: p,
      name: p.name,
      folderUri: p.folderUri,
      schemas: () => p.analyzer.lastSchemas(),
      statements: (path) => p.analyzer.lastParsedFile(path)?.statements,
      resolve: this.resolver(p),
    };
  }

  private resolver(p: Project): FileResolver {
    return (path) => {
      const f = p.files.get(path) ?? this.projectFor(path).files.get(path);
      return f ? { uri: f.uri, positions: this.positions(f), text: f.text } : undefined;
    };
  }

  private totals(): { files: number; tables: number } {
    let files = 0;
    let tables = 0;
    for (const p of [...this.projects, this.loose]) {
      files += p.files.size;
      tables += p.tables;
    }
    return { files, tables };
  }

  // ---- requests --------------------------------------------------------------------------------------------

  private locate(uri: string): { p: Project; f: FileState } | undefined {
    const path = uriToPath(uri);
    const p = this.projectFor(path);
    const f = p.files.get(path);
    return f ? { p, f } : undefined;
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const only = params.context.only;
    const wantQuickFix = !only || only.some((k) => kindIncludes(k, CodeActionKind.QuickFix));
    const wantFixAll = !!only && only.some((k) => kindIncludes(k, FIX_ALL_KIND));
    if (!wantQuickFix && !wantFixAll) return [];
    const at = this.locate(params.textDocument.uri);
    if (!at) return [];
    this.flush(at.p);
    const { p, f } = at;
    if (!f.core || !f.lsp || f.coreText !== f.text) return [];
    const resolve = this.resolver(p);
    const actions: CodeAction[] = [];
    if (wantQuickFix) {
      const dialect = p.analyzer.lastParsedFile(f.path)?.dialect ?? 'postgresql';
      f.core.forEach((d, i) => {
        if (rangesTouch(f.lsp![i].range, params.range)) actions.push(...codeActionsFor(d, f.lsp![i], f.text, resolve, dialect));
      });
    }
    if (wantFixAll) {
      const fixAll = this.fixAll(f);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** All safe fixes of the file whose edits stay in the file, minus overlapping and duplicate edits. */
  private fixAll(f: FileState): CodeAction | undefined {
    const edits: { start: number; end: number; newText: string }[] = [];
    for (const d of f.core ?? []) {
      const fix = d.fixes.find((x) => x.safe);
      if (!fix || fix.edits.some((e) => e.file !== f.path)) continue;
      const same = (o: { start: number; end: number; newText: string }, e: { start: number; end: number; newText: string }) =>
        o.start === e.start && o.end === e.end && o.newText === e.newText;
      // Overlapping replacements cannot both apply; insertions at one point apply in order.
      if (fix.edits.some((e) => edits.some((o) => !same(o, e) && o.start < e.end && e.start < o.end))) continue;
      const fresh = fix.edits.filter((e) => !edits.some((o) => same(o, e)));
      edits.push(...fresh);
    }
    if (edits.length === 0) return undefined;
    const positions = this.positions(f);
    const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: rangeOf(positions, e.start, e.end), newText: e.newText }));
    return { title: 'Apply all safe Schemawise fixes', kind: FIX_ALL_KIND, edit: { changes: { [f.uri]: lspEdits } } };
  }

  private hover(params: HoverParams): Hover | null {
    const at = this.locate(params.textDocument.uri);
    if (!at || !this.ready) return null;
    this.flush(at.p);
    const { p, f } = at;
    const positions = this.positions(f);
    const offset = positions.offsetAt(params.position);
    const h = p.analyzer.hover(f.path, offset);
    if (h) return this.hoverResult(h.markdown, rangeOf(positions, h.start, h.end));
    // Over a finding: what the rule is about, and the link to its doc.
    const i = f.lsp?.findIndex((d) => rangesTouch(d.range, { start: params.position, end: params.position })) ?? -1;
    if (i < 0 || !f.core || f.coreText !== f.text) return null;
    const id = f.core[i].ruleId;
    const doc = readRuleDoc(id);
    const summary = doc ? ruleDocSummary(doc) : undefined;
    if (!summary) return null;
    const href = ruleDocHref(id);
    return this.hoverResult(`**\`${id}\`**: ${summary}${href ? `\n\n[Rule documentation](${href})` : ''}`, f.lsp![i].range);
  }

  /** `schemawise.inlayHints.locks` (off by default): the lock of each migration statement at its end. */
  private showsLockHints(p: Project): boolean {
    const section = this.settingsByFolder.get(p.folderUri)?.schemawise as { inlayHints?: { locks?: unknown } } | undefined;
    return section?.inlayHints?.locks === true;
  }

  private inlayHints(params: InlayHintParams): InlayHint[] {
    const at = this.locate(params.textDocument.uri);
    if (!at || !this.ready || !this.showsLockHints(at.p)) return [];
    this.flush(at.p);
    const { p, f } = at;
    const positions = this.positions(f);
    const from = positions.offsetAt(params.range.start);
    const to = positions.offsetAt(params.range.end);
    return p.analyzer
      .lockHints(f.path)
      .filter((h) => h.offset >= from && h.offset <= to)
      .map((h) => ({ position: positions.positionAt(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: true }));
  }

  private hoverResult(markdown: string, range: Hover['range']): Hover {
    return this.markdownHover ? { contents: { kind: 'markdown', value: markdown }, range } : { contents: { kind: 'plaintext', value: markdown }, range };
  }

  // ---- reporting -------------------------------------------------------------------------------------------

  private sendStatus(status: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  /** Config problems: logged, and shown once per distinct message. */
  private warnOnce(message: string): void {
    if (this.shownWarnings.has(message)) return;
    this.shownWarnings.add(message);
    this.connection.console.warn(message);
    // A notification, not `showMessageRequest`: nothing to answer, nothing left pending in the client.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Schemawise: ${message}` });
  }

  private logError(where: string, e: unknown): void {
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const key = `${where}: ${e instanceof Error ? e.message : String(e)}`;
    if (this.loggedErrors.has(key)) return;
    this.loggedErrors.add(key);
    this.connection.console.error(`${where} failed: ${text}`);
  }

  /** Every handler runs through here: an exception is logged once and answered with the empty value. */
  private guard<T>(where: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.logError(where, e);
      return fallback;
    }
  }

  private async guardAsync(where: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.logError(where, e);
    }
  }
}

/** `quickfix` includes `quickfix` and `quickfix.x`; an `only` of `source` includes `source.fixAll.schemawise`. */
function kindIncludes(requested: string, kind: string): boolean {
  return requested === '' || kind === requested || kind.startsWith(requested + '.');
}

/** One log line that tells what the server saw: files per dialect, tables, statements it could not parse. */
function summaryLine(name: string, r: AnalysisResult): string {
  const dialects = new Map<string, number>();
  let unparsed = 0;
  let unsupported = 0;
  let migrations = 0;
  for (const f of r.files.values()) {
    if (f.unsupported) {
      unsupported++;
      continue;
    }
    dialects.set(f.dialect, (dialects.get(f.dialect) ?? 0) + 1);
    unparsed += f.unparsed;
    if (f.isMigration) migrations++;
  }
  const perDialect = [...dialects.entries()].map(([d, n]) => `${n} ${d}`).join(', ') || 'none';
  const findings = [...r.diagnostics.values()].reduce((n, ds) => n + ds.length, 0);
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  return (
    `${name}: analysed ${n(r.stats.files, 'file')} (${perDialect}; ${n(migrations, 'migration')}), ${n(r.stats.tables, 'table')}, ` +
    `${n(findings, 'finding')} in ${Math.round(r.stats.ms)} ms` +
    (unparsed ? `; ${n(unparsed, 'statement')} not parsed (skipped, not reported)` : '') +
    (unsupported ? `; ${n(unsupported, 'file')} in dialects not analysed` : '')
  );
}
