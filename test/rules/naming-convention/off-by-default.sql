-- schemawise: dialect=postgresql
-- Without configuration the rule is off: none of these names is reported.
CREATE TABLE "userSessions" (id bigint PRIMARY KEY, "ownerUser" bigint);
