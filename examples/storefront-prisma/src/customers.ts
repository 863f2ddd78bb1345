import { prisma } from './db';

export function customerByEmail(email: string) {
  return prisma.customer.findUnique({ where: { email } });
}

export function newCustomers(since: Date) {
  return prisma.customer.count({ where: { createdAt: { gte: since } } });
}
