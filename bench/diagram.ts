/**
 * ER diagram benchmark: prints, asserts nothing. For generated PostgreSQL schemas of 20, 100 and 300 tables (a few
 * columns each, foreign keys forming a tree plus cross links, indexes on them), with the real webview page and
 * bundle in headless Chromium (test/helpers/diagram-page.ts):
 *  - the server's share: analysis, then the diagram data with its locations (what runs after each analysis);
 *  - opening the diagram as a user gets it: every table up to 60, beyond that focused on the most connected table
 *    (1 hop), with the page's round trip for the focused data included;
 *  - "Show all": every table, drawn in tiles;
 *  - an update after a one-column change (a column added to a table in the middle of the schema), in both views.
 * "first paint" is the first tile on screen, "complete" the last (the page measures from the data's arrival).
 * Run: `node --import tsx bench/diagram.ts` (needs media/diagram/diagram.js: `npm run build`).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { Analyzer } from '../server/src/core/engine';
import { CHROMIUM, diagramResult, load, openDiagramPage, posted, show, type Drawn } from '../test/helpers/diagram-page';

// The callbacks given to page.evaluate run in the page.
declare const sessionStorage: any;

const SIZES = [20, 100, 300];
const UPDATES = 3;

function schema(n: number, extraColumn = -1): Record<string, string> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const cols = ['  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY'];
    if (i > 0) cols.push(`  parent_id bigint NOT NULL REFERENCES t${Math.floor((i - 1) / 3)} (id)`);
    // A cross link to a pseudo-random earlier table.
    if (i > 4 && i % 4 === 0) cols.push(`  other_id bigint REFERENCES t${(Math.imul(i, 2654435761) >>> 0) % i} (id)`);
    cols.push('  name text NOT NULL', '  status text NOT NULL', "  created_at timestamptz NOT NULL DEFAULT now()", '  note text');
    if (i === extraColumn) cols.push('  added_column integer');
    out.push(`CREATE TABLE t${i} (\n${cols.join(',\n')}\n);`);
    if (i > 0) out.push(`CREATE INDEX t${i}_parent_idx ON t${i} (parent_id);`);
  }
  return { '/ws/db/schema.sql': out.join('\n') + '\n' };
}

const ms = (x: number) => `${Math.round(x)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Opens a fresh page with these view parameters saved (as after a reload) and shows the diagram; answers a focus request like the extension would. */
async function open(page: Page, url: string, n: number, all: boolean): Promise<{ drawn: Drawn; wall: number; shown: number }> {
  await load(page, url, true);
  await page.evaluate((a) => sessionStorage.setItem('state', JSON.stringify({ params: a ? { all: true } : {}, filter: '', files: '', columns: 'all' })), all);
  await load(page, url);
  const analyzer = new Analyzer();
  const files = schema(n);
  const t0 = performance.now();
  const full = diagramResult(files, {}, analyzer);
  const before = (await posted(page)).length;
  let drawn: Drawn;
  if (!all && full.diagram.tables > 60) {
    // The page asks for the focused diagram; the server's answer takes milliseconds, then the page draws it.
    await page.evaluate((r) => (globalThis as any).postMessage({ type: 'diagram', result: r }, '*'), full);
    await page.waitForFunction((k) => (globalThis as any).posted.length > k, before);
    const request = (await posted(page)).at(-1);
    drawn = await show(page, diagramResult(files, { focus: request.params.focus, hops: request.params.hops }, analyzer));
  } else {
    drawn = await show(page, full);
  }
  const wall = performance.now() - t0;
  const shown = await page.evaluate(() => (globalThis as any).document.querySelectorAll('#canvas [data-key]:not(.sw-ghost)').length);
  return { drawn, wall, shown };
}

/** A column added to a table in the middle of the schema, then removed, `UPDATES` times: the page's redraw times. */
async function updates(page: Page, n: number, focus?: string): Promise<number[]> {
  const analyzer = new Analyzer();
  const options = focus ? { focus, hops: 1 } : {};
  diagramResult(schema(n), options, analyzer);
  const target = focus ? Number(focus.slice(1)) : Math.floor(n / 2);
  const out: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    for (const extra of [target, -1]) {
      const d = await show(page, diagramResult(schema(n, extra), options, analyzer));
      if (extra >= 0) out.push(d.completeMs);
    }
  }
  return out;
}

export async function diagramBench(): Promise<void> {
  const [load] = loadavg();
  console.log(`\nER diagram (headless Chromium, the webview page and bundle; load average ${load.toFixed(1)} on ${cpus().length} cores at the start)`);
  if (!existsSync(CHROMIUM)) {
    console.log(`  skipped: no chromium at ${CHROMIUM}`);
    return;
  }
  await Analyzer.init();
  const dp = await openDiagramPage();
  try {
    for (const n of SIZES) {
      const analyzer = new Analyzer();
      const t0 = performance.now();
      diagramResult(schema(n), {}, analyzer);
      const cold = performance.now() - t0;
      const t1 = performance.now();
      diagramResult(schema(n, 1), {}, analyzer);
      const warm = performance.now() - t1;
      console.log(`  ${n} tables — server: analysis + diagram data ${ms(cold)} cold, ${ms(warm)} after an edit`);

      const def = await open(dp.page, dp.url, n, false);
      const focused = n > 60;
      const label = focused ? `opens focused (${def.shown} tables, 1 hop around the most connected)` : `opens with every table (${def.drawn.tiles} part${def.drawn.tiles === 1 ? '' : 's'})`;
      console.log(`    ${label}: first paint ${ms(def.drawn.firstMs)}, complete ${ms(def.drawn.completeMs)} (data to drawing, incl. the focus round trip: ${ms(def.wall)})`);
      const focus = focused ? (await posted(dp.page)).filter((m) => m.type === 'request').at(-1)?.params.focus : undefined;
      const up = await updates(dp.page, n, focus);
      console.log(`    a column added: redrawn in ${ms(median(up))} (median of ${up.length}: ${up.map(ms).join(', ')})`);
      if (focused) {
        const all = await open(dp.page, dp.url, n, true);
        console.log(`    Show all (${all.drawn.tiles} parts): first paint ${ms(all.drawn.firstMs)}, complete ${ms(all.drawn.completeMs)}`);
        const upAll = await updates(dp.page, n);
        console.log(`    a column added while showing all: redrawn in ${ms(median(upAll))} (median of ${upAll.length}: ${upAll.map(ms).join(', ')})`);
      }
    }
  } finally {
    await dp.close();
  }
}

if (require.main === module) {
  diagramBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
