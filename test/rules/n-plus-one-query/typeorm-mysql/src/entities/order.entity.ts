import { Entity, PrimaryGeneratedColumn, Column, ManyToOne, Index } from 'typeorm';

@Entity()
export class Customer {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ length: 100 }) name: string;
}

@Entity()
export class Order {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Index()
  @Column({ type: 'bigint' }) customerId: string;
  @ManyToOne(() => Customer) customer: Customer;
}
