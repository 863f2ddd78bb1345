/** Where fixes may write: schema files and the newest migration, never an older (applied) migration. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allDiagnostics, analyze, initCore } from '../helpers/workspace';

const files = {
  '/p/migrations/001_init.sql': 'CREATE TABLE authors (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES authors (id));\n',
  '/p/migrations/002_editor.sql': 'ALTER TABLE posts ADD COLUMN editor_id bigint REFERENCES authors (id);\n',
};

test('an FK in an older migration gets no fix and is told to use a new migration', async () => {
  await initCore();
  const d = allDiagnostics(analyze(files)).find((x) => x.file === '/p/migrations/001_init.sql' && x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes.length, 0);
  assert.match(d.help!, /in a new migration/);
});

test('an FK the newest migration adds to an existing table gets CREATE INDEX CONCURRENTLY after its statement', async () => {
  await initCore();
  const d = allDiagnostics(analyze(files)).find((x) => x.file === '/p/migrations/002_editor.sql' && x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes.length, 1);
  assert.deepEqual(d.fixes[0].edits, [
    { file: '/p/migrations/002_editor.sql', start: 70, end: 70, newText: '\nCREATE INDEX CONCURRENTLY posts_editor_id_idx ON posts (editor_id);' },
  ]);
  assert.match(d.help!, /CONCURRENTLY, outside a transaction/);
});

test('an FK on a table the newest migration creates gets a plain CREATE INDEX', async () => {
  await initCore();
  const only = { '/p/migrations/001_init.sql': files['/p/migrations/001_init.sql'] };
  const d = allDiagnostics(analyze(only)).find((x) => x.ruleId === 'unindexed-foreign-key')!;
  assert.equal(d.fixes[0].edits[0].newText, '\nCREATE INDEX posts_author_id_idx ON posts (author_id);');
});

test('a duplicate index in an older migration gets no removal fix; in a schema file it does', async () => {
  await initCore();
  const mig = {
    '/p/migrations/001.sql': 'CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX t_a ON t (a);\nCREATE INDEX t_a2 ON t (a);\n',
    '/p/migrations/002.sql': 'CREATE TABLE u (id int PRIMARY KEY);\n',
  };
  const inMigration = allDiagnostics(analyze(mig)).find((x) => x.ruleId === 'duplicate-index')!;
  assert.equal(inMigration.fixes.length, 0);
  const inSchema = allDiagnostics(analyze({ '/p/schema.sql': mig['/p/migrations/001.sql'] })).find((x) => x.ruleId === 'duplicate-index')!;
  assert.equal(inSchema.fixes.length, 1);
});

/** The missing-foreign-key finding on `table.column` (the files declare enough foreign keys for the rule to speak). */
function missingFk(files: Record<string, string>, column: string) {
  const d = allDiagnostics(analyze(files)).find((x) => x.ruleId === 'missing-foreign-key' && x.message.includes(`\`${column}\``));
  assert.ok(d, `no missing-foreign-key finding on ${column}`);
  return d;
}

const pgInit =
  'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE categories (id integer PRIMARY KEY);\n' +
  'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id), category_id integer);\n' +
  'CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), customer_id bigint REFERENCES customers (id));\n';

