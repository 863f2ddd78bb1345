/**
 * Hovers that read the workload: on an index, the workspace queries that use it (each key's role, as links to the
 * query's line) and those that cannot (and why), the table's index count, the lock its build takes; on a query's
 * table reference or comparison, the index each table of the block is expected to be read through, or why none.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import type { Config } from '../../server/src/core/api';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import { analyze, initCore } from '../helpers/workspace';

before(() => initCore());

const SCHEMA = `CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status text NOT NULL,
  note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_id ON orders (customer_id);
CREATE INDEX orders_status_created ON orders (status, created_at);
CREATE INDEX orders_created_status ON orders (created_at, status);
CREATE INDEX CONCURRENTLY orders_note ON orders (note);
CREATE INDEX orders_open ON orders (created_at) WHERE status = 'open';
`;

const QUERIES = `SELECT id FROM orders WHERE status = $1 ORDER BY created_at DESC LIMIT 20;
SELECT id FROM orders WHERE created_at > $1 AND status = $2;
SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE lower(c.email) = $1;
SELECT id FROM orders WHERE note = $1 OR status = $2;
SELECT * FROM orders WHERE upper(note) = $1;
SELECT id FROM orders WHERE note LIKE '%x%';
SELECT id FROM customers WHERE email = $1;
`;

function setup(files: Record<string, string>, config: Partial<Config> = {}) {
  const analyzer = new Analyzer();
  analyze(files, config, analyzer);
  /** Hover in `path` at the `k`-th (0-based) occurrence of `needle`, `delta` characters into it. */
  const at = (path: string, needle: string, delta = 0, k = 0) => {
    const text = files[path];
    let i = -1;
    for (let n = 0; n <= k; n++) i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not in ${path}`);
    const h = analyzer.hover(path, i + delta);
    return h && { ...h, covered: text.slice(h.start, h.end) };
  };
  return { at };
}

const ws = () => setup({ '/ws/schema.sql': SCHEMA, '/ws/queries.sql': QUERIES });

test('index: the queries that use it, each key’s role, as links to the query line', () => {
  const h = ws().at('/ws/schema.sql', 'orders_status_created ON')!;
  assert.ok(h.markdown.startsWith('**Index `orders_status_created`**'), h.markdown);
  assert.match(h.markdown, /\*\*Used by\*\* 3 of the 6 queries on `orders`:/);
  assert.match(h.markdown, /- \[queries\.sql:1\]\(file:\/\/\/ws\/queries\.sql#L1\): `status` equality, `created_at` sort\n/);
  assert.match(h.markdown, /- \[queries\.sql:2\]\(file:\/\/\/ws\/queries\.sql#L2\): `status` equality, `created_at` range\n/);
  // `note = $1 OR status = $2`: each arm has an index; the database may combine them.
  assert.match(h.markdown, /- \[queries\.sql:4\]\([^)]*\): one arm of an OR on `status` \(the arms' indexes may be combined\)/);
  // The existing sections stay.
  assert.match(h.markdown, /Serves lookups on `status`, then `created_at`/);
});

test('index: a range or sort key before an equality key; a better index is named', () => {
  const h = ws().at('/ws/schema.sql', 'orders_created_status ON')!;
  assert.match(h.markdown, /queries\.sql#L1\): `created_at` sort — `status` \(equality\) comes after the sort key `created_at`: filtered, not sought — index `orders_status_created` serves it better/);
  assert.match(h.markdown, /queries\.sql#L2\): `created_at` range — `status` \(equality\) comes after the range on `created_at`: filtered, not sought/);
});

test('index: queries that cannot use it and why; the others are counted', () => {
  const { at } = ws();
  const lead = at('/ws/schema.sql', 'orders_created_status ON')!.markdown;
  assert.match(lead, /\*\*Cannot use it\*\* \(1 query\):\n- \[queries\.sql:4\]\([^)]*\): the leading column `created_at` is not compared \(only `status`\)/);
  const note = at('/ws/schema.sql', 'orders_note ON')!.markdown;
  assert.match(note, /\*\*Used by\*\* 1 of the 6 queries on `orders`:\n- \[queries\.sql:4\]\([^)]*\): one arm of an OR on `note`/);
  assert.match(note, /queries\.sql#L5\): `note` is wrapped in `upper\(\)`/);
  assert.match(note, /queries\.sql#L6\): the LIKE pattern on `note` starts with a wildcard/);
  assert.match(note, /3 queries on `orders` compare none of its columns\./);
  // A parameter may be the partial predicate's value: possibly used, said so.
  const maybe = at('/ws/schema.sql', 'orders_open ON')!.markdown;
  assert.match(maybe, /queries\.sql#L2\): `created_at` range, if the query's conditions imply `status = 'open'` \(not proven\)/);
  // Another literal cannot be.
  const closed = setup({ '/ws/schema.sql': SCHEMA, '/ws/q.sql': "SELECT id FROM orders WHERE status = 'closed' AND created_at > $1;" });
  const partial = closed.at('/ws/schema.sql', 'orders_open ON')!.markdown;
  assert.match(partial, /q\.sql#L1\): does not repeat the partial predicate `status = 'open'`/);
  assert.match(partial, /⚠ The one query on `orders` in the workspace cannot use it\./);
});

test('index: write cost and the lock its build takes (PostgreSQL)', () => {
  const { at } = ws();
  const plain = at('/ws/schema.sql', 'orders_status_created ON')!.markdown;
  assert.match(plain, /`orders` has 6 indexes, counting its keys: each INSERT and DELETE writes all 6/);
  assert.match(plain, /Building it takes a SHARE lock on `orders`: inserts, updates and deletes wait for the whole build\. `CREATE INDEX CONCURRENTLY` lets them run, but cannot run inside a transaction block\./);
  assert.match(at('/ws/schema.sql', 'orders_note ON')!.markdown, /Built `CONCURRENTLY`: writes to `orders` go on during the build/);
  // A key created with its table is built on an empty table: no lock line.
  assert.doesNotMatch(at('/ws/schema.sql', 'PRIMARY KEY,')!.markdown, /lock/i);
});

test('index: the lock of a build in MySQL and SQLite', () => {
  const my = setup({ '/ws/s.sql': '-- schemawise: dialect=mysql\nCREATE TABLE t (id int PRIMARY KEY, a int, KEY t_inline (a)) ENGINE=InnoDB;\nCREATE INDEX t_a ON t (a, id);\n' });
  assert.match(my.at('/ws/s.sql', 't_a ON')!.markdown, /InnoDB builds it online \(`ALGORITHM=INPLACE, LOCK=NONE`\): reads and writes to `t` go on during the build/);
  assert.doesNotMatch(my.at('/ws/s.sql', 't_inline')!.markdown, /InnoDB builds/);
  const lite = setup({ '/ws/s.sql': '-- schemawise: dialect=sqlite\nCREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nCREATE INDEX t_a ON t (a);\n' });
  const h = lite.at('/ws/s.sql', 't_a ON')!.markdown;
  assert.match(h, /SQLite holds the database's write lock for the whole build: other writers wait\./);
  assert.match(h, /`t` has 2 indexes, counting its keys/);
});

test('index: no workload, no query section (and no warning)', () => {
  const h = setup({ '/ws/schema.sql': SCHEMA }).at('/ws/schema.sql', 'orders_note ON')!.markdown;
  assert.doesNotMatch(h, /Used by|Cannot use it|⚠/);
});

test('index: at most five queries listed, then a count', () => {
  const queries = Array.from({ length: 8 }, (_, i) => `SELECT id FROM orders WHERE status = $${i + 1};`).join('\n');
  const h = setup({ '/ws/schema.sql': SCHEMA, '/ws/q.sql': queries }).at('/ws/schema.sql', 'orders_status_created ON')!.markdown;
  assert.match(h, /\*\*Used by\*\* 8 of the 8 queries on `orders`:/);
  assert.equal((h.match(/^- \[q\.sql:\d+\]/gm) ?? []).length, 5);
  assert.match(h, /q\.sql#L5\)[^\n]*\n- … and 3 more/);
});

test('query: a table reference shows the expected index of every table of the block; the range is the reference', () => {
  const h = ws().at('/ws/queries.sql', 'orders o', 2)!;
  assert.equal(h.covered, 'orders o');
  assert.match(h.markdown, /^\*\*Expected access\*\*/);
  assert.match(h.markdown, /- `orders o`: index `orders_customer_id` — equality on `customer_id` \(join\)/);
  assert.match(h.markdown, /- `customers c`: the primary key — equality on `id` \(join\); then filters on `lower\(email\)`/);
  assert.match(h.markdown, /⚠ No table of this query has a filter an index seeks on: the join starts with a full scan of one of them\./);
});

test('query: equality, then range or sort; covering', () => {
  const { at } = ws();
  assert.match(at('/ws/queries.sql', 'orders WHERE status = $1 ORDER')!.markdown, /- `orders`: index `orders_status_created` — equality on `status`; ORDER BY served by the index order\n?/);
  assert.match(at('/ws/queries.sql', 'orders WHERE created_at > $1')!.markdown, /- `orders`: index `orders_status_created` — equality on `status`; then range on `created_at`/);
  const cov = setup({ '/ws/schema.sql': SCHEMA, '/ws/q.sql': 'SELECT status, created_at FROM orders WHERE status = $1;' }).at('/ws/q.sql', 'orders')!;
  assert.match(cov.markdown, /index `orders_status_created` — equality on `status`; covering: an index-only scan/);
});

test('query: a comparison shows whether it is sought; the range is the comparison', () => {
  const { at } = ws();
  const r = at('/ws/queries.sql', 'created_at > $1')!;
  assert.equal(r.covered, 'created_at > $1');
  assert.match(r.markdown, /`created_at > \$1`: sought through index `orders_status_created` \(key 2, range\)\./);
  const w = at('/ws/queries.sql', 'upper(note)', 1)!;
  assert.equal(w.covered, 'upper(note) = $1');
  assert.match(w.markdown, /`upper\(note\) = \$1`: no seek — `note` is wrapped in `upper\(\)` and no index is on that expression\./);
  assert.match(w.markdown, /- `orders`: ⚠ no index: `note` is wrapped in `upper\(\)` and no index is on that expression — an index on `\(upper\(note\)\)` would serve it/);
});

test('query: why no index — leading wildcard, OR across columns', () => {
  const { at } = ws();
  const like = at('/ws/queries.sql', "note LIKE '%x%'")!;
  assert.match(like.markdown, /`note LIKE '%x%'`: no seek — the LIKE pattern on `note` starts with a wildcard\./);
  assert.match(like.markdown, /- `orders`: ⚠ no index: the LIKE pattern on `note` starts with a wildcard/);
  const or = at('/ws/queries.sql', ' OR status', 2)!;
  assert.equal(or.covered, 'note = $1 OR status = $2');
  assert.match(or.markdown, /OR across `note`, `status` — no single index seeks on it; the database may combine one index per arm/);
  // Each arm has an index leading with its column: combinable, so no warning.
  assert.match(or.markdown, /- `orders`: no index: OR across `note`, `status`: no single index seeks on it, one index per arm may be combined/);
  const unindexed = setup({ '/ws/schema.sql': SCHEMA, '/ws/q.sql': 'SELECT id FROM customers WHERE email = $1 OR id = $2;' }).at('/ws/q.sql', 'customers')!;
  assert.match(unindexed.markdown, /- `customers`: ⚠ no index: OR across `email`, `id`\n?/);
});

test('query: a later key of an index is named; a table not in the schema is said so', () => {
  const h = setup({ '/ws/schema.sql': SCHEMA, '/ws/q.sql': 'SELECT o.id, a.what FROM orders o, audit a WHERE o.created_at = $1 AND o.status <> $2;' });
  const m = h.at('/ws/q.sql', 'orders o')!.markdown;
  assert.match(m, /- `orders o`: index `orders_created_status` — equality on `created_at`; then filters on `status`/);
  assert.match(m, /- `audit a`: not a table of the analysed schema/);
  const k = setup({ '/ws/schema.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, a int, b int);\nCREATE INDEX t_a_b ON t (a, b);\n', '/ws/q.sql': 'SELECT id FROM t WHERE b = $1;' });
  assert.match(k.at('/ws/q.sql', 't WHERE')!.markdown, /⚠ no index: `b` is only a later key of index `t_a_b`, whose leading `a` is not compared — an index on `\(b\)` would serve it/);
});

test('query hovers never replace DDL hovers, and positions outside queries give nothing', () => {
  const { at } = ws();
  assert.equal(at('/ws/queries.sql', ';\n', 1), undefined);
  assert.ok(at('/ws/schema.sql', 'orders_note ON')!.markdown.startsWith('**Index `orders_note`**'));
});

test('links are relative to the project root when the file is inside it', () => {
  const analyzer = new Analyzer();
  const q = 'SELECT id FROM orders WHERE status = $1;';
  analyzer.analyze(
    [
      { path: '/repo/db/schema.sql', text: SCHEMA, project: '/repo' },
      { path: '/repo/app/my queries.sql', text: q, project: '/repo' },
    ],
    mergeConfig(defaultConfig(), {}),
  );
  const h = analyzer.hover('/repo/db/schema.sql', SCHEMA.indexOf('orders_status_created ON'))!;
  assert.match(h.markdown, /- \[app\/my queries\.sql:1\]\(file:\/\/\/repo\/app\/my%20queries\.sql#L1\): `status` equality/);
});

test('index: a range and a sort on different columns is explained as a trade-off, not a fault', () => {
  const files = {
    '/ws/schema.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, score int NOT NULL, at timestamptz NOT NULL);\nCREATE INDEX events_kind_score_at ON events (kind, score, at);\n',
    '/ws/q.sql': 'SELECT id FROM events WHERE kind = $1 AND score > 10 ORDER BY at LIMIT 10;\n',
  };
  const h = setup(files).at('/ws/schema.sql', 'events_kind_score_at ON')!;
  assert.match(h.markdown, /range on `score` and ORDER BY `at`, a trade-off: with `score` first the index reads only the range but the rows must be sorted; with `at` first they come in order/);
});
