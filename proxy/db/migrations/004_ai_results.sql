-- AI results move to the blob store (a row keeps only where the bytes are), outputs expire, each entry records
-- what was sent upstream per variation (so a restarted server can resume or settle it), and an idempotency key
-- is bound to a hash of the request it was first used with.

alter table job_outputs alter column bytes drop not null;
alter table job_outputs add column blob_key text;
alter table job_outputs add column size_bytes bigint;
alter table job_outputs add column expires_at timestamptz;
create index job_outputs_expiry on job_outputs (expires_at) where expires_at is not null;

alter table ledger_entries add column request_hash text;
alter table ledger_entries add column upstream jsonb not null default '{}';
create index ledger_entries_open on ledger_entries (updated_at) where status = 'reserved';
