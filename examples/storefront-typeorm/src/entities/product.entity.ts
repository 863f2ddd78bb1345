import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'text', unique: true })
  sku: string;

  @Column({ type: 'text' })
  title: string;

  @Column('decimal', { precision: 12, scale: 2 })
  price: string;

  @Column({ default: false })
  archived: boolean;
}
