-- schemawise: dialect=sqlite
-- Column affinity converts the literal to TEXT before comparing: the index on `phone` serves it.
CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT NOT NULL);
CREATE INDEX contacts_phone ON contacts (phone);
SELECT id FROM contacts WHERE phone = 5551234;
