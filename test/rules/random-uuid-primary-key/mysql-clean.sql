-- schemawise: dialect=mysql
-- Time-ordered: the swap flag puts the timestamp first.
CREATE TABLE orders (
  id binary(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID(), 1)),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A sequential key, the UUID kept unique beside it.
CREATE TABLE customers (
  id bigint NOT NULL AUTO_INCREMENT,
  uuid char(36) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY customers_uuid (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- UUID leading a composite key only after a sequential column.
CREATE TABLE events (
  tenant_id int NOT NULL,
  event_uuid char(36) NOT NULL,
  PRIMARY KEY (tenant_id, event_uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Not InnoDB: no clustered index.
CREATE TABLE archive (
  id char(36) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

-- A natural key of the same width that is not a UUID.
CREATE TABLE currencies (
  code char(36) NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