test('a foreign key on a table the newest migration alters: NOT VALID then VALIDATE after its statement, unsafe', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': pgInit,
    '/p/migrations/002_people.sql': 'CREATE TABLE people (id uuid PRIMARY KEY);\nALTER TABLE orders ADD COLUMN person_id uuid;\n-- done\n',
  };
  const d = missingFk(files, 'orders.person_id');
  assert.equal(d.fixes.length, 1);
  assert.equal(d.fixes[0].safe, false);
  assert.equal(d.fixes[0].title, 'Add foreign key `orders(person_id)` → `people(id)`');
  const at = files['/p/migrations/002_people.sql'].indexOf('\n-- done');
  assert.deepEqual(d.fixes[0].edits, [
    {
      file: '/p/migrations/002_people.sql',
      start: at,
      end: at,
      newText: '\nALTER TABLE orders ADD CONSTRAINT orders_person_id_fkey FOREIGN KEY (person_id) REFERENCES people (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_person_id_fkey;',
    },
  ]);
  assert.match(d.help!, /VALIDATE CONSTRAINT orders_person_id_fkey` in a later migration \(the fix writes it below the ADD: move it there\)/);
  assert.match(d.help!, /SHARE UPDATE EXCLUSIVE/);
});

test('a foreign key for a column of an older migration goes at the end of the newest one, NOT VALID then VALIDATE', async () => {
  await initCore();
  // The newest migration's last statement has no `;`: the fix closes it first.
  const files = { '/p/migrations/001_init.sql': pgInit, '/p/migrations/002_notes.sql': 'CREATE TABLE notes (id bigint PRIMARY KEY)\n' };
  const d = missingFk(files, 'orders.category_id');
  const end = files['/p/migrations/002_notes.sql'].length - 1;
  assert.deepEqual(d.fixes[0].edits, [
    {
      file: '/p/migrations/002_notes.sql',
      start: end,
      end,
      newText: ';\nALTER TABLE orders ADD CONSTRAINT orders_category_id_fkey FOREIGN KEY (category_id) REFERENCES categories (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_category_id_fkey;',
    },
  ]);
});

test('a foreign key on a table the newest migration creates is a plain ADD CONSTRAINT, named apart from taken names', async () => {
  await initCore();
  const files = {
    '/p/migrations/001_init.sql': pgInit,
    '/p/migrations/002_shipments.sql':
      'CREATE TABLE shipments (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id), order_id bigint, CONSTRAINT shipments_order_id_fkey CHECK (order_id > 0));\n',
  };
  const d = missingFk(files, 'shipments.order_id');
  assert.equal(
    d.fixes[0].edits[0].newText,
    '\nALTER TABLE shipments ADD CONSTRAINT shipments_order_id_fkey1 FOREIGN KEY (order_id) REFERENCES orders (id);',
  );
  assert.doesNotMatch(d.help!, /NOT VALID/);
});

test('a PostgreSQL foreign key goes after the statement that gives the target its primary key (pg_dump order)', async () => {
  await initCore();
  const text =
    'CREATE TABLE public.orders (id bigint NOT NULL, customer_id bigint REFERENCES public.customers (id), category_id integer);\n' +
    'CREATE TABLE public.customers (id bigint PRIMARY KEY);\nCREATE TABLE public.categories (id integer NOT NULL);\n' +
    'ALTER TABLE ONLY public.categories\n    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);\nCREATE TABLE public.tags (id bigint);\n';
  const d = missingFk({ '/p/schema.sql': text }, 'orders.category_id');
  const at = text.indexOf('\nCREATE TABLE public.tags');
  assert.deepEqual(d.fixes[0].edits, [
    { file: '/p/schema.sql', start: at, end: at, newText: '\nALTER TABLE public.orders ADD CONSTRAINT orders_category_id_fkey FOREIGN KEY (category_id) REFERENCES public.categories (id);' },
  ]);
});

test('a PostgreSQL column narrower than the key it names gets no fix; the help says to widen it first', async () => {
  await initCore();
  const text =
    'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n' +
    'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer);\n';
  const d = missingFk({ '/p/schema.sql': text }, 'orders.customer_id');
  assert.equal(d.fixes.length, 0);
  assert.match(d.help!, /widen `orders.customer_id` to `bigint`/);
});

test('MySQL: an ALTER TABLE named fk_<table>_<column>, unique in the database; none when InnoDB would refuse the types', async () => {
  await initCore();
  const text =
    'CREATE TABLE city (city_id bigint unsigned NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n' +
    'CREATE TABLE store (store_id bigint unsigned NOT NULL PRIMARY KEY, city_id bigint unsigned NOT NULL, CONSTRAINT fk_address_city_id FOREIGN KEY (city_id) REFERENCES city (city_id)) ENGINE=InnoDB;\n' +
    'CREATE TABLE depot (depot_id bigint unsigned NOT NULL PRIMARY KEY, city_id bigint unsigned NOT NULL, store_id bigint unsigned, FOREIGN KEY (city_id) REFERENCES city (city_id), FOREIGN KEY (store_id) REFERENCES store (store_id)) ENGINE=InnoDB;\n' +
    'CREATE TABLE `address` (address_id bigint unsigned NOT NULL PRIMARY KEY, city_id bigint unsigned NOT NULL, store_id int NOT NULL) ENGINE=InnoDB;\n';
  const files = { '/p/schema.sql': '-- schemawise: dialect=mysql\n' + text };
  const d = missingFk(files, 'address.city_id');
  assert.equal(d.fixes[0].edits[0].newText, '\nALTER TABLE `address` ADD CONSTRAINT fk_address_city_id1 FOREIGN KEY (city_id) REFERENCES city (city_id);');
  assert.equal(d.fixes[0].edits[0].start, files['/p/schema.sql'].length - 1);
  const signed = missingFk(files, 'address.store_id');
  assert.equal(signed.fixes.length, 0);
  assert.match(signed.help!, /give `address.store_id` \(`int`\) and `store.store_id` \(`bigint unsigned`\) the same integer size and signedness/);
});

test('SQLite: REFERENCES after the column type in CREATE TABLE or a default-less ADD COLUMN; nothing in an applied migration', async () => {
  await initCore();
  const init = 'CREATE TABLE artists (id INTEGER PRIMARY KEY);\nCREATE TABLE genres (id INTEGER PRIMARY KEY);\nCREATE TABLE albums (id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artists (id), genre_id INTEGER NOT NULL);\n' +
    'CREATE TABLE tracks (id INTEGER PRIMARY KEY, album_id INTEGER REFERENCES albums (id), artist_id INTEGER REFERENCES artists (id), genre_id INTEGER REFERENCES genres (id));\n';
  const inSchema = missingFk({ '/p/schema.sqlite.sql': '-- schemawise: dialect=sqlite\n' + init }, 'albums.genre_id');
  const type = ('-- schemawise: dialect=sqlite\n' + init).indexOf('INTEGER NOT NULL') + 'INTEGER'.length;
  assert.deepEqual(inSchema.fixes[0].edits, [{ file: '/p/schema.sqlite.sql', start: type, end: type, newText: ' REFERENCES genres (id)' }]);
  assert.match(inSchema.help!, /PRAGMA foreign_keys = ON/);

  const mig = {
    '/p/migrations/001_init.sql': '-- schemawise: dialect=sqlite\n' + init,
    '/p/migrations/002_more.sql': '-- schemawise: dialect=sqlite\nALTER TABLE albums ADD COLUMN artists_id INTEGER;\nALTER TABLE albums ADD COLUMN genres_id INTEGER DEFAULT 1;\n',
  };
  assert.equal(missingFk(mig, 'albums.genre_id').fixes.length, 0);
  assert.equal(missingFk(mig, 'albums.artists_id').fixes[0].edits[0].newText, ' REFERENCES artists (id)');
  // SQLite refuses ADD COLUMN … REFERENCES with a non-NULL default.
  assert.equal(missingFk(mig, 'albums.genres_id').fixes.length, 0);
});

test('a fix names a renamed table by its current name, not the one its CREATE TABLE wrote', async () => {
  await initCore();
  const text =
    'CREATE TABLE "_tmp" (id integer PRIMARY KEY);\nALTER TABLE "_tmp" RENAME TO Categories;\n' +
    'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n' +
    'CREATE TABLE orders (id bigint PRIMARY KEY, category_id integer);\n';
  const d = missingFk({ '/p/schema.sql': text }, 'orders.category_id');
  assert.match(d.fixes[0].edits[0].newText, /REFERENCES categories \(id\);$/);
});
