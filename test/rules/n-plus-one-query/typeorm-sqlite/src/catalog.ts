import { dataSource } from './data-source';
import { Author } from './entities/author.entity';

/** Each author's books are read when awaited: one query per author. */
export async function catalog() {
  const authors = await dataSource.getRepository(Author).find();
  for (const author of authors) {
    const books = await author.books;
//                      ^^^^^^^^^^^^ n-plus-one-query
    console.info(author.name, books.length);
  }
}

/** Read with the authors, the relation is there already. */
export async function loaded() {
  const authors = await dataSource.getRepository(Author).find({ relations: ['books'] });
  for (const author of authors) {
    const books = await author.books;
    console.info(author.name, books.length);
  }
}
