import { Entity, PrimaryGeneratedColumn, Column, ManyToOne, OneToMany, Index } from 'typeorm';

@Entity()
export class Author {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
  @OneToMany(() => Book, (b) => b.author) books: Promise<Book[]>;
}

@Entity()
export class Book {
  @PrimaryGeneratedColumn() id: number;
  @Column() title: string;
  @Index()
  @ManyToOne(() => Author, (a) => a.books) author: Promise<Author>;
}
