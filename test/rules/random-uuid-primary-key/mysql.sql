-- schemawise: dialect=mysql
CREATE TABLE sessions (
    id char(36) NOT NULL,
--  ^^ random-uuid-primary-key
    user_id bigint NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE devices (
    device_uuid BINARY(16) NOT NULL PRIMARY KEY,
--  ^^^^^^^^^^^ random-uuid-primary-key
    name varchar(100) NOT NULL
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE tokens (
    token_key varchar(36) NOT NULL DEFAULT (UUID()),
--  ^^^^^^^^^ random-uuid-primary-key
    PRIMARY KEY (token_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE uploads (
    ref binary(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID())),
--  ^^^ random-uuid-primary-key
    PRIMARY KEY (ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The leading column of a composite key decides where rows land.
CREATE TABLE memberships (
    group_guid char(36) NOT NULL,
--  ^^^^^^^^^^ random-uuid-primary-key
    member_id bigint NOT NULL,
    PRIMARY KEY (group_guid, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
