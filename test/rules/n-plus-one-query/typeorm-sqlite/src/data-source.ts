import { DataSource } from 'typeorm';
import { Author, Book } from './entities/author.entity';

export const dataSource = new DataSource({ type: 'sqlite', database: 'library.db', entities: [Author, Book] });
