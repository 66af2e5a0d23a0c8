-- Org units, users, sessions, login throttling and the audit log.

create table org_unit (
    org_unit_id integer primary key,
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('province', 'department', 'district', 'commune', 'public_service', 'other')),
    parent_id integer references org_unit (org_unit_id),
    valid_from text not null,
    valid_to text,
    merged_into_id integer references org_unit (org_unit_id),
    split_from_id integer references org_unit (org_unit_id),
    parent_line text not null,
    issuer_line text not null,
    abbreviation text not null,
    place_name text not null,
    search_text text not null,
    created_at text not null,
    updated_at text not null
);
create index org_unit_parent on org_unit (parent_id);

create table app_user (
    user_id integer primary key,
    username text not null unique,
    display_name text not null,
    role text not null check (role in ('admin', 'reviewer', 'editor', 'leader', 'viewer')),
    org_unit_id integer not null references org_unit (org_unit_id),
    language text not null default 'vi' check (language in ('vi', 'en')),
    password_hash text not null,
    must_change_password boolean not null default false,
    disabled boolean not null default false,
    created_at text not null,
    updated_at text not null
);
create index app_user_org_unit on app_user (org_unit_id);

create table session (
    session_hash text primary key,
    user_id integer not null references app_user (user_id) on delete cascade,
    csrf_token text not null,
    created_at text not null,
    last_seen_at text not null
);
create index session_by_user on session (user_id);

create table login_failure (
    login_failure_id integer primary key,
    username text not null,
    client_addr text not null,
    failed_at text not null
);
create index login_failure_username on login_failure (username, failed_at);
create index login_failure_client on login_failure (client_addr, failed_at);

create table audit_event (
    audit_event_id integer primary key,
    at text not null,
    actor_user_id integer references app_user (user_id),
    actor_name text not null,
    action text not null,
    object_kind text not null,
    object_id text not null,
    object_label text not null,
    before_summary text not null,
    after_summary text not null
);
create index audit_event_at on audit_event (at);
