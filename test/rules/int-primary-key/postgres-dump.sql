-- schemawise: dialect=postgresql
-- pg_dump style: the sequence is declared AS integer on its own, so widening the column alone is no fix.
CREATE TABLE public.payment (
    payment_id integer NOT NULL,
--             ^^^^^^^ int-primary-key
    amount numeric(5,2) NOT NULL
);
CREATE SEQUENCE public.payment_payment_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.payment_payment_id_seq OWNED BY public.payment.payment_id;
ALTER TABLE ONLY public.payment ALTER COLUMN payment_id SET DEFAULT nextval('public.payment_payment_id_seq'::regclass);
ALTER TABLE ONLY public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_id);
