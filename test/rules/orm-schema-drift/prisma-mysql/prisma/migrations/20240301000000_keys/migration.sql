-- Written by hand: reprints share an ISBN.
DROP INDEX `Book_isbn_key` ON `Book`;
CREATE INDEX `Book_isbn_idx` ON `Book`(`isbn`);
