/**
 * The diagram webview in headless Chromium (test/helpers/diagram-page.ts: the real page, CSP and bundle, a stub of
 * the VS Code webview API). Checks the example shop's tables, the reveal messages of clicks, hostile identifiers
 * shown as text, zoom and selection kept across an update and a reload; saves screenshots under out/test-results/ (er-diagram-*.png).
 *
 * Needs Debian's chromium at /usr/bin/chromium (CI installs it): skipped with a message where it is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM, diagramResult, load, openDiagramPage, posted, show, type DiagramPage } from '../helpers/diagram-page';
import { initCore } from '../helpers/workspace';

// The callbacks given to page.evaluate run in the page; this file is compiled without the DOM library.
declare const window: any;
declare const document: any;

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'out', 'test-results');
const skip = existsSync(CHROMIUM) ? false : `Debian chromium is not installed at ${CHROMIUM} (apt-get install chromium): the diagram browser test is skipped`;

function shopFiles(): Record<string, string> {
  const dir = join(ROOT, 'examples', 'shop', 'db', 'migrations');
  return Object.fromEntries(readdirSync(dir).map((n) => [`/ws/db/migrations/${n}`, readFileSync(join(dir, n), 'utf8')]));
}

const HOSTILE_TABLE = '<script>window.pwned=1</script>';
const HOSTILE_NAMES = [HOSTILE_TABLE, 'a"b', "%%{init: {'theme':'forest'}}%%", '}', 'erDiagram', 'PK', '<img src=x onerror=window.pwned=2>', '名前 café', 'back`tick', '~T~', '**bold**', '$$x$$', 'end'];
const HOSTILE_SQL = `CREATE TABLE "${HOSTILE_TABLE}" (
  "id" bigint PRIMARY KEY,
  "a""b" text NOT NULL,
  "%%{init: {'theme':'forest'}}%%" text,
  "}" int,
  "erDiagram" text,
  "PK" "weird<type>",
  "<img src=x onerror=window.pwned=2>" text,
  "名前 café" text,
  "back\`tick" text
);
CREATE TABLE "end" ("x" bigint NOT NULL REFERENCES "${HOSTILE_TABLE}" ("id"), "~T~" text, "**bold**" text, "$$x$$" text);
`;

const texts = (page: Page) => page.evaluate(() => [...document.querySelectorAll('#canvas svg text')].map((t: any) => String(t.textContent ?? '')));

describe('the diagram webview in headless Chromium', { skip }, () => {
  let dp: DiagramPage;
  let page: Page;
  let url: string;

  before(async () => {
    await initCore();
    dp = await openDiagramPage();
    ({ page, url } = dp);
    mkdirSync(SHOTS, { recursive: true });
  });

  after(() => dp?.close());

  test('shows the example shop, and clicks post reveal messages', async () => {
    await load(page, url);
    const shop = diagramResult(shopFiles());
    await show(page, shop);
    const shown = await texts(page);
    for (const name of ['customers', 'products', 'orders', 'order_items', 'order_events', 'shipments', 'shipment_lines']) assert.ok(shown.includes(name), `${name} is drawn`);
    assert.ok(shown.includes('customer_id') && shown.includes('timestamptz'), 'columns and their types are drawn');
    await page.screenshot({ path: join(SHOTS, 'er-diagram-shop.png') });

    const orders = shop.diagram.entities.find((e) => e.key === 'orders')!;
    await page.locator('[data-key="orders"] g.label.name').click();
    let last = (await posted(page)).at(-1);
    assert.deepEqual(last, { type: 'reveal', loc: orders.nameLoc }, 'a click on a table reveals its name in the editor');
    await page.locator('[data-key="orders"] g.label.attribute-name[data-col="1"]').click();
    last = (await posted(page)).at(-1);
    assert.deepEqual(last, { type: 'reveal', loc: orders.columns[1].loc }, 'a click on a column reveals the column');
    assert.equal(orders.columns[1].name, 'customer_id');
    assert.match(await page.locator('#details').innerText(), /orders_customer_status_idx/, 'the side panel lists the indexes');

    await page.locator('[data-key="order_events"] .sw-badge').click();
    last = (await posted(page)).at(-1);
    assert.equal(last.type, 'findings', 'a badge click asks for the findings');
    assert.equal(await page.locator('.sw-badge').count(), 6, 'every table with findings has a badge');
    const titles = await page.evaluate(() => [...document.querySelectorAll('.sw-relation > title')].map((t: any) => String(t.textContent)));
    assert.equal(titles.length, shop.diagram.relations.length, 'every relation is drawn and described');
    assert.ok(titles.some((t) => t.startsWith('orders(customer_id) → customers(id)\nEach orders row has exactly one customers; each customers row has any number of orders')), titles.join('\n'));
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'nothing breaks the Content-Security-Policy');
    await page.screenshot({ path: join(SHOTS, 'er-diagram-shop-selected.png') });
  });

  test('keeps zoom, pan and selection across an update and a reload', async () => {
    await page.locator('[data-key="orders"] g.label.name').click();
    await page.locator('#viewport').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowLeft');
    const transform = () => page.evaluate(() => document.getElementById('canvas')!.style.transform);
    const zoomed = await transform();
    const files = shopFiles();
    const first = Object.keys(files).sort()[1];
    files[first] = files[first].replace('status text NOT NULL', 'status text NOT NULL,\n  note text');
    await show(page, diagramResult(files));
    assert.ok((await texts(page)).includes('note'), 'the new column is drawn');
    assert.equal(await transform(), zoomed, 'the update kept zoom and pan');
    assert.equal(await page.locator('[data-key="orders"].sw-selected').count(), 1, 'the update kept the selection');

    await page.reload();
    await page.waitForFunction(() => window.posted.some((m: any) => m.type === 'ready'));
    await show(page, diagramResult(files));
    assert.equal(await transform(), zoomed, 'the reload kept zoom and pan');
    assert.equal(await page.locator('[data-key="orders"].sw-selected').count(), 1, 'the reload kept the selection');
  });

  test('a schema of more than 60 tables opens on the table at the cursor, else the most connected, and says so', async () => {
    const sql = Array.from({ length: 70 }, (_, i) => `CREATE TABLE t${i} (id bigint PRIMARY KEY${i > 0 ? `, hub_id bigint REFERENCES t${i < 10 ? 0 : i % 10} (id)` : ''});`).join('\n');
    const files = { '/ws/big.sql': sql };
    for (const [cursor, expected] of [[undefined, 't0'], ['t42', 't42']] as const) {
      await load(page, url, true);
      const before = (await posted(page)).length;
      await page.evaluate((m: unknown) => window.postMessage(m, '*'), { type: 'diagram', result: diagramResult(files), cursor });
      await page.waitForFunction((n: number) => window.posted.length > n, before);
      const request = (await posted(page)).at(-1);
      assert.deepEqual(request, { type: 'request', params: { focus: expected, hops: 1 } }, 'nothing drawn: the focused diagram is asked for');
      await show(page, diagramResult(files, request.params));
      assert.match(await page.locator('#note').innerText(), new RegExp(`This schema has 70 tables, so the diagram opened on one of them. Showing ${expected} and its neighbours within 1 hop`));
    }
  });

  test('hostile identifiers are drawn as text and inject nothing', async () => {
    await load(page, url, true);
    const hostile = diagramResult({ '/ws/hostile.sql': HOSTILE_SQL });
    assert.equal(hostile.diagram.entities.length, 2, 'both tables were read');
    await show(page, hostile);
    const shown = await texts(page);
    for (const name of HOSTILE_NAMES) assert.ok(shown.includes(name), `${JSON.stringify(name)} is drawn as it is`);
    assert.ok(shown.includes('"weird<type>"'), 'a hostile type is drawn as it is');
    const injected = await page.evaluate(() => ({
      pwned: window.pwned,
      elements: document.querySelectorAll('#canvas script, #canvas img, #canvas foreignObject, #canvas iframe').length,
    }));
    assert.deepEqual(injected, { pwned: undefined, elements: 0 });
    const relations = await page.locator('.sw-relation').count();
    assert.equal(relations, 1, 'the relation between the two hostile tables is drawn');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.screenshot({ path: join(SHOTS, 'er-diagram-hostile.png') });

    // The export: a standalone SVG that parses as XML and holds the names as text, and the escaped mermaid source.
    await page.evaluate(() => window.postMessage({ type: 'export' }, '*'));
    await page.waitForFunction(() => window.posted.some((m: any) => m.type === 'exported'));
    const exported = (await posted(page)).find((m) => m.type === 'exported');
    const svg = await page.evaluate((text: string) => {
      const doc = new (window as any).DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        errors: doc.querySelectorAll('parsererror').length,
        scripts: doc.querySelectorAll('script, foreignObject').length,
        texts: [...doc.querySelectorAll('text')].map((t: any) => String(t.textContent)),
      };
    }, exported.svg);
    assert.equal(svg.errors, 0, 'the SVG is well-formed XML');
    assert.equal(svg.scripts, 0);
    for (const name of HOSTILE_NAMES) assert.ok(svg.texts.includes(name), `${JSON.stringify(name)} is in the exported SVG`);
    assert.ok(exported.mermaid.startsWith('erDiagram\n  e1["#60;script#62;window.pwned#61;1#60;#47;script#62;"] {\n'), exported.mermaid);
    assert.ok(!exported.mermaid.includes('%%'));
  });
});
