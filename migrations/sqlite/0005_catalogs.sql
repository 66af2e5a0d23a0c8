-- The catalogs that typed tables pick from (funding sources, task groups, security levels,
-- indicators with their national targets, …). Each entry applies from a date, and until one
-- when it is retired or replaced by a newer wording of the same code: plans of a round pick
-- from the entries in force on its cut-off date, and old plans keep reading retired ones.

create table catalog_entry (
    catalog_entry_id integer primary key,
    catalog text not null,
    code text not null,
    name text not null,
    name_en text not null,
    valid_from text not null,
    valid_to text,
    source text not null default '',
    unit text not null default '',
    direction text not null default '' check (direction in ('', 'up', 'down')),
    -- An indicator's national target in thousandths (80% is 80000), and its year.
    target bigint,
    target_year integer,
    position integer not null,
    unique (catalog, code, valid_from)
);
create index catalog_entry_catalog on catalog_entry (catalog, position);
