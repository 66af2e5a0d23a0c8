-- What the program ships (the built-in frameworks, the legal documents they cite, the catalogs)
-- is installed whenever a command starts. The digest of the shipped files last installed is
-- kept here, so that a start with the same files does not read and compare them again.
create table shipped (
    name text primary key,
    digest text not null,
    installed_at timestamptz not null
);
