-- schemawise: dialect=postgresql
-- Runs outlive their job: the foreign key was dropped on purpose.
ALTER TABLE runs DROP CONSTRAINT runs_job_id_fkey;
