-- DropTable
  DROP TABLE "Tag";
--^^^^^^^^^^^^^^^^ destructive-drop
