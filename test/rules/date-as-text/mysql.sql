-- schemawise: dialect=mysql
CREATE TABLE invoices (
    id bigint NOT NULL AUTO_INCREMENT,
    issued_at varchar(19) NOT NULL,
--            ^^^^^^^^^^^ date-as-text
    paid_date varchar(10),
    updated_on varchar(20),
--             ^^^^^^^^^^^ date-as-text
    end_time varchar(8),
--           ^^^^^^^^^^ date-as-text
    is_paid char(1) NOT NULL DEFAULT 'N',
--          ^^^^^^^ date-as-text
    late_fee varchar(20),
--           ^^^^^^^^^^^ date-as-text
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE invoices MODIFY paid_date date, ADD COLUMN voided_at tinytext;
--                                                               ^^^^^^^^ date-as-text
