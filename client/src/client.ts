/**
 * The VS Code side (loaded by extension.ts right after activation): starts the language server (dist/server.js) over Node IPC, shows the analysis state in
 * the status bar, and offers "Restart Server" / "Show Output" and the ER diagram (diagram.ts). Everything else
 * happens in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DiagramHost } from './diagram';

/** Mirrors `StatusParams` of server/src/lsp/server.ts (the client bundle must not pull in server code). */
interface StatusParams {
  state: 'analysing' | 'idle' | 'error';
  files: number;
  tables: number;
  ms: number;
  message?: string;
}

let client: LanguageClient | undefined;

export function start(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Schemawise', { log: true });
  const status = vscode.window.createStatusBarItem('schemawise.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Schemawise';
  status.command = 'schemawise.showOutput';
  showStatus(status, { state: 'analysing', files: 0, tables: 0, ms: 0 });
  status.show();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
      { scheme: 'file', language: 'prisma' },
      // Entity files: which ones is the server's to say (the `schemawise.typeorm.entities` globs).
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'javascript' },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{sql,prisma}'),
        vscode.workspace.createFileSystemWatcher('**/*.{ts,mts,cts,js,mjs,cjs}'),
        vscode.workspace.createFileSystemWatcher('**/.schemawise.json'),
        // Deleting a folder reports only the folder, not the schema files in it.
        vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
      ],
    },
    // The watchers above feed the server; it need not register its own.
    initializationOptions: { clientWatchesFiles: true },
    outputChannel: output,
  };

  client = new LanguageClient('schemawise', 'Schemawise', serverOptions, clientOptions);
  // The ER diagram: its commands, and its panel restored after a reload (registered before the server starts).
  context.subscriptions.push(new DiagramHost(context, client, output));
  context.subscriptions.push(
    client.onNotification('schemawise/status', (p: StatusParams) => showStatus(status, p)),
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) showStatus(status, { state: 'error', files: 0, tables: 0, ms: 0, message: 'The language server stopped.' });
      if (e.newState === State.Starting) showStatus(status, { state: 'analysing', files: 0, tables: 0, ms: 0 });
    }),
    vscode.commands.registerCommand('schemawise.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('schemawise.restartServer', async () => {
      if (!client) return;
      output.info('Restarting the language server');
      try {
        await client.restart();
      } catch (e) {
        output.error(`Restart failed: ${e instanceof Error ? e.message : String(e)}`);
        showStatus(status, { state: 'error', files: 0, tables: 0, ms: 0, message: 'The language server failed to restart.' });
      }
    }),
  );

  // Not awaited: activation returns at once and the server starts in the background (requests wait for it).
  output.info(`Starting the language server (${serverModule}, Schemawise ${context.extension.packageJSON.version ?? ''})`);
  client.start().catch((e: unknown) => {
    output.error(`The language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    showStatus(status, { state: 'error', files: 0, tables: 0, ms: 0, message: 'The language server failed to start.' });
  });
}

export async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function showStatus(item: vscode.StatusBarItem, s: StatusParams): void {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  switch (s.state) {
    case 'analysing':
      item.text = '$(sync~spin) Schemawise';
      item.tooltip = 'Schemawise: analysing the workspace schema…';
      item.backgroundColor = undefined;
      break;
    case 'idle':
      item.text = `$(database) Schemawise: ${plural(s.files, 'file')} · ${plural(s.tables, 'table')} · ${s.ms} ms`;
      item.tooltip = `Schemawise analysed ${plural(s.files, 'file')} (${plural(s.tables, 'table')}) in ${s.ms} ms. Click for the log.`;
      item.backgroundColor = undefined;
      break;
    case 'error':
      item.text = '$(error) Schemawise';
      item.tooltip = `Schemawise: ${s.message ?? 'analysis failed'}. Click for the log.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      break;
  }
}
