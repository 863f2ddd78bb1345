import { In, MoreThanOrEqual } from 'typeorm';
import { dataSource } from '../data-source';
import { Order, OrderStatus } from '../entities/order.entity';
import { Shipment } from '../entities/shipment.entity';

const orders = dataSource.getRepository(Order);
const shipments = dataSource.getRepository(Shipment);

export function history(customerId: string, page: number) {
  return orders.find({ where: { customer: { id: customerId } }, order: { createdAt: 'DESC' }, take: 20, skip: page * 20 });
}

/** The fulfilment queue: paid orders since a moment. */
export function paidSince(since: Date) {
  return orders.find({ where: { status: OrderStatus.Paid, createdAt: MoreThanOrEqual(since) }, order: { createdAt: 'ASC' } });
}

export function byIds(ids: string[]) {
  return orders.findBy({ id: In(ids) });
}

/** Shipments of each order: one query per order. */
export async function shipmentsOf(list: Order[]) {
  return Promise.all(list.map(async (order) => shipments.find({ where: { order: { id: order.id } } })));
}

export function byTrackingCode(code: string) {
  return shipments.createQueryBuilder('s').where('s.tracking_code = :code', { code }).getOne();
}
