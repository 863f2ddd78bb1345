-- schemawise: dialect=mysql
CREATE TABLE `contacts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `phone` varchar(20) NOT NULL,
  `zip` char(5) NOT NULL,
  `ref_code` varchar(20) NOT NULL,
  `score` int NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_phone` (`phone`),
  KEY `idx_zip` (`zip`),
  KEY `idx_ref_code` (`ref_code`)
) ENGINE=InnoDB;

CREATE TABLE `referrals` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `code` int unsigned NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_code` (`code`)
) ENGINE=InnoDB;

SELECT id FROM contacts WHERE phone = 5551234;
--                            ^^^^^^^^^^^^^^^ implicit-type-conversion
SELECT id FROM contacts WHERE zip IN (10115, 10117);
--                            ^^^^^^^^^^^^^^^^^^^^^ implicit-type-conversion
SELECT id FROM contacts WHERE zip BETWEEN 10000 AND 19999;
--                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ implicit-type-conversion
SELECT c.id FROM contacts c JOIN referrals r ON r.code = c.ref_code WHERE r.id = ?;
--                                              ^^^^^^^^^^^^^^^^^^^ implicit-type-conversion

-- Not reported: a string compared with a string, a number column with a string (converted once), parameters.
SELECT id FROM contacts WHERE phone = '5551234';
SELECT id FROM contacts WHERE score = '10' AND phone = ?;
SELECT id FROM contacts WHERE zip IN ('10115', '10117');
-- The row is found by its primary key: the conversion checks one row.
SELECT id FROM contacts WHERE id = ? AND phone = 5551234;
