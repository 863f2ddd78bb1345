-- schemawise: dialect=mysql
CREATE TABLE `active_storage_blobs` (`id` bigint NOT NULL AUTO_INCREMENT, `key` varchar(255) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `active_storage_attachments` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `record_type` varchar(255) NOT NULL,
  `record_id` bigint NOT NULL,
# ^^^^^^^^^^^ polymorphic-association
  `blob_id` bigint NOT NULL,
  PRIMARY KEY (`id`),
  KEY `index_active_storage_attachments_on_blob_id` (`blob_id`),
  CONSTRAINT `fk_rails_c3b3935057` FOREIGN KEY (`blob_id`) REFERENCES `active_storage_blobs` (`id`)
) ENGINE=InnoDB;
