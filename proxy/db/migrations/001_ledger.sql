-- The ledger of AI spend. One row per user and month holds the running totals that the budget check locks;
-- one row per operation (its idempotency key unique per user) records what was reserved and what was charged.

create table user_months (
  user_name text not null,
  month text not null,
  reserved_micros bigint not null default 0 check (reserved_micros >= 0),
  spent_micros bigint not null default 0 check (spent_micros >= 0),
  primary key (user_name, month)
);

create table ledger_entries (
  id uuid primary key,
  user_name text not null,
  month text not null,
  idempotency_key text not null,
  operation text not null,
  provider text not null,
  model text not null,
  request jsonb not null,
  status text not null check (status in ('reserved', 'settled', 'released')),
  reserved_micros bigint not null check (reserved_micros >= 0),
  charged_micros bigint not null default 0 check (charged_micros >= 0),
  results_ok integer not null default 0,
  results_failed integer not null default 0,
  error jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_name, idempotency_key),
  foreign key (user_name, month) references user_months (user_name, month)
);

create index ledger_entries_user_month on ledger_entries (user_name, month);

-- Results live beside their entry so any proxy instance can answer GET /api/ai/jobs/:id.
create table job_outputs (
  entry_id uuid not null references ledger_entries (id) on delete cascade,
  position integer not null,
  content_type text not null,
  seed bigint,
  cost_micros bigint not null check (cost_micros >= 0),
  bytes bytea not null,
  primary key (entry_id, position)
);
