-- schemawise: dialect=postgresql
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  is_active boolean DEFAULT true,
--^^^^^^^^^ nullable-with-default
  login_count integer DEFAULT 0,
--^^^^^^^^^^^ nullable-with-default
  created_at timestamptz DEFAULT now(),
--^^^^^^^^^^ nullable-with-default
  updated_at timestamptz DEFAULT CURRENT_TIMESTAMP,
--^^^^^^^^^^ nullable-with-default
  verified boolean DEFAULT 'false'::boolean
--^^^^^^^^ nullable-with-default
);
