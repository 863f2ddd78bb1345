import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@Index(['plan', 'createdAt'])
//     ^^^^^^^^^^^^^^^^^^^^^ orm-schema-drift
export class Account {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ unique: true }) slug: string;
  @Column({ type: 'varchar', length: 20, default: 'free' }) plan: string;
  @Column({ type: 'int', default: 5 }) seats: number;
//                                ^ orm-schema-drift
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
