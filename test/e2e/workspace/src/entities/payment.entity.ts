// @ts-nocheck: a fixture for the TypeORM reader, not code of this repository (which has no typeorm to type-check it against).
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity';

@Entity()
export class Payment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @ManyToOne(() => Account)
  account: Account;

  @Column('float')
  amount: number;
}
