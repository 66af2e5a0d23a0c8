-- The review loop: every step a plan takes (submit, return, approve, reopen) with who, when
-- and the message, and a revision — a snapshot of the whole plan — at each submission and
-- approval. Revisions never change: the database itself refuses to update or delete them.

create table plan_revision (
    plan_revision_id integer primary key,
    plan_id integer not null references plan (plan_id),
    number integer not null,
    step text not null check (step in ('submit', 'approve')),
    status text not null,
    snapshot text not null,
    created_at text not null,
    created_by integer references app_user (user_id),
    created_by_name text not null,
    unique (plan_id, number)
);

create trigger plan_revision_no_update before update on plan_revision
begin
    select raise(abort, 'plan revisions are immutable');
end;

create trigger plan_revision_no_delete before delete on plan_revision
begin
    select raise(abort, 'plan revisions are immutable');
end;

create table plan_step (
    plan_step_id integer primary key,
    plan_id integer not null references plan (plan_id) on delete cascade,
    step text not null check (step in ('submit', 'return', 'approve', 'reopen')),
    from_status text not null,
    to_status text not null,
    message text not null default '',
    revision_number integer,
    at text not null,
    by_user integer references app_user (user_id),
    by_name text not null
);
create index plan_step_plan on plan_step (plan_id, plan_step_id);

-- Reviewers' comments, anchored to a section and, for a table's row, to the row. The agency
-- reads each in its place; a comment is open until someone marks it resolved.
create table review_comment (
    review_comment_id integer primary key,
    plan_id integer not null references plan (plan_id) on delete cascade,
    node_key text not null,
    table_code text,
    row_id integer,
    body text not null,
    resolved boolean not null default false,
    created_at text not null,
    created_by integer references app_user (user_id),
    created_by_name text not null,
    resolved_at text,
    resolved_by_name text
);
create index review_comment_plan on review_comment (plan_id, node_key);

-- A deadline of one plan, where an administrator extended the round's for its unit.
alter table plan add column deadline text;

-- After a return that reopens only the commented sections: their keys, one a line. Empty when
-- the whole plan is open (or closed, as its status says).
alter table plan add column open_sections text not null default '';
