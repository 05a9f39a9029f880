-- Outbound webhooks: a transactional outbox. Features append events (webhook_events); each event gets a delivery
-- row per subscription that wants it, in the same transaction; workers claim due deliveries, post them and log
-- every attempt. Secrets are kept as given: signing (an HMAC) needs them.
CREATE TABLE webhook_subscriptions (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  url VARCHAR NOT NULL,
  events VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  secret VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  removed_at TIMESTAMP,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE webhook_events (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  name VARCHAR NOT NULL,
  payload JSON NOT NULL,
  text VARCHAR,
  occurred_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- next_attempt_at is when a worker should next look at the delivery: its first attempt or next retry while
-- pending, the end of the claim while sending (a worker that died lets it go), nothing once delivered or failed.
CREATE TABLE webhook_deliveries (
  workspace_id INTEGER NOT NULL,
  event_id UUID NOT NULL,
  subscription_id BIGINT NOT NULL,
  id UUID NOT NULL,
  status VARCHAR NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt_at TIMESTAMP,
  claim UUID,
  last_status_code BIGINT,
  last_error VARCHAR,
  delivered_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, event_id, subscription_id)
);

CREATE TABLE webhook_attempts (
  workspace_id INTEGER NOT NULL,
  event_id UUID NOT NULL,
  subscription_id BIGINT NOT NULL,
  attempt BIGINT NOT NULL,
  attempted_at TIMESTAMP NOT NULL,
  duration_ms BIGINT NOT NULL,
  status_code BIGINT,
  error VARCHAR,
  PRIMARY KEY (workspace_id, event_id, subscription_id, attempt)
);

-- DevRel-qualified leads: the criteria (JSON, as docs/leads.md describes), the leads a refresh found, and every
-- change of their handoff status. A lead's key (organization:acme.com, developer:github:octocat) is what it is
-- across refreshes; its id is the number people type.
CREATE TABLE lead_criteria (
  workspace_id INTEGER PRIMARY KEY,
  definition JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE leads (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  key VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  developers JSON NOT NULL,
  developer_count BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  note VARCHAR,
  status_changed_by VARCHAR,
  status_changed_at TIMESTAMP,
  first_qualified_at TIMESTAMP NOT NULL,
  lapsed_at TIMESTAMP,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, key)
);

CREATE TABLE lead_status_changes (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  lead_id BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  note VARCHAR,
  changed_by VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
