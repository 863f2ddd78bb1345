-- schemawise: dialect=postgresql
-- pg_dump order: tables first, keys at the end. The fix's key must come after the primary key it references.
CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    category_id integer NOT NULL
--  ^^^^^^^^^^^ missing-foreign-key
);
CREATE TABLE public.customers (id bigint NOT NULL);
CREATE TABLE public.categories (id integer NOT NULL);
CREATE INDEX orders_customer_id_idx ON public.orders USING btree (customer_id);
CREATE INDEX orders_category_id_idx ON public.orders USING btree (category_id);
ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);
