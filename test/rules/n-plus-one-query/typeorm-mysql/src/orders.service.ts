import { Repository } from 'typeorm';
import { dataSource } from './data-source';
import { Customer, Order } from './entities/order.entity';

export class OrdersService {
  constructor(private readonly orders: Repository<Order>, private readonly customers: Repository<Customer>) {}

  /** One customer query per order, all at once. */
  withCustomers(list: Order[]) {
    return Promise.all(list.map(async (o) => ({ ...o, customer: await this.customers.findOneBy({ id: o.customerId }) })));
//                                                                    ^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query
  }

  /** A query builder per customer. */
  async ordersOf(customers: Customer[]) {
    for (const c of customers) {
      await dataSource.getRepository(Order).createQueryBuilder('o').where('o.customerId = :id', { id: c.id }).getMany();
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ n-plus-one-query
    }
  }

  /** One query with the customers joined; a lookup by a constant in a loop is not N+1. */
  async fine(n: number) {
    for (let i = 0; i < n; i++) await this.customers.findOneBy({ id: '1' });
    return this.orders.find({ take: 100, relations: ['customer'] });
  }
}
