-- Webhook secrets: one per workspace and source (github), to check the signature of each delivery.
-- Kept as given, not hashed: an HMAC needs the secret itself. Encrypting it at rest is a later change.
CREATE TABLE webhook_secrets (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  source text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, source)
);
