-- schemawise: dialect=postgresql
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL,
  due_date date,
  is_gift boolean NOT NULL DEFAULT false,
  unit_price numeric(12,2),
  -- Names that only look like dates, flags or money.
  date_format text,
  format text,
  chat text,
  located_at text,
  depends_on text,
  based_on text,
  cook_time text,
  response_time text,
  elapsed_time text,
  time_zone text,
  up_to_date text,
  amount text
);
