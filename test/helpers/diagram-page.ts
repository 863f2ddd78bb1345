/**
 * The diagram webview in headless Chromium, for the browser test and the benchmark: the page the extension builds
 * (client/src/diagram-html.ts, with its real Content-Security-Policy) and the bundled media/diagram/diagram.js,
 * served from a local HTTP server, with a stub of the VS Code webview API that records what the page posts and
 * keeps its state in sessionStorage (which survives a reload, as VS Code's webview state does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { diagramHtml } from '../../client/src/diagram-html';
import { buildDiagram, type ErDiagramOptions } from '../../server/src/core/diagram';
import { Analyzer } from '../../server/src/core/engine';
import { toWire } from '../../server/src/lsp/diagram';
import type { ErDiagramResult } from '../../server/src/lsp/diagram-protocol';
import { LineIndex } from '../../server/src/lsp/positions';
import { analyze } from './workspace';

// The callbacks given to page.evaluate run in the page; this file is compiled without the DOM library.
declare const window: any;
declare const document: any;

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const BUNDLE = join(ROOT, 'media', 'diagram', 'diagram.js');

const STUB = `
// A fresh load starts without saved state (a page being left may still save its own).
if (location.search === '?fresh') sessionStorage.clear();
window.posted = [];
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => JSON.parse(sessionStorage.getItem('state') || 'null') || undefined,
  setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
});
`;

/** The server's answer for these PostgreSQL files (analysed by `analyzer`, which may have seen earlier versions). */
export function diagramResult(files: Record<string, string>, options: ErDiagramOptions = {}, analyzer = new Analyzer()): ErDiagramResult {
  const r = analyze(files, { dialect: 'postgresql' }, analyzer);
  const d = buildDiagram(analyzer.lastSchemas(), r.diagnostics, options);
  const lines = new Map(Object.entries(files).map(([p, t]) => [p, new LineIndex(t)]));
  return { project: 'test', root: pathToFileURL('/ws').href, diagram: toWire(d, (p) => ({ uri: pathToFileURL(p).href, positions: lines.get(p)!, text: files[p] })) };
}

export interface DiagramPage {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

export async function openDiagramPage(viewport = { width: 1400, height: 900 }): Promise<DiagramPage> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` (\`npm test\` does)`);
  const server = createServer((req, res) => {
    const files: Record<string, [string, string]> = {
      '/diagram.js': [BUNDLE, 'text/javascript'],
      '/diagram.css': [join(ROOT, 'media', 'diagram', 'diagram.css'), 'text/css'],
    };
    const f = files[req.url ?? ''];
    if (f) {
      res.writeHead(200, { 'content-type': f[1] }).end(readFileSync(f[0]));
      return;
    }
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const nonce = 'n' + Math.random().toString(36).slice(2);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(diagramHtml({ cspSource: origin, nonce, scriptUri: `${origin}/diagram.js`, styleUri: `${origin}/diagram.css` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport });
  await page.addInitScript(STUB);
  return {
    browser,
    page,
    url,
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Loads the page (`fresh`: without the state saved by an earlier load) and waits for its `ready` message. */
export async function load(page: Page, url: string, fresh = false): Promise<void> {
  await page.goto(fresh ? `${url}?fresh` : url);
  await page.waitForFunction(() => window.posted.some((m: any) => m.type === 'ready'));
}

export interface Drawn {
  /** As the page measured them: from the start of the drawing to the first tile on screen, and to the last. */
  firstMs: number;
  completeMs: number;
  tiles: number;
}

/** Posts a diagram as the extension does and waits until the page has drawn it. */
export async function show(page: Page, result: ErDiagramResult, cursor?: string): Promise<Drawn> {
  const before = await page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
  await page.evaluate(([r, c]) => window.postMessage({ type: 'diagram', result: r, cursor: c }, '*'), [result, cursor] as const);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before, { timeout: 120_000 });
  return page.evaluate(() => ({ firstMs: Number(document.body.dataset.firstMs), completeMs: Number(document.body.dataset.completeMs), tiles: Number(document.body.dataset.tiles) }));
}

/** The messages the page posted so far. */
export function posted(page: Page): Promise<any[]> {
  return page.evaluate(() => window.posted);
}
