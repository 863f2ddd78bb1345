import { DataSource } from 'typeorm';
import { Customer } from './entities/customer.entity';
import { Order } from './entities/order.entity';
import { Product } from './entities/product.entity';
import { Shipment } from './entities/shipment.entity';

export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [Customer, Order, Product, Shipment],
  migrations: ['src/migrations/*.ts'],
});
