import { DataSource } from 'typeorm';
import { Customer, Order } from './entities/order.entity';

export const dataSource = new DataSource({ type: 'mysql', host: 'localhost', database: 'shop', entities: [Customer, Order] });
