/**
 * Parity: one shop schema written as SQL (what Prisma Migrate would create) and as schema.prisma (@@map/@map to
 * snake_case, @db types chosen to match) builds the same model on PostgreSQL and on MySQL: tables, columns (name,
 * normalized type, nullability, default, autoIncrement), keys, foreign keys, indexes and enums, ignoring origins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileParser } from '../../server/src/core/parse/file';
import { buildSchema, type Schema } from '../../server/src/core/model/schema';
import { lowerPrisma, parsePrismaFile } from '../../server/src/core/parse/prisma';
import type { Dialect } from '../../server/src/core/model/types';
import { initPostgres } from '../../server/src/core/parse/postgres';

const PRISMA_MODELS = `
enum OrderStatus {
  PENDING @map("pending")
  PAID    @map("paid")
  SHIPPED @map("shipped")

  @@map("order_status")
}

model Customer {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.VarChar(255)
  name      String?  @db.VarChar(100)
  createdAt DateTime @default(now()) @map("created_at")
  orders    Order[]

  @@map("customers")
}

model Product {
  id     Int         @id @default(autoincrement())
  sku    String      @unique(map: "products_sku_key") @db.VarChar(32)
  name   String      @db.VarChar(200)
  price  Decimal     @db.Decimal(10, 2)
  active Boolean     @default(true)
  items  OrderItem[]

  @@map("products")
}

model Order {
  id         Int         @id @default(autoincrement())
  customerId Int         @map("customer_id")
  status     OrderStatus @default(PENDING)
  placedAt   DateTime    @default(now()) @map("placed_at")
  note       String?
  customer   Customer    @relation(fields: [customerId], references: [id], onDelete: Cascade)
  items      OrderItem[]

  @@index([customerId, placedAt])
  @@map("orders")
}

model OrderItem {
  orderId   Int     @map("order_id")
  productId Int     @map("product_id")
  quantity  Int     @default(1)
  unitPrice Decimal @map("unit_price") @db.Decimal(10, 2)
  order     Order   @relation(fields: [orderId], references: [id], onDelete: Cascade)
  product   Product @relation(fields: [productId], references: [id], onDelete: Restrict)

  @@id([orderId, productId])
  @@index([productId])
  @@map("order_items")
}
`;

// Unnamed keys and indexes: PostgreSQL's own names are the ones Prisma gives.
const POSTGRES_SQL = `
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE customers (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name varchar(100),
  created_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE products (
  id serial PRIMARY KEY,
  sku varchar(32) NOT NULL,
  name varchar(200) NOT NULL,
  price decimal(10, 2) NOT NULL,
  active boolean NOT NULL DEFAULT true,
  CONSTRAINT products_sku_key UNIQUE (sku)
);

CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE,
  status order_status NOT NULL DEFAULT 'pending',
  placed_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  note text
);
CREATE INDEX ON orders (customer_id, placed_at);

CREATE TABLE order_items (
  order_id integer NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL DEFAULT 1,
  unit_price decimal(10, 2) NOT NULL,
  PRIMARY KEY (order_id, product_id),
  FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX ON order_items (product_id);
`;

// MySQL would name unnamed keys after their first column (`email`, `orders_ibfk_1`): written as Prisma names them.
const MYSQL_SQL = `
CREATE TABLE customers (
  id int NOT NULL AUTO_INCREMENT,
  email varchar(255) NOT NULL,
  name varchar(100) NULL,
  created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY customers_email_key (email)
);

CREATE TABLE products (
  id int NOT NULL AUTO_INCREMENT,
  sku varchar(32) NOT NULL,
  name varchar(200) NOT NULL,
  price decimal(10,2) NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (id),
  UNIQUE KEY products_sku_key (sku)
);

CREATE TABLE orders (
  id int NOT NULL AUTO_INCREMENT,
  customer_id int NOT NULL,
  status enum('pending','paid','shipped') NOT NULL DEFAULT 'pending',
  placed_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  note varchar(191) NULL,
  PRIMARY KEY (id),
  KEY orders_customer_id_placed_at_idx (customer_id, placed_at),
  CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE order_items (
  order_id int NOT NULL,
  product_id int NOT NULL,
  quantity int NOT NULL DEFAULT 1,
  unit_price decimal(10,2) NOT NULL,
  PRIMARY KEY (order_id, product_id),
  KEY order_items_product_id_idx (product_id),
  CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT ON UPDATE CASCADE
);
`;

/**
 * What the database holds, without where it was written: no origins or spans, and not `inline` / `generatedName`
 * (how the source spelled a key, not what it is). Constraints and indexes sorted: their order in the source differs.
 */
function normalise(s: Schema): unknown {
  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  const model = {
    tables: [...s.tables.values()]
      .map((t) => ({
        name: t.name,
        columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, default: c.default, autoIncrement: c.autoIncrement })),
        constraints: t.constraints.map((c) => ({ kind: c.kind, name: c.name, columns: c.columns, references: c.references, notEnforced: c.notEnforced })).sort(byJson),
        indexes: t.indexes.map((i) => ({ name: i.name, unique: i.unique, method: i.method, where: i.where, keys: i.keys.map(({ span: _span, ...k }) => k) })).sort(byJson),
      }))
      .sort(byJson),
    enums: [...s.enums.values()].map((e) => ({ name: e.name, values: e.values })),
    views: [...s.views.keys()],
  };
  return JSON.parse(JSON.stringify(model)); // drops undefined members
}

function fromSql(dialect: Dialect, sql: string): Schema {
  const f = new FileParser().parse('/shop/schema.sql', sql, dialect);
  assert.ok(
    f.statements.every((st) => st.status === 'parsed'),
    `SQL parsed: ${f.statements.map((st) => st.parseError).join('; ')}`,
  );
  return buildSchema('shop', dialect, [{ path: f.path, isMigration: false, statements: f.statements }]);
}

function fromPrisma(dialect: Dialect): Schema {
  const text = `datasource db {\n  provider = "${dialect}"\n  url      = env("DATABASE_URL")\n}\n${PRISMA_MODELS}`;
  const r = lowerPrisma([parsePrismaFile('/shop/prisma/schema.prisma', text)]);
  assert.equal(r.dialect, dialect);
  return buildSchema(
    'shop',
    dialect,
    r.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })),
  );
}

for (const [dialect, sql] of [
  ['postgresql', POSTGRES_SQL],
  ['mysql', MYSQL_SQL],
] as const) {
  test(`the shop schema as SQL and as Prisma builds the same ${dialect} model`, async () => {
    await initPostgres();
    const expected = normalise(fromSql(dialect, sql));
    const actual = normalise(fromPrisma(dialect));
    assert.deepEqual(actual, expected);
    // The comparison has substance: every table, a key of each kind, the enum where the dialect has types.
    const m = actual as { tables: { name: { name: string }; constraints: { kind: string }[]; indexes: unknown[] }[]; enums: unknown[] };
    assert.deepEqual(m.tables.map((t) => t.name.name).sort(), ['customers', 'order_items', 'orders', 'products']);
    const kinds = new Set(m.tables.flatMap((t) => t.constraints.map((c) => c.kind)));
    assert.deepEqual([...kinds].sort(), ['foreign', 'primary', 'unique']);
    assert.equal(m.tables.reduce((n, t) => n + t.indexes.length, 0), 2);
    assert.equal(m.enums.length, dialect === 'postgresql' ? 1 : 0);
  });
}
