import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from './order.entity';

@Entity('shipments')
export class Shipment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order: Order;

  @Column({ type: 'text' })
  carrier: string;

  @Column({ name: 'tracking_code', type: 'text' })
  trackingCode: string;

  @Column({ name: 'shipped_at', type: 'timestamp' })
  shippedAt: Date;
}
