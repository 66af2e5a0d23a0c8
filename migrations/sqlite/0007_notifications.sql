-- Notifications: what happened to a plan that a user should know (submitted, returned, approved,
-- reopened, a comment, a deadline close by), each unread until the user opens it. They are
-- written in the same transaction as the step or comment they tell of, so none is lost; e-mail
-- goes out afterwards from the same rows (`mailed_at`), when an SMTP server is configured.

alter table app_user add column email text not null default '';

create table notification (
    notification_id integer primary key,
    user_id integer not null references app_user (user_id) on delete cascade,
    kind text not null check (kind in ('submitted', 'returned', 'approved', 'reopened', 'comment', 'deadline')),
    plan_id integer not null references plan (plan_id) on delete cascade,
    actor_name text not null default '',
    detail text not null default '',
    -- Set for reminders, so that each is given once: the deadline it warns of.
    reminder_key text,
    created_at text not null,
    read_at text,
    mailed_at text,
    mail_attempts integer not null default 0,
    unique (user_id, plan_id, reminder_key)
);
create index notification_by_user on notification (user_id, notification_id);
create index notification_to_mail on notification (mailed_at, notification_id);
