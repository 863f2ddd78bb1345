-- schemawise: dialect=mysql
CREATE TABLE `users` (
  `id` int unsigned NOT NULL,
  `email` varchar(191) NOT NULL,
  `handle` varchar(50) COLLATE utf8mb4_bin NOT NULL,
  `nick` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email` (`email`),
  KEY `users_handle` (`handle`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An old table, still in utf8 (utf8mb3), no foreign key to `users`.
CREATE TABLE `signups` (
#            ^^^^^^^^^ utf8mb3-charset
  `id` int unsigned NOT NULL,
  `email` varchar(191) NOT NULL,
  `handle` varchar(50) NOT NULL,
  `nick` varchar(50) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `signups_email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE `profiles` (
  `id` int unsigned NOT NULL,
  `handle` varchar(50) COLLATE utf8mb4_unicode_ci NOT NULL,
  `nick` varchar(50) NOT NULL,
  `user_email` varchar(191) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- utf8mb3 against utf8mb4: reported once per comparison, at the comparison.
SELECT u.id FROM users u JOIN signups s ON s.email = u.email WHERE s.id = ?;
#                                          ^^^^^^^^^^^^^^^^^ charset-collation-mismatch

-- Two written collations of one character set.
SELECT p.id FROM profiles p JOIN users u ON u.handle = p.handle WHERE u.id = ?;
#                                           ^^^^^^^^^^^^^^^^^^^ charset-collation-mismatch

-- Same character set; an explicit general_ci against the table default, which depends on the server: not reported.
SELECT p.id FROM profiles p JOIN users u ON u.nick = p.nick WHERE u.id = ?;
-- Same character set and collation.
SELECT p.id FROM profiles p JOIN users u ON u.email = p.user_email WHERE u.id = ?;
-- A column compared with a value, or two columns of one table with the same charset: not reported.
SELECT id FROM users WHERE handle = ? AND nick <> email;
-- A correlated subquery's outer column is a value there: not judged.
SELECT s.id FROM signups s WHERE s.id = ? AND EXISTS (SELECT 1 FROM users u WHERE u.email = s.email);
