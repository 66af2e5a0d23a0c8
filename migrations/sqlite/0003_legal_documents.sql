-- The catalog of legal documents that frameworks ask plans to apply (the seed's Phụ lục III).

create table legal_document (
    legal_document_id integer primary key,
    number text not null,
    kind text not null,
    issued_on text,
    issuer text not null,
    title text not null,
    province_document text not null default '',
    doc_group text not null default '',
    source text not null,
    position integer not null,
    status text not null default 'in_force' check (status in ('in_force', 'amended', 'replaced', 'repealed')),
    replaced_by_id integer references legal_document (legal_document_id),
    search_text text not null
);
create index legal_document_source on legal_document (source, position);
