import { ILike } from 'typeorm';
import { dataSource } from '../data-source';
import { Customer } from '../entities/customer.entity';
import { Product } from '../entities/product.entity';

const products = dataSource.getRepository(Product);

export function bySku(sku: string) {
  return products.findOneBy({ sku });
}

export function search(word: string) {
  return products.find({ where: { title: ILike(`%${word}%`), archived: false }, take: 50 });
}

export function customerByEmail(email: string) {
  return dataSource.getRepository(Customer).findOne({ where: { email } });
}

export function topSpenders() {
  return dataSource.query('SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id ORDER BY spent DESC LIMIT 10');
}
