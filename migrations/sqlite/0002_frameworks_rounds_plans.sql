-- Frameworks (versioned outlines), planning rounds, plans and their sections.

create table framework (
    framework_id integer primary key,
    code text not null,
    version integer not null,
    title text not null,
    period_start integer not null,
    period_end integer not null,
    evaluation_start integer not null,
    evaluation_end integer not null,
    source text not null,
    status text not null check (status in ('draft', 'published')),
    based_on_id integer references framework (framework_id),
    created_at text not null,
    published_at text,
    unique (code, version)
);

create table framework_node (
    framework_node_id integer primary key,
    framework_id integer not null references framework (framework_id) on delete cascade,
    node_key text not null,
    parent_key text,
    position integer not null,
    numbering text not null,
    title text not null,
    guidance text not null,
    kind text not null check (kind in ('heading', 'narrative', 'checklist', 'checklist_item', 'table_only')),
    table_code text,
    optional boolean not null,
    applies_to text check (applies_to in ('five_year', 'annual')),
    -- English, shown to users who chose English; empty falls back to the Vietnamese.
    title_en text not null default '',
    guidance_en text not null default '',
    unique (framework_id, node_key)
);
create index framework_node_order on framework_node (framework_id, position);

create table round (
    round_id integer primary key,
    code text not null unique,
    title text not null,
    framework_id integer not null references framework (framework_id),
    kind text not null check (kind in ('five_year', 'annual')),
    period_start integer not null,
    period_end integer not null,
    evaluation_start integer,
    evaluation_end integer,
    cutoff_date text not null,
    deadline text not null,
    created_at text not null
);

create table plan (
    plan_id integer primary key,
    round_id integer not null references round (round_id),
    org_unit_id integer not null references org_unit (org_unit_id),
    status text not null check (status in ('draft', 'submitted', 'returned', 'approved')),
    version integer not null default 1,
    doc_number text not null default '',
    doc_place text not null default '',
    doc_date text,
    signer_authority text not null default '',
    signer_title text not null default '',
    signer_name text not null default '',
    recipients text not null default '',
    created_at text not null,
    updated_at text not null,
    unique (round_id, org_unit_id)
);
create index plan_unit on plan (org_unit_id);

create table plan_section (
    plan_section_id integer primary key,
    plan_id integer not null references plan (plan_id) on delete cascade,
    node_key text not null,
    body_html text not null default '',
    not_applicable boolean not null default false,
    not_applicable_reason text not null default '',
    version integer not null default 1,
    updated_at text not null,
    updated_by integer references app_user (user_id),
    unique (plan_id, node_key)
);

-- Who has a plan open, to show editors who else is working on it.
create table plan_presence (
    plan_id integer not null references plan (plan_id) on delete cascade,
    user_id integer not null references app_user (user_id) on delete cascade,
    seen_at text not null,
    primary key (plan_id, user_id)
);
