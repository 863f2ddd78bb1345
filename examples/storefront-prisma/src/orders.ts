import { OrderStatus } from '@prisma/client';
import { prisma } from './db';

/** A customer's order history, newest first: served by orders(customer_id, created_at DESC). */
export function orderHistory(customerId: bigint, page: number) {
  return prisma.order.findMany({
    where: { customerId },
    orderBy: { createdAt: 'desc' },
    take: 20,
    skip: page * 20,
  });
}

/** The fulfilment queue: paid orders of the last day. */
export function paidSince(since: Date) {
  return prisma.order.findMany({
    where: { status: OrderStatus.PAID, createdAt: { gte: since } },
    orderBy: { createdAt: 'asc' },
  });
}

export function markShipped(id: bigint) {
  return prisma.order.update({ where: { id }, data: { status: OrderStatus.SHIPPED } });
}

/** Order lines with their products: one query per order, in a loop. */
export async function linesOfOrders(orderIds: bigint[]) {
  const result = [];
  for (const orderId of orderIds) {
    const items = await prisma.orderItem.findMany({ where: { orderId }, include: { product: true } });
    result.push(...items);
  }
  return result;
}
