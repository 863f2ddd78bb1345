import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('float', { nullable: false })
  //      ^^^^^^^ float-for-money
  price: number;
}
