/**
 * What both e2e runners share: the suite bundle (an extension development folder that carries the tests, so the
 * product itself is only ever the installed VSIX), a throw-away sandbox per run (HOME, XDG dirs, user data,
 * extensions, copies of the fixture workspace the tests may edit), the VSIX size report and the summary line.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const OUT_DIR = join(ROOT, 'out', 'e2e');
/** The development extension that carries the suite: a manifest without `main`, and the bundled tests. */
export const HOST_DIR = join(OUT_DIR, 'host');
export const SUITE_ENTRY = join(HOST_DIR, 'suite', 'index.js');
export const SCREENSHOTS_DIR = join(OUT_DIR, 'screenshots');
const WORKSPACE_FIXTURE = join(ROOT, 'test', 'e2e', 'workspace');
const VSIX_TARGET_BYTES = 10 * 1024 * 1024;

/** Without these the welcome page, the chat side bar and update checks cover the editor or reach the network. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

/** Bundles the suite (mocha and vscode stay external: the host provides `vscode`, mocha resolves from node_modules). */
export async function buildSuite(): Promise<void> {
  rmSync(HOST_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'test', 'e2e', 'suite', 'index.ts'), join(ROOT, 'test', 'e2e', 'suite', 'schemawise.e2e.ts')],
    outdir: join(HOST_DIR, 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const manifest = { name: 'schemawise-e2e', publisher: 'schemawise', version: '0.0.0', private: true, engines: { vscode: '^1.91.0' } };
  writeFileSync(join(HOST_DIR, 'package.json'), JSON.stringify(manifest, null, 2));
}

/** `--vsix <file>` selects another package (e.g. a deliberately broken one); the default is `npm run package`'s. */
export function vsixPath(argv: string[]): string {
  const i = argv.indexOf('--vsix');
  return i >= 0 && argv[i + 1] ? resolve(argv[i + 1]) : join(ROOT, 'out', 'schemawise.vsix');
}

export function describeVsix(file: string): string {
  const bytes = statSync(file).size;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  return `VSIX ${file}: ${mb(bytes)} (target ≤ ${mb(VSIX_TARGET_BYTES)}${bytes > VSIX_TARGET_BYTES ? ', OVER TARGET' : ''})`;
}

export interface Sandbox {
  root: string;
  home: string;
  xdg: string;
  userData: string;
  extensions: string;
  /** A fresh copy of the fixture workspace: the tests edit and save files, each session starts from the fixture. */
  newWorkspace(name: string): string;
  /** Environment for every process of the run: nothing lands in the real HOME or XDG directories. */
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function createSandbox(prefix: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `schemawise-${prefix}-`));
  const dirs = { home: join(root, 'home'), xdg: join(root, 'xdg'), userData: join(root, 'user-data'), extensions: join(root, 'extensions') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const newWorkspace = (name: string) => {
    const dir = join(root, 'workspaces', name);
    cpSync(WORKSPACE_FIXTURE, dir, { recursive: true });
    return dir;
  };
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
  };
  return { root, ...dirs, newWorkspace, env, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Reads the suite's own `N passed, N failed` line from its output. */
export function parseCounts(lines: string[]): { passed: number; failed: number } | undefined {
  for (const line of [...lines].reverse()) {
    const m = /^(\d+) passed, (\d+) failed/.exec(line.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) };
  }
  return undefined;
}
