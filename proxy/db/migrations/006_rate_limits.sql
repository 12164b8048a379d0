-- Fixed-window rate limits shared by every instance on one PostgreSQL (PGlite keeps them in memory instead).
-- The key names the limit and who it counts (`comments-link:<share id>`); times are epoch milliseconds.
create table rate_limits (
  key text primary key,
  window_start bigint not null,
  hits integer not null
);
create index rate_limits_window on rate_limits (window_start);
