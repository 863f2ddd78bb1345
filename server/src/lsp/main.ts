/**
 * Language server entry (bundled to dist/server.js). The transport comes from argv: `--node-ipc` (VS Code),
 * `--stdio` (other editors, tests), `--socket=N` or `--pipe=NAME`. Nothing but the protocol may reach stdout.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SchemawiseServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: a stray exception is logged, the server keeps serving.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

new SchemawiseServer(connection).listen();
