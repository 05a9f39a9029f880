-- The dashboard's users belong to the installation, not to a workspace; on a distributed PostgreSQL they are
-- reference tables (docs/postgres.md). Passwords are kept as ASP.NET Core Identity hashes (PBKDF2), sign-in links
-- as SHA-256 hashes of their tokens.
CREATE SEQUENCE user_ids START 1;

CREATE TABLE users (
  id BIGINT PRIMARY KEY DEFAULT nextval('user_ids'),
  email VARCHAR NOT NULL UNIQUE,
  role VARCHAR NOT NULL,
  password_hash VARCHAR,
  created_at TIMESTAMP NOT NULL,
  last_sign_in_at TIMESTAMP
);

CREATE TABLE sign_in_links (
  token_sha256 VARCHAR PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP
);

-- ASP.NET Core's data protection key ring, which encrypts sign-in cookies: kept in the store so that every
-- instance serving it accepts the others' cookies.
CREATE TABLE data_protection_keys (
  name VARCHAR PRIMARY KEY,
  xml VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- Notes and tags hang on an identity of the developer (their first), like activities, so that they follow the
-- identity through merges and splits.
CREATE TABLE member_notes (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  identity_id BIGINT NOT NULL,
  author VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE member_tags (
  workspace_id INTEGER NOT NULL,
  identity_id BIGINT NOT NULL,
  tag VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, identity_id, tag)
);
