/**
 * Parity: one shop schema written as SQL and as TypeORM entities (named to match the snake_case SQL) builds the same
 * model on PostgreSQL and MySQL: tables, columns (name, normalized type, nullability, default, auto-increment),
 * keys, foreign keys with their actions, indexes and enums. Origins differ by nature; generated key names differ
 * (TypeORM's `PK_…` hashes against the database's own), so only names written on both sides are compared.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initPostgres } from '../../server/src/core/parse/postgres';
import { FileParser } from '../../server/src/core/parse/file';
import { buildSchema, type Schema } from '../../server/src/core/model/schema';
import { lowerTypeorm, parseEntityFile } from '../../server/src/core/parse/typeorm';
import type { Dialect } from '../../server/src/core/model/types';

before(async () => {
  await initPostgres();
});

const ENTITIES: Record<string, string> = {
  '/shop/src/entity/order-status.ts': `export enum OrderStatus {
  Pending = 'pending',
  Paid = 'paid',
  Shipped = 'shipped',
}`,
  '/shop/src/entity/customer.entity.ts': `import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from './order.entity';

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn() id: number;

  @Column({ length: 255, unique: true }) email: string;

  @Column({ name: 'full_name', length: 100, nullable: true }) fullName: string | null;

  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;

  @OneToMany(() => Order, (o) => o.customer) orders: Order[];
}`,
  '/shop/src/entity/product.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn() id: number;

  @Column() name: string;

  @Column('decimal', { precision: 10, scale: 2 }) price: string;
}`,
  '/shop/src/entity/order.entity.ts': `import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from './customer.entity';
import { OrderStatus } from './order-status';

@Entity('orders')
@Index('orders_customer_status_idx', ['customer', 'status'])
export class Order {
  @PrimaryGeneratedColumn() id: number;

  @ManyToOne(() => Customer, (c) => c.orders, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer: Customer;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status', default: OrderStatus.Pending })
  status: OrderStatus;

  @Column({ name: 'placed_at', nullable: true }) placedAt: Date | null;
}`,
  '/shop/src/entity/order-item.entity.ts': `import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Order } from './order.entity';
import { Product } from './product.entity';

@Entity('order_items')
@Unique('order_items_order_product_key', ['order', 'product'])
export class OrderItem {
  @PrimaryGeneratedColumn() id: number;

  @ManyToOne(() => Order, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order: Order;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'product_id' })
  product: Product;

  @Column('int') quantity: number;

  @Column('decimal', { name: 'unit_price', precision: 10, scale: 2 }) unitPrice: string;
}`,
};

const SQL: Record<'postgresql' | 'mysql', string> = {
  postgresql: `CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  full_name varchar(100),
  created_at timestamp NOT NULL DEFAULT now()
);
CREATE TABLE products (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  price numeric(10,2) NOT NULL
);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status order_status NOT NULL DEFAULT 'pending',
  placed_at timestamp
);
CREATE INDEX orders_customer_status_idx ON orders (customer_id, status);
CREATE TABLE order_items (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id integer NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity integer NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id)
);`,
  mysql: `-- schemawise: dialect=mysql
CREATE TABLE customers (
  id int NOT NULL AUTO_INCREMENT,
  email varchar(255) NOT NULL,
  full_name varchar(100) NULL,
  created_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY (email)
) ENGINE=InnoDB;
CREATE TABLE products (
  id int NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  price decimal(10,2) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
CREATE TABLE orders (
  id int NOT NULL AUTO_INCREMENT,
  customer_id int NOT NULL,
  status enum('pending','paid','shipped') NOT NULL DEFAULT 'pending',
  placed_at datetime NULL,
  PRIMARY KEY (id),
  INDEX orders_customer_status_idx (customer_id, status),
  FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE order_items (
  id int NOT NULL AUTO_INCREMENT,
  order_id int NOT NULL,
  product_id int NOT NULL,
  quantity int NOT NULL,
  unit_price decimal(10,2) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id),
  FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
) ENGINE=InnoDB;`,
};

function fromSql(dialect: Dialect): Schema {
  const pf = new FileParser().parse('/shop/schema.sql', SQL[dialect as 'postgresql' | 'mysql'], dialect);
  assert.ok(
    pf.statements.every((s) => s.status === 'parsed'),
    'the SQL parses',
  );
  return buildSchema('/shop', dialect, [{ path: pf.path, isMigration: false, statements: pf.statements }]);
}

function fromEntities(dialect: Dialect): Schema {
  const r = lowerTypeorm(
    Object.entries(ENTITIES).map(([p, t]) => parseEntityFile(p, t)),
    { dialect, naming: 'default' },
  );
  return buildSchema(
    '/shop',
    dialect,
    r.files.map((f) => ({ path: f.path, isMigration: false, statements: f.statements })),
  );
}

/** The model without origins, spans and generated names, keyed and sorted so that declaration order does not matter. */
function shape(s: Schema) {
  const named = (x: { name?: string; generatedName?: boolean }) => (x.name && !x.generatedName ? x.name : undefined);
  const tables = [...s.tables.values()]
    .map((t) => ({
      name: t.name.name,
      engine: t.engine,
      columns: t.columns
        .map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, default: c.default, autoIncrement: c.autoIncrement }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      constraints: t.constraints
        .map((c) => ({ kind: c.kind, name: named(c), columns: c.columns, references: c.references && { table: c.references.table.name, columns: c.references.columns, onDelete: c.references.onDelete, onUpdate: c.references.onUpdate } }))
        .sort((a, b) => (a.kind + a.columns).localeCompare(b.kind + b.columns)),
      indexes: t.indexes
        .map((i) => ({ name: named(i), columns: i.keys.map((k) => k.column), unique: i.unique, where: i.where, method: i.method }))
        .sort((a, b) => String(a.columns).localeCompare(String(b.columns))),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const enums = [...s.enums.values()].map((e) => ({ name: e.name.name, values: e.values }));
  return { tables, enums };
}

for (const dialect of ['postgresql', 'mysql'] as const) {
  test(`${dialect}: the shop schema as SQL and as TypeORM entities builds the same model`, () => {
    const sql = shape(fromSql(dialect));
    const orm = shape(fromEntities(dialect));
    assert.equal(sql.tables.length, 4);
    assert.deepEqual(orm, sql);
  });
}

test('the comparison sees what it compares: a changed entity breaks parity', () => {
  const saved = ENTITIES['/shop/src/entity/product.entity.ts'];
  ENTITIES['/shop/src/entity/product.entity.ts'] = saved.replace("@Column() name: string;", '@Column({ nullable: true }) name: string;');
  try {
    assert.notDeepEqual(shape(fromEntities('postgresql')), shape(fromSql('postgresql')));
  } finally {
    ENTITIES['/shop/src/entity/product.entity.ts'] = saved;
  }
});
