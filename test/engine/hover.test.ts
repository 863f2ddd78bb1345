/**
 * `Analyzer.hover(path, offset)` after `analyze`: what an index indexes, which key a position is on, the foreign
 * keys it serves, what makes it duplicate or redundant; for a foreign key, which index supports it.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/core/engine';
import type { Config } from '../../server/src/core/api';
import { analyze, initCore } from '../helpers/workspace';

before(() => initCore());

const PG = `CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint REFERENCES customers (id),
  status text,
  created_at timestamptz,
  CONSTRAINT orders_status_fk FOREIGN KEY (status, created_at) REFERENCES order_states (name, since)
);
CREATE INDEX orders_status_created ON orders (status, created_at);
CREATE INDEX orders_status ON orders (status);
CREATE INDEX orders_status_created_copy ON orders (status, created_at);
CREATE TABLE profiles (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));
CREATE UNIQUE INDEX profiles_customer ON profiles (customer_id);
`;

function setup(text: string, config: Partial<Config> = {}, path = '/ws/schema.sql') {
  const analyzer = new Analyzer();
  analyze({ [path]: text }, config, analyzer);
  /** Hover at the `k`-th (0-based) occurrence of `needle`, `delta` characters into it. */
  const at = (needle: string, delta = 0, k = 0) => {
    let i = -1;
    for (let n = 0; n <= k; n++) i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not in text`);
    return analyzer.hover(path, i + delta);
  };
  const covered = (h: { start: number; end: number } | undefined) => (h ? text.slice(h.start, h.end) : undefined);
  return { analyzer, at, covered };
}

test('index name: title, table and keys, method; the range is the index definition', () => {
  const { at, covered } = setup(PG);
  const h = at('orders_status_created ON', 3)!;
  assert.ok(h.markdown.startsWith('**Index `orders_status_created`** on `orders (status, created_at)`'), h.markdown);
  assert.match(h.markdown, /\bB-tree\b/);
  assert.doesNotMatch(h.markdown, /enforces uniqueness/);
  assert.match(h.markdown, /Serves lookups on `status`, then `created_at`/);
  assert.equal(covered(h), 'CREATE INDEX orders_status_created ON orders (status, created_at)');
  // Anywhere on the statement outside the keys gives the same hover.
  assert.equal(at('CREATE INDEX orders_status_created')!.markdown, h.markdown);
  assert.equal(at(' ON orders (status, created_at);', 1)!.markdown, h.markdown);
});

test('index key: says which key it is (k of n) and what it can be used for; the range is the key', () => {
  const { at, covered } = setup(PG);
  const k1 = at('(status, created_at);', 1)!;
  assert.equal(covered(k1), 'status');
  assert.match(k1.markdown, /Key 1 of 2: `status` — the leading key: usable on its own/);
  assert.ok(k1.markdown.startsWith('**Index `orders_status_created`**'));
  const k2 = at('created_at);', 4)!;
  assert.equal(covered(k2), 'created_at');
  assert.match(k2.markdown, /Key 2 of 2: `created_at` — usable for seeks only after equality on `status`/);
  // The name hover does not talk about a single key.
  assert.doesNotMatch(at('orders_status_created ON')!.markdown, /Key \d of/);
});

test('duplicate index: the ⚠ line names the other index, both ways', () => {
  const { at } = setup(PG);
  assert.match(at('orders_status_created ON')!.markdown, /⚠ Same keys as index `orders_status_created_copy`\./);
  assert.match(at('orders_status_created_copy')!.markdown, /⚠ Same keys as index `orders_status_created`\./);
});

test('redundant index: the ⚠ line names the longer index and its keys', () => {
  const { at } = setup(PG);
  const h = at('orders_status ON')!;
  assert.ok(h.markdown.startsWith('**Index `orders_status`** on `orders (status)`'), h.markdown);
  assert.match(h.markdown, /⚠ A left prefix of index `orders_status_created` on `\(status, created_at\)`, which serves the same lookups\./);
  // A one-key index has no "then …" line.
  assert.doesNotMatch(h.markdown, /Serves lookups/);
});

test('a clean index has no ⚠ line', () => {
  const { at } = setup(PG);
  assert.doesNotMatch(at('profiles_customer ON')!.markdown, /⚠/);
});

test('unique index that backs a foreign key: says it enforces uniqueness and supports the FK', () => {
  const { at } = setup(PG);
  const h = at('profiles_customer ON')!;
  assert.ok(h.markdown.startsWith('**Unique index `profiles_customer`** on `profiles (customer_id)`'), h.markdown);
  assert.match(h.markdown, /B-tree · enforces uniqueness/);
  // An FK whose name the database generated is described by its columns, not by a name the user never wrote.
  assert.match(h.markdown, /Supports foreign key `\(customer_id\)` → `customers`: deletes on the referenced table find child rows through it\./);
  assert.doesNotMatch(h.markdown, /_fkey/);
  // A two-key index that leads with a composite FK's columns backs it too.
  assert.match(at('orders_status_created ON')!.markdown, /Supports foreign key `orders_status_fk` `\(status, created_at\)` → `order_states`/);
  // An index that serves no FK says nothing about one.
  assert.doesNotMatch(setup('CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX t_a ON t (a);\n').at('t_a')!.markdown, /foreign key/i);
});

test('inline REFERENCES without an index: names the referenced table and warns; the range is the REFERENCES clause', () => {
  const { at, covered } = setup(PG);
  const h = at('REFERENCES customers (id),', 3)!;
  assert.equal(covered(h), 'REFERENCES customers (id)');
  assert.ok(h.markdown.startsWith('**Foreign key** `orders(customer_id)` → `customers(id)`'), h.markdown);
  assert.match(h.markdown, /⚠ No index leads with `\(customer_id\)`: every delete or key update on `customers` scans `orders`\./);
});

test('inline REFERENCES with an index: names the supporting index', () => {
  const { at } = setup(PG);
  const h = at('REFERENCES customers (id));', 3)!;
  assert.ok(h.markdown.startsWith('**Foreign key** `profiles(customer_id)` → `customers(id)`'), h.markdown);
  assert.match(h.markdown, /Supported by unique index `profiles_customer`: checks on delete\/update of `customers` use it\./);
  assert.doesNotMatch(h.markdown, /⚠/);
});

test('table-level FOREIGN KEY: supported by the composite index; an undefined referenced table is said so', () => {
  const { at, covered } = setup(PG);
  const h = at('FOREIGN KEY (status', 2)!;
  assert.equal(covered(h), 'CONSTRAINT orders_status_fk FOREIGN KEY (status, created_at) REFERENCES order_states (name, since)');
  assert.ok(h.markdown.startsWith('**Foreign key `orders_status_fk`** `orders(status, created_at)` → `order_states(name, since)`'), h.markdown);
  assert.match(h.markdown, /The referenced table `order_states` is not defined in the analysed files\./);
  assert.match(h.markdown, /Supported by index `orders_status_created`/);
});

test('FK without referenced columns: the referenced table\'s primary key is shown; actions are listed', () => {
  const text = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int, FOREIGN KEY (a_id) REFERENCES a ON DELETE CASCADE);\n';
  const h = setup(text).at('FOREIGN KEY')!;
  assert.match(h.markdown, /^\*\*Foreign key\*\* `b\(a_id\)` → `a\(id\)`/);
  assert.match(h.markdown, /ON DELETE CASCADE/);
  assert.match(h.markdown, /⚠ No index leads with `\(a_id\)`/);
});

test('MySQL: the FK hover says InnoDB indexes it; a prefix key says it is a prefix', () => {
  const text =
    'CREATE TABLE customers (id bigint PRIMARY KEY) ENGINE=InnoDB;\n' +
    'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint,\n  note varchar(200),\n  INDEX note_prefix (note(10)),\n' +
    '  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)\n) ENGINE=InnoDB;\n';
  const { at } = setup(text, { dialect: 'mysql' });
  const fk = at('FOREIGN KEY')!;
  assert.ok(fk.markdown.startsWith('**Foreign key `orders_customer`** `orders(customer_id)` → `customers(id)`'), fk.markdown);
  assert.match(fk.markdown, /InnoDB creates an index on the foreign key columns when none leads with them\./);
  assert.doesNotMatch(fk.markdown, /⚠/);
  const key = at('note(10)', 1)!;
  assert.match(key.markdown, /Key 1 of 1: `note` \(first 10 characters only: cannot serve sorts or covering reads\)/);
});

test('primary key: titled as such', () => {
  const { at } = setup(PG);
  const h = at('PRIMARY KEY', 3)!;
  assert.ok(h.markdown.startsWith('**Primary key** on `customers (id)`'), h.markdown);
  assert.match(h.markdown, /backed by a unique B-tree index/);
});

test('offsets outside any index or FK, unknown files, negative and past-the-end offsets: undefined', () => {
  const { analyzer, at } = setup(PG);
  assert.equal(at('email text'), undefined);
  assert.equal(at('status text,'), undefined);
  assert.equal(at('CREATE TABLE orders'), undefined);
  assert.equal(at('orders (\n', 0), undefined);
  assert.equal(analyzer.hover('/ws/schema.sql', -1), undefined);
  assert.equal(analyzer.hover('/ws/schema.sql', PG.length + 10), undefined);
  assert.equal(analyzer.hover('/ws/other.sql', PG.indexOf('orders_status ON')), undefined);
  assert.equal(new Analyzer().hover('/ws/schema.sql', PG.indexOf('orders_status ON')), undefined);
});

test('after a second analyze with changed text, hovers reflect the new text', () => {
  const analyzer = new Analyzer();
  const v1 = 'CREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX t_a ON t (a);\n';
  analyze({ '/ws/s.sql': v1 }, {}, analyzer);
  const old = v1.indexOf('t_a ON');
  assert.ok(analyzer.hover('/ws/s.sql', old)!.markdown.startsWith('**Index `t_a`** on `t (a)`'));
  // The index is renamed, moved down by a comment line and gets a second key; another index appears.
  const v2 = '-- indexes\nCREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX t_a_b ON t (a, b);\nCREATE INDEX t_a ON t (a);\n';
  analyze({ '/ws/s.sql': v2 }, {}, analyzer);
  const h = analyzer.hover('/ws/s.sql', v2.indexOf('t_a_b'))!;
  assert.ok(h.markdown.startsWith('**Index `t_a_b`** on `t (a, b)`'), h.markdown);
  assert.equal(v2.slice(h.start, h.end), 'CREATE INDEX t_a_b ON t (a, b)');
  const moved = analyzer.hover('/ws/s.sql', v2.indexOf('t_a ON'))!;
  assert.ok(moved.markdown.startsWith('**Index `t_a`** on `t (a)`'));
  assert.match(moved.markdown, /⚠ A left prefix of index `t_a_b`/);
  // The old offset now lies on the new index's definition.
  assert.ok(analyzer.hover('/ws/s.sql', old)!.markdown.startsWith('**Index `t_a_b`**'));
  // …and an offset that was on nothing before is on nothing now.
  assert.equal(analyzer.hover('/ws/s.sql', v2.indexOf('a int')), undefined);
  // Removing the file: its hovers are gone.
  analyze({ '/ws/other.sql': 'CREATE TABLE u (id int PRIMARY KEY);\n' }, {}, analyzer);
  assert.equal(analyzer.hover('/ws/s.sql', v2.indexOf('t_a_b')), undefined);
});

test('hover in a multi-file workspace: the index in one file, the table in another', () => {
  const analyzer = new Analyzer();
  const files = {
    '/ws/1_tables.sql': 'CREATE TABLE t (id int PRIMARY KEY, a int, b int);\n',
    '/ws/2_indexes.sql': 'CREATE INDEX t_ab ON t (a, b);\n',
  };
  analyze(files, {}, analyzer);
  const h = analyzer.hover('/ws/2_indexes.sql', files['/ws/2_indexes.sql'].indexOf('t_ab'))!;
  assert.ok(h.markdown.startsWith('**Index `t_ab`** on `t (a, b)`'));
  // The same offset in the other file is not that index.
  assert.equal(analyzer.hover('/ws/1_tables.sql', files['/ws/2_indexes.sql'].indexOf('t_ab')), undefined);
});

test('hovering the column name of an inline foreign key (where its finding is) explains the key', async () => {
  await initCore();
  const text = 'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n';
  const a = new Analyzer();
  analyze({ '/h.sql': text }, {}, a);
  const h = a.hover('/h.sql', text.indexOf('customer_id') + 3);
  assert.ok(h, 'no hover on the column name');
  assert.match(h.markdown, /^\*\*Foreign key\*\* `orders\(customer_id\)` → `customers\(id\)`/);
  assert.match(h.markdown, /No index leads with `\(customer_id\)`/);
  assert.equal(text.slice(h.start, h.end), 'customer_id');
});
