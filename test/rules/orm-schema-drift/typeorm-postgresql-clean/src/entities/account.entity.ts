import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Account {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ unique: true }) slug: string;
  @Column({ type: 'varchar', length: 20, default: 'free' }) plan: string;
  @Column({ type: 'int', default: 1 }) seats: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
