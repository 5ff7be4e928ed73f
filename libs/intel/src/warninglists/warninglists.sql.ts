// Lists are written by whichever replica starts; the lock makes concurrent starts take turns.
export const LOCK_LISTS = `SELECT pg_advisory_xact_lock(hashtext('hub.warninglist'))`;

export const DROP_UNCONFIGURED = `DELETE FROM warninglist WHERE NOT (name = ANY($1::text[]))`;

export const STORED_VERSIONS = `SELECT name, version FROM warninglist`;

export const UPSERT_LIST = `
  INSERT INTO warninglist (name, version, action, source, list) VALUES ($1, $2, $3, $4, $5::jsonb)
  ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, action = EXCLUDED.action, source = EXCLUDED.source,
    list = EXCLUDED.list, loaded_at = now()`;

export const STORED_LISTS = `SELECT list FROM warninglist ORDER BY name`;

export const INSERT_HITS = `
  INSERT INTO warninglist_hit (object_pk, list, action, type, value)
  SELECT object_pk, list, action, type, value
  FROM jsonb_to_recordset($1::jsonb) AS hit(object_pk bigint, list text, action text, type text, value text)
  ON CONFLICT DO NOTHING`;
