/**
 * Language server entry (bundled to dist/server.js). The transport comes from argv: `--node-ipc` (VS Code),
 * `--stdio` (other editors, tests), `--socket=N` or `--pipe=NAME`. Nothing but the protocol may reach stdout.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type MessageReader } from 'vscode-languageserver/node';
import { inspect } from 'node:util';
import { SchemawiseServer } from './server';
import { asciiJsonEncoder } from './encode';

// On stdio the server writes ASCII JSON (see encode.ts). Given a writer, the library no longer routes `console`
// to the client's log as it does for `--stdio`: done here, so nothing but the protocol reaches stdout.
const stdio = process.argv.includes('--stdio');
// The input stays the stream itself (typed as a reader: the library takes either), so that the library still exits
// when the client closes stdin.
const connection = stdio
  ? createConnection(
      ProposedFeatures.all,
      process.stdin as unknown as MessageReader,
      new StreamMessageWriter(process.stdout, { contentTypeEncoder: asciiJsonEncoder }),
    )
  : createConnection(ProposedFeatures.all);
if (stdio) {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = (...a: unknown[]) => connection.console.log(text(a));
  console.debug = (...a: unknown[]) => connection.console.log(text(a));
  console.warn = (...a: unknown[]) => connection.console.warn(text(a));
  console.error = (...a: unknown[]) => connection.console.error(text(a));
}

// Last line of defence: a stray exception is logged, the server keeps serving.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

new SchemawiseServer(connection).listen();
