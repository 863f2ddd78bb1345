import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from './customer.entity';

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('decimal', { precision: 12, scale: 2 })
  total: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  customer: Customer;
//^^^^^^^^ unindexed-foreign-key
}
