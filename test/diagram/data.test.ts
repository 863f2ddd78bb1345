/**
 * The ER diagram's data (server/src/core/diagram.ts): cardinalities from uniqueness and nullability, join tables,
 * indexes, finding badges and the rule that assigns findings to tables, focus by hops, views and enums.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Analyzer } from '../../server/src/core/engine';
import { buildDiagram, focusDiagram, mapLocations, type ErDiagram, type ErDiagramOptions } from '../../server/src/core/diagram';
import { analyze, initCore } from '../helpers/workspace';

function diagram(files: Record<string, string>, options: ErDiagramOptions = {}): ErDiagram {
  const a = new Analyzer();
  const r = analyze(files, { dialect: 'postgresql' }, a);
  return buildDiagram(a.lastSchemas(), r.diagnostics, options);
}

const entity = (d: ErDiagram, key: string) => {
  const e = d.entities.find((x) => x.key === key);
  assert.ok(e, `entity ${key} in ${d.entities.map((x) => x.key).join(', ')}`);
  return e;
};
const relation = (d: ErDiagram, from: string, to: string) => {
  const r = d.relations.find((x) => x.from === from && x.to === to);
  assert.ok(r, `relation ${from} → ${to}`);
  return r;
};

before(() => initCore());

describe('the example shop', () => {
  let d: ErDiagram;
  let texts: Map<string, string>;
  before(() => {
    const dir = join(__dirname, '..', '..', 'examples', 'shop', 'db', 'migrations');
    const files = Object.fromEntries(readdirSync(dir).map((n) => [`/shop/db/migrations/${n}`, readFileSync(join(dir, n), 'utf8')]));
    texts = new Map(Object.entries(files));
    d = diagram(files);
  });

  test('every table with typed, marked columns', () => {
    assert.deepEqual(d.entities.map((e) => e.name).sort(), ['customers', 'order_events', 'order_items', 'orders', 'products', 'shipment_lines', 'shipments']);
    assert.equal(d.tables, 7);
    const items = entity(d, 'order_items');
    assert.deepEqual(
      items.columns.map((c) => [c.name, c.type, c.pk, c.fk, c.uk, c.notNull]),
      [
        ['order_id', 'bigint', true, true, false, true],
        ['product_id', 'bigint', true, true, false, true],
        ['quantity', 'integer', false, false, false, true],
      ],
    );
    const sku = entity(d, 'products').columns.find((c) => c.name === 'sku')!;
    assert.equal(sku.uk, true, 'a UNIQUE column is marked UK');
    const shipped = entity(d, 'shipments').columns.find((c) => c.name === 'shipped_at')!;
    assert.equal(shipped.notNull, false);
  });

  test('relations point from the referencing table to the referenced one, required and many', () => {
    const r = relation(d, 'orders', 'customers');
    assert.deepEqual([r.columns, r.refColumns, r.toCardinality, r.fromCardinality, r.identifying], [['customer_id'], ['id'], 'one', 'many', false]);
    // Added later by ALTER TABLE … ADD CONSTRAINT: same relation, located at the constraint.
    const late = relation(d, 'shipments', 'orders');
    assert.equal(late.name, 'shipments_order_fk');
    assert.match(texts.get(late.loc.file)!.slice(late.loc.start, late.loc.end), /FOREIGN KEY \(order_id\) REFERENCES orders/);
    assert.equal(relation(d, 'order_items', 'orders').identifying, true, 'FK columns inside the primary key identify');
  });

  test('join tables are recognised, with the two tables they link', () => {
    assert.deepEqual(entity(d, 'order_items').joins, ['orders', 'products']);
    assert.deepEqual(entity(d, 'shipment_lines').joins, ['shipments', 'order_items']);
    assert.equal(entity(d, 'orders').joins, undefined);
    assert.equal(entity(d, 'order_events').joins, undefined);
  });

  test('indexes are listed per table, key constraints included', () => {
    const orders = entity(d, 'orders').indexes.map((i) => [i.name, i.kind, i.columns.join(','), i.unique]);
    assert.deepEqual(orders, [
      ['orders_pkey', 'primary', 'id', true],
      ['orders_customer_idx', 'index', 'customer_id', false],
      ['orders_customer_status_idx', 'index', 'customer_id,status', false],
    ]);
    const email = entity(d, 'customers').indexes.find((i) => i.name === 'customers_email_key')!;
    assert.deepEqual([email.columns, email.unique], [['lower(email)'], true]);
    const i = entity(d, 'shipments').indexes.find((x) => x.name === 'shipments_order_idx')!;
    assert.equal(texts.get(i.loc.file)!.slice(i.loc.start, i.loc.end), 'CREATE INDEX shipments_order_idx ON shipments (order_id)');
  });

  test('badges count the findings of each table, with the worst severity', () => {
    const counts = Object.fromEntries(d.entities.map((e) => [e.name, [e.findings.count, e.findings.worst]]));
    assert.deepEqual(counts, {
      customers: [0, undefined],
      // duplicate-index and blocking-index-creation on products_sku_idx, in a later migration (the statement targets products)
      products: [2, 'warning'],
      orders: [1, 'warning'],
      order_items: [1, 'warning'],
      order_events: [2, 'warning'],
      shipments: [1, 'warning'],
      shipment_lines: [1, 'warning'],
    });
    assert.deepEqual(entity(d, 'order_events').findings.items.map((f) => f.ruleId).sort(), ['missing-primary-key', 'unindexed-foreign-key']);
  });

  test('the outline lists every table with its relation count', () => {
    const degree = Object.fromEntries(d.outline.map((o) => [o.name, o.degree]));
    assert.deepEqual(degree, { customers: 1, products: 1, orders: 4, order_items: 3, order_events: 1, shipments: 2, shipment_lines: 2 });
  });
});

describe('cardinality', () => {
  test('a unique FK is one-to-one; a nullable one is optional on the referenced side', () => {
    const d = diagram({
      '/s.sql': `CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint NOT NULL UNIQUE REFERENCES users (id));
CREATE TABLE avatars (id bigint PRIMARY KEY, user_id bigint UNIQUE REFERENCES users (id));
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));
CREATE TABLE passports (user_id bigint PRIMARY KEY REFERENCES users (id));
CREATE TABLE logins (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), at timestamptz NOT NULL);
CREATE UNIQUE INDEX logins_user_at ON logins (user_id, at);
CREATE TABLE tokens (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));
CREATE UNIQUE INDEX tokens_user_live ON tokens (user_id) WHERE id > 0;
`,
    });
    const card = (from: string) => {
      const r = relation(d, from, 'users');
      return [r.toCardinality, r.fromCardinality, r.identifying];
    };
    assert.deepEqual(card('profiles'), ['one', 'zeroOrOne', false]);
    assert.deepEqual(card('avatars'), ['zeroOrOne', 'zeroOrOne', false]);
    assert.deepEqual(card('posts'), ['zeroOrOne', 'many', false]);
    assert.deepEqual(card('passports'), ['one', 'zeroOrOne', true], 'the FK is the primary key: one-to-one, identifying');
    assert.deepEqual(card('logins'), ['one', 'many', false], 'a unique key wider than the FK does not make it one-to-one');
    assert.deepEqual(card('tokens'), ['one', 'many', false], 'a partial unique index does not make it one-to-one');
  });

  test('a self reference and a relation to a table the schema lacks', () => {
    const d = diagram({ '/s.sql': 'CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id bigint REFERENCES nodes (id), owner_id bigint REFERENCES owners (id));' });
    assert.deepEqual(
      d.relations.map((r) => [r.from, r.to]),
      [['nodes', 'nodes']],
    );
    assert.equal(entity(d, 'nodes').columns.find((c) => c.name === 'owner_id')!.fk, true, 'the column is still a foreign key');
  });
});

describe('join tables', () => {
  test('a surrogate key plus a unique pair is a join table; a table with more to say is not', () => {
    const d = diagram({
      '/s.sql': `CREATE TABLE tags (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY);
CREATE TABLE post_tags (id bigint PRIMARY KEY, post_id bigint NOT NULL REFERENCES posts (id), tag_id bigint NOT NULL REFERENCES tags (id), created_at timestamptz, UNIQUE (post_id, tag_id));
CREATE TABLE reviews (post_id bigint REFERENCES posts (id), tag_id bigint REFERENCES tags (id), a text, b text, c text, PRIMARY KEY (post_id, tag_id));
CREATE TABLE pairs (post_id bigint REFERENCES posts (id), tag_id bigint REFERENCES tags (id));
`,
    });
    assert.deepEqual(entity(d, 'post_tags').joins, ['posts', 'tags']);
    assert.equal(entity(d, 'reviews').joins, undefined, 'three columns beyond the keys');
    assert.equal(entity(d, 'pairs').joins, undefined, 'no key over the two foreign keys');
  });
});

describe('several descriptions of one table', () => {
  test('a Prisma schema and the SQL of its migrations: drawn once, from the Prisma model, with the findings of both', () => {
    const d = diagram({
      '/p/prisma/schema.prisma': `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
model User {
  id    Int    @id @default(autoincrement())
  posts Post[]
}
model Post {
  id       Int  @id @default(autoincrement())
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
`,
      '/p/prisma/migrations/20240101000000_init/migration.sql': `CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" SERIAL NOT NULL, "authorId" INTEGER NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");
`,
    });
    assert.deepEqual(
      d.entities.map((e) => [e.name, e.loc.file]),
      [
        ['User', '/p/prisma/schema.prisma'],
        ['Post', '/p/prisma/schema.prisma'],
      ],
    );
    assert.deepEqual(
      d.relations.map((r) => [r.from, r.to]),
      [['Post', 'User']],
    );
    // Design findings are reported once, in the model (not again in the SQL Prisma generated from it).
    const files = new Set(entity(d, 'Post').findings.items.map((f) => f.loc.file));
    assert.deepEqual([...files], ['/p/prisma/schema.prisma']);
  });
});

describe('findings per table', () => {
  test('inside the definition, inside a statement about the table, or named in the message', () => {
    const d = diagram({
      '/a.sql': `CREATE TABLE parents (id bigint PRIMARY KEY, data json);
CREATE TABLE kids (id bigint PRIMARY KEY, parent_id bigint REFERENCES parents (id));
`,
      '/b.sql': 'CREATE INDEX parents_id_again ON parents (id);\n',
    });
    const parents = entity(d, 'parents');
    const rules = parents.findings.items.map((f) => f.ruleId).sort();
    assert.deepEqual(rules, ['duplicate-index', 'json-column'], 'in the definition, and in a statement on the table in another file');
    assert.equal(parents.findings.count, parents.findings.items.length);
    const kids = entity(d, 'kids');
    assert.ok(kids.findings.items.some((f) => f.ruleId === 'unindexed-foreign-key'));
    const total = d.entities.reduce((n, e) => n + e.findings.count, 0);
    assert.ok(total > 0);
  });

  test('a finding outside any table, naming one in backticks, counts for it', () => {
    const d = buildDiagram(
      (() => {
        const a = new Analyzer();
        analyze({ '/s.sql': 'CREATE TABLE accounts (id bigint PRIMARY KEY);' }, {}, a);
        return a.lastSchemas();
      })(),
      new Map([
        [
          '/q.sql',
          [
            { file: '/q.sql', start: 0, end: 5, ruleId: 'x', severity: 'error' as const, message: 'Query on `accounts.email` has no index', fixes: [] },
            { file: '/q.sql', start: 0, end: 5, ruleId: 'y', severity: 'hint' as const, message: '`SELECT *` reads `elsewhere(id)`', fixes: [] },
          ],
        ],
      ]),
    );
    assert.deepEqual([d.entities[0].findings.count, d.entities[0].findings.worst], [1, 'error']);
  });
});

describe('focus', () => {
  const chain = `CREATE TABLE a (id bigint PRIMARY KEY);
CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));
CREATE TABLE c (id bigint PRIMARY KEY, b_id bigint REFERENCES b (id));
CREATE TABLE d (id bigint PRIMARY KEY, c_id bigint REFERENCES c (id));
CREATE TABLE e (id bigint PRIMARY KEY, d_id bigint REFERENCES d (id));
CREATE TABLE lonely (id bigint PRIMARY KEY);
`;
  test('keeps the table and its neighbours up to N hops, in both directions', () => {
    const whole = diagram({ '/s.sql': chain });
    const names = (x: ErDiagram) => x.entities.map((e) => e.name).join(' ');
    assert.equal(names(focusDiagram(whole, 'c', 1)), 'b c d');
    assert.equal(names(focusDiagram(whole, 'c', 2)), 'a b c d e');
    assert.equal(names(focusDiagram(whole, 'a', 3)), 'a b c d');
    assert.equal(names(focusDiagram(whole, 'a', 9)), 'a b c d', 'hops are capped at 3');
    assert.equal(names(focusDiagram(whole, 'c', Number('x'))), 'b c d', 'hops that are not a number mean 1');
    const f = focusDiagram(whole, 'c', 1);
    assert.deepEqual(f.focus, { key: 'c', hops: 1 });
    assert.deepEqual(
      f.relations.map((r) => `${r.from}→${r.to}`),
      ['c→b', 'd→c'],
    );
    assert.equal(f.outline.length, 6, 'the outline still lists every table');
    assert.equal(focusDiagram(whole, 'nope', 1), whole, 'an unknown table leaves the diagram whole');
    assert.equal(names(diagram({ '/s.sql': chain }, { focus: 'e', hops: 1 })), 'd e', 'as an option of buildDiagram');
  });
});

describe('views and enums', () => {
  const sql = `CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id bigint PRIMARY KEY, mood mood NOT NULL, moods mood[]);
CREATE TABLE pets (id bigint PRIMARY KEY, owner_id bigint REFERENCES people (id));
CREATE VIEW happy_people AS SELECT p.id FROM people p JOIN pets x ON x.owner_id = p.id WHERE p.mood = 'happy';
`;
  test('only when asked: a view reads its tables, a table uses its enum', () => {
    const plain = diagram({ '/s.sql': sql });
    assert.deepEqual(plain.entities.map((e) => e.kind), ['table', 'table']);
    const d = diagram({ '/s.sql': sql }, { includeViews: true, includeEnums: true });
    const view = entity(d, 'view:happy_people');
    assert.equal(view.kind, 'view');
    assert.deepEqual(
      d.relations.filter((r) => r.kind === 'reads').map((r) => r.to),
      ['people', 'pets'],
    );
    assert.deepEqual(entity(d, 'enum:mood').values, ['happy', 'sad']);
    const uses = d.relations.find((r) => r.kind === 'enum')!;
    assert.deepEqual([uses.from, uses.to, uses.columns, uses.toCardinality], ['people', 'enum:mood', ['mood', 'moods'], 'zeroOrOne']);
    assert.equal(d.tables, 2, 'views and enums are not tables');
    const focused = focusDiagram(d, 'pets', 1);
    assert.deepEqual(focused.entities.map((e) => e.key).sort(), ['enum:mood', 'people', 'pets', 'view:happy_people']);
  });
});

test('mapLocations maps every location once', () => {
  const d = diagram({ '/s.sql': 'CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id bigint REFERENCES a (id));\n' });
  let n = 0;
  const m = mapLocations(d, (l) => (n++, `${l.file}@${l.start}`));
  const b = m.entities.find((e) => e.key === 'b')!;
  assert.equal(b.loc, '/s.sql@40');
  assert.equal(typeof b.columns[0].loc, 'string');
  assert.equal(typeof m.relations[0].loc, 'string');
  assert.ok(n > 10);
});
