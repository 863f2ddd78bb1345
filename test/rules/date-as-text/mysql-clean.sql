-- schemawise: dialect=mysql
CREATE TABLE invoices (
  id bigint NOT NULL AUTO_INCREMENT,
  issued_at datetime NOT NULL,
  paid_date date,
  is_paid tinyint(1) NOT NULL DEFAULT 0,
  is_active enum('Y','N') NOT NULL DEFAULT 'Y',
  late_fee decimal(10,2),
  date_format varchar(20),
  stored_at varchar(255),
  added_by varchar(50),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
