-- PostgreSQL only (several processes catching up on each other's identities); a DuckDB file has one writer
-- process, so nothing changes here. The version exists on both backends so that it means the same schema.
SELECT 1;
