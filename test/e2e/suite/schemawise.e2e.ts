/**
 * Runs inside a real VS Code extension host, against a fresh copy of test/e2e/workspace, with Schemawise installed
 * from its VSIX. The tests share one workspace and run in order: the quick-fix and the column edit change open
 * documents (left unsaved: the server reads the editor's text) that later expectations account for. Every wait is
 * on an editor event with a deadline, never a sleep.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import manifest from '../../../package.json';

const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const MIGRATION_1 = 'db/migrations/20260101090000_create_customers_orders.sql';
const MIGRATION_2 = 'db/migrations/20260108120000_add_shipments.sql';
const QUERIES = 'queries/orders.sql';
const PRISMA = 'prisma/schema.prisma';
const ENTITY_PAYMENT = 'src/entities/payment.entity.ts';
const ENTITY_ACCOUNT = 'src/entities/account.entity.ts';
/** Files the extension's code loads at run time, beyond those the manifest names. */
const RUNTIME_FILES = ['dist/client.js', 'dist/server.js', 'dist/libpg-query.wasm', 'dist/typescript.js', 'media/diagram/diagram.js', 'media/diagram/diagram.css'];
/** client/src/diagram.ts's DIAGRAM_VIEW_TYPE; a tab reports it with a prefix of VS Code's. */
const DIAGRAM_VIEW_TYPE = 'schemawise.erDiagram';
const DEADLINE_MS = 30_000;

function fileUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

function ruleId(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `rule line:col-line:col`, 1-based like the CLI, so a failure reads like the fixture in an editor. */
function describeDiagnostics(list: readonly vscode.Diagnostic[]): string[] {
  return list
    .map((d) => `${ruleId(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`)
    .sort();
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'schemawise');
}

/**
 * Resolves with the first defined result of `probe`, probing now and on every `event`; rejects with `failure()`
 * at the deadline. The one way these tests wait.
 */
function when<T>(event: vscode.Event<unknown>, probe: () => T | undefined, failure: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const subscription = event(check);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(failure());
    }, DEADLINE_MS);
    check();
  });
}

/** Resolves once the Schemawise diagnostics of `uri` are exactly `expected` (see describeDiagnostics). */
async function diagnosticsBecome(uri: vscode.Uri, expected: string[]): Promise<void> {
  const want = [...expected].sort();
  const now = () => describeDiagnostics(ours(uri));
  await when(
    vscode.languages.onDidChangeDiagnostics,
    () => (JSON.stringify(now()) === JSON.stringify(want) ? true : undefined),
    () => new assert.AssertionError({ message: `diagnostics of ${vscode.workspace.asRelativePath(uri)}`, actual: now(), expected: want, operator: 'deepStrictEqual' }),
  );
}

/** Resolves once an editor tab satisfies `wanted`. */
async function tabBecomes(what: string, wanted: (tab: vscode.Tab) => boolean): Promise<void> {
  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  await when(
    vscode.window.tabGroups.onDidChangeTabs,
    () => tabs().find(wanted),
    () => new Error(`${what}: not within ${DEADLINE_MS} ms; tabs: ${tabs().map((t) => t.label).join(', ')}`),
  );
}

async function open(relative: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(relative)));
}

