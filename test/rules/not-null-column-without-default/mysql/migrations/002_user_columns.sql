-- schemawise: dialect=mysql
ALTER TABLE users ADD COLUMN login_count INT NOT NULL;
--                                           ^^^^^^^^ not-null-column-without-default
ALTER TABLE users ADD COLUMN plan ENUM('free', 'pro') NOT NULL;
--                                                    ^^^^^^^^ not-null-column-without-default
ALTER TABLE users ADD COLUMN confirmed_at DATETIME NOT NULL;
--                                                 ^^^^^^^^ not-null-column-without-default
ALTER TABLE users ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) STORED NOT NULL;
CREATE TABLE profiles (id BIGINT PRIMARY KEY, bio TEXT NOT NULL) ENGINE=InnoDB;
ALTER TABLE profiles ADD COLUMN score INT NOT NULL;
