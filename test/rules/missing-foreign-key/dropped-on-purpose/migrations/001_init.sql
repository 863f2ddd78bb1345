-- schemawise: dialect=postgresql
CREATE TABLE projects (id text PRIMARY KEY);
CREATE TABLE jobs (id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects (id));
CREATE INDEX jobs_project_id_idx ON jobs (project_id);
CREATE TABLE runs (id text PRIMARY KEY, job_id text NOT NULL REFERENCES jobs (id), project_id text NOT NULL REFERENCES projects (id));
CREATE INDEX runs_job_id_idx ON runs (job_id);
CREATE INDEX runs_project_id_idx ON runs (project_id);