/** Position of the first occurrence of `needle` in the document, plus `offset` characters. */
function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `\`${needle}\` is in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(at + offset);
}

interface PerformanceMark {
  name: string;
  startTime: number;
}

/**
 * The extension host records `code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>` marks in
 * `globalThis.MonacoPerformanceMarks` (VS Code's perf util, shared by every module of the host process): the time
 * to load the extension's code, and from calling activate() to its promise settling. Undefined when a VS Code
 * build no longer records them.
 */
function activationTimes(id: string): { load: number; activate: number } | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): PerformanceMark[] } }).MonacoPerformanceMarks;
  const marks = new Map((perf?.getMarks() ?? []).map((m) => [m.name, m.startTime]));
  const at = (what: string) => marks.get(`code/extHost/${what}/${id}`);
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  return { load: didLoad - willLoad, activate: didActivate - willActivate };
}

suite('Schemawise in a real extension host', () => {
  let extension: vscode.Extension<unknown>;

  suiteSetup(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is installed`);
    extension = found;
    await extension.activate();
  });

  test('activates from the installed VSIX with every file it loads', () => {
    assert.equal(extension.isActive, true);
    // The VSIX installer leaves its manifest in the extension folder; a development folder has none.
    assert.ok(existsSync(join(extension.extensionPath, '.vsixmanifest')), `${extension.extensionPath} was installed from a VSIX`);
    const contributes = extension.packageJSON.contributes;
    const named: string[] = [
      extension.packageJSON.main,
      extension.packageJSON.icon,
      ...(contributes.jsonValidation ?? []).map((v: { url: string }) => v.url),
      ...(contributes.languages ?? []).map((l: { configuration?: string }) => l.configuration),
      ...(contributes.grammars ?? []).map((g: { path: string }) => g.path),
    ].filter((p): p is string => typeof p === 'string');
    const missing = [...named, ...RUNTIME_FILES].filter((p) => !existsSync(join(extension.extensionPath, p)));
    assert.deepEqual(missing, [], 'files missing from the installed extension');
    const times = activationTimes(EXTENSION_ID);
    // activate() awaits the language client's start, which waits for the server's answer to `initialize`.
    console.log(
      times
        ? `activation (extension host marks): code load ${times.load} ms, activate() resolved after ${times.activate} ms (includes the language server's start)`
        : 'activation: not measured (this VS Code records no extension host performance marks)',
    );
  });

  test('each source file gets the expected diagnostics', async () => {
    await diagnosticsBecome(fileUri(MIGRATION_1), ['foreign-key-type-mismatch 10:15-10:22', 'float-for-money 12:9-12:25']);
    await diagnosticsBecome(fileUri(MIGRATION_2), ['unindexed-foreign-key 3:3-3:11', 'blocking-index-creation 9:1-9:13']);
    await diagnosticsBecome(fileUri(QUERIES), ['query-without-index 5:26-5:35']);
    await diagnosticsBecome(fileUri(PRISMA), ['unindexed-foreign-key 14:37-14:47']);
    await diagnosticsBecome(fileUri(ENTITY_PAYMENT), ['unindexed-foreign-key 11:3-11:10', 'float-for-money 13:11-13:18']);
    // Published together with the others: by now a finding here would have arrived.
    assert.deepEqual(describeDiagnostics(ours(fileUri(ENTITY_ACCOUNT))), []);
  });

  test('hover on an index explains it and the queries it serves', async () => {
    const doc = (await open(MIGRATION_1)).document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'orders_customer_status_idx', 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Index `orders_customer_status_idx`\*\* on `orders \(customer_id, status\)`/);
    assert.match(text, /\*\*Used by\*\* 1 of the/);
  });

  test('the preferred quick-fix edits the right range and its finding goes away', async () => {
    const editor = await open(MIGRATION_2);
    const uri = editor.document.uri;
    const [fk] = ours(uri).filter((d) => ruleId(d) === 'unindexed-foreign-key');
    assert.ok(fk, 'unindexed-foreign-key is reported');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, fk.range, vscode.CodeActionKind.QuickFix.value);
    // A Command's `command` is its id; a CodeAction's is an optional Command object.
    const fixes = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
    const preferred = fixes.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred quick-fix with an edit among: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.equal(preferred.title, 'Add index on `shipments(order_id)`');
    assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
    assert.equal(
      editor.document.getText(),
      [
        'CREATE TABLE shipments (',
        '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
        '  order_id bigint NOT NULL REFERENCES orders (id),',
        '  carrier text NOT NULL,',
        '  shipped_at timestamptz',
        ');',
        'CREATE INDEX shipments_order_id_idx ON shipments (order_id);',
        '',
        '-- The order list of the account page sorts by date.',
        'CREATE INDEX orders_placed_idx ON orders (placed_at);',
        '',
      ].join('\n'),
    );
    await diagnosticsBecome(uri, ['blocking-index-creation 10:1-10:13']);
  });

  test('Show ER Diagram opens its webview on the project', async () => {
    await vscode.commands.executeCommand('schemawise.showErDiagram');
    // The panel takes the project's name once the language server has answered the diagram request.
    const project = vscode.workspace.workspaceFolders![0].name;
    await tabBecomes(
      'the ER diagram tab titled with the project',
      (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(DIAGRAM_VIEW_TYPE) && t.label === `ER Diagram: ${project}`,
    );
  });

  test('editing a column updates the diagnostics', async () => {
    const editor = await open(MIGRATION_1);
    const doc = editor.document;
    const start = positionOf(doc, 'customer_id integer', 'customer_id '.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(start, start.translate(0, 'integer'.length)), 'bigint');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await diagnosticsBecome(doc.uri, ['float-for-money 12:9-12:25']);
  });
});
