import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Job {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column()
  runAt: Date;
  //     ^^^^ timestamp-without-time-zone

  @Column({ type: 'timestamptz' })
  doneAt: Date;
}
