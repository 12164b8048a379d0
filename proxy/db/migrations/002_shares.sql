-- Shared boards: only metadata here; the sealed board lives in the blob store under the share's id.
-- Times are epoch milliseconds so the server's clock can be injected in tests.
create table shares (
  id text primary key,
  -- Who pays for the bytes: an AI user's name, or the uploader's address when anonymous.
  owner text not null,
  owner_token_hash text not null,
  version integer not null default 1,
  bytes bigint not null,
  created_at bigint not null,
  updated_at bigint not null,
  expires_at bigint,
  revoked_at bigint,
  -- Set when the blob and comments were deleted; the row stays a while so the link answers 410, not 404.
  purged_at bigint
);
create index shares_live_owner on shares (owner) where purged_at is null;
create index shares_expiry on shares (expires_at) where purged_at is null;
create table share_comments (
  id bigserial primary key,
  share_id text not null references shares (id) on delete cascade,
  sealed text not null,
  created_at bigint not null
);
create index share_comments_share on share_comments (share_id, id);
