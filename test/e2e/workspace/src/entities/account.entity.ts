// @ts-nocheck: a fixture for the TypeORM reader, not code of this repository (which has no typeorm to type-check it against).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Account {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column()
  name: string;
}
