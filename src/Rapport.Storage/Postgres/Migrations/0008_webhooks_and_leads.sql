-- Outbound webhooks: a transactional outbox. Features append events (webhook_events); each event gets a delivery
-- row per subscription that wants it, in the same transaction; workers on any number of processes claim due
-- deliveries (FOR UPDATE SKIP LOCKED), post them and log every attempt. Secrets are kept as given: signing (an
-- HMAC) needs them.
CREATE TABLE webhook_subscriptions (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  url text NOT NULL,
  events text NOT NULL,
  format text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  removed_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE webhook_events (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  name text NOT NULL,
  payload json NOT NULL,
  text text,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- next_attempt_at is when a worker should next look at the delivery: its first attempt or next retry while
-- pending, the end of the claim while sending (a worker that died lets it go), nothing once delivered or failed.
CREATE TABLE webhook_deliveries (
  workspace_id integer NOT NULL,
  event_id uuid NOT NULL,
  subscription_id bigint NOT NULL,
  id uuid NOT NULL,
  status text NOT NULL,
  attempts bigint NOT NULL,
  next_attempt_at timestamptz,
  claim uuid,
  last_status_code bigint,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, event_id, subscription_id),
  FOREIGN KEY (workspace_id, event_id) REFERENCES webhook_events (workspace_id, id),
  FOREIGN KEY (workspace_id, subscription_id) REFERENCES webhook_subscriptions (workspace_id, id)
);

-- What the workers look for: only unfinished deliveries are in the index.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');

CREATE INDEX webhook_deliveries_log ON webhook_deliveries (workspace_id, created_at);

CREATE TABLE webhook_attempts (
  workspace_id integer NOT NULL,
  event_id uuid NOT NULL,
  subscription_id bigint NOT NULL,
  attempt bigint NOT NULL,
  attempted_at timestamptz NOT NULL,
  duration_ms bigint NOT NULL,
  status_code bigint,
  error text,
  PRIMARY KEY (workspace_id, event_id, subscription_id, attempt),
  FOREIGN KEY (workspace_id, event_id, subscription_id) REFERENCES webhook_deliveries (workspace_id, event_id, subscription_id)
);

-- DevRel-qualified leads: the criteria (JSON, as docs/leads.md describes), the leads a refresh found, and every
-- change of their handoff status. A lead's key (organization:acme.com, developer:github:octocat) is what it is
-- across refreshes; its id is the number people type.
CREATE TABLE lead_criteria (
  workspace_id integer PRIMARY KEY REFERENCES workspaces (id),
  definition json NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE leads (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  key text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  reason text NOT NULL,
  developers json NOT NULL,
  developer_count bigint NOT NULL,
  status text NOT NULL,
  note text,
  status_changed_by text,
  status_changed_at timestamptz,
  first_qualified_at timestamptz NOT NULL,
  lapsed_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, key)
);

CREATE TABLE lead_status_changes (
  workspace_id integer NOT NULL,
  id uuid NOT NULL,
  lead_id bigint NOT NULL,
  status text NOT NULL,
  note text,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, lead_id) REFERENCES leads (workspace_id, id)
);
