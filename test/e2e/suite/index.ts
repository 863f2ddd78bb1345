/**
 * Entry point of the in-host suite: VS Code's extension host (code-server's through the smoke-test-driver payload,
 * or desktop VS Code through @vscode/test-electron) requires this module and awaits `run()`. A rejection is a
 * failed run. Console output reaches the runner (codeAutomationLog in code-server, stdout on the desktop), so
 * the summary line is printed here.
 */
import Mocha from 'mocha';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SUITE_START_LINE } from './output';

export function run(): Promise<void> {
  console.log(`${SUITE_START_LINE} VS Code ${vscode.version}, ${vscode.env.appName}, Node ${process.versions.node}`);
  // bail: the tests share one workspace and build on each other's edits, so after a failure the rest would only
  // wait out their deadlines. diff: node's assert messages carry the diff already.
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000, bail: true, diff: false });
  mocha.addFile(join(__dirname, 'schemawise.e2e.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const pending = runner.stats?.pending ?? 0;
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed${pending ? `, ${pending} pending` : ''}`);
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
  });
}
