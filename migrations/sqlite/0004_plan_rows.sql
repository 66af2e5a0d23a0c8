-- The rows of a plan's typed tables (tasks and projects first). Each row carries a version,
-- like a section: a save names the version it started from.

create table plan_row (
    plan_row_id integer primary key,
    plan_id integer not null references plan (plan_id) on delete cascade,
    table_code text not null,
    position integer not null,
    data text not null,
    version integer not null default 1,
    updated_at text not null,
    updated_by integer references app_user (user_id)
);
create index plan_row_table on plan_row (plan_id, table_code, position);
