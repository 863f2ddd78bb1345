/**
 * The extension's entry point. Activation only schedules the load of client.ts (the language client, the commands,
 * the ER diagram host: most of the extension's code) on the next turn of the event loop, so the editor's activation
 * path pays for a few lines; the returned promise resolves once the commands are registered, so a command that
 * activated the extension runs after they exist.
 */
import type * as vscode from 'vscode';
import type * as Client from './client';

let loaded: Promise<typeof Client> | undefined;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  loaded = new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        // A bundle of its own (esbuild.mjs): loaded here, not when this file is.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const client = require('./client.js') as typeof Client;
        client.start(context);
        resolve(client);
      } catch (e) {
        reject(e);
      }
    }),
  );
  return loaded.then(() => undefined);
}

export async function deactivate(): Promise<void> {
  const client = await loaded?.catch(() => undefined);
  await client?.stop();
}
