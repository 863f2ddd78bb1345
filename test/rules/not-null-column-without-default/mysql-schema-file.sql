-- schemawise: dialect=mysql
CREATE TABLE accounts (id BIGINT PRIMARY KEY) ENGINE=InnoDB;
ALTER TABLE accounts ADD COLUMN owner VARCHAR(100) NOT NULL;
