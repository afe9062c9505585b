import GRDB

/// The ledger's tables, made and changed by numbered migrations (GRDB's
/// `DatabaseMigrator` records which ran in `grdb_migrations`), so a file
/// written by an older armox is brought up to date when a newer one opens
/// it. docs/ledger.md documents every table and column.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, status changes, downloads, prompt search") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  server TEXT NOT NULL,
                  session TEXT NOT NULL,
                  source TEXT NOT NULL,
                  script TEXT,
                  kind TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  app_name TEXT,
                  input TEXT NOT NULL,
                  prompt TEXT,
                  webhook TEXT,
                  estimated_cost INTEGER,
                  state TEXT NOT NULL,
                  job_id TEXT,
                  status TEXT,
                  credits_charged INTEGER,
                  credits_refunded INTEGER NOT NULL DEFAULT 0,
                  outputs TEXT NOT NULL DEFAULT '[]',
                  output TEXT,
                  error TEXT,
                  sent_at TEXT NOT NULL,
                  created_at TEXT,
                  completed_at TEXT,
                  updated_at TEXT NOT NULL
                );
                CREATE INDEX runs_by_server_and_time ON runs(server, sent_at);
                CREATE INDEX runs_by_job ON runs(job_id);
                CREATE INDEX runs_by_script_run ON runs(script, subject);
                CREATE INDEX runs_unfinished ON runs(server, status) WHERE status IN ('pending', 'processing');

                CREATE TABLE status_changes (
                  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  status TEXT NOT NULL,
                  at TEXT NOT NULL
                );
                CREATE INDEX status_changes_by_run ON status_changes(run_id);

                CREATE TABLE downloads (
                  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                  url TEXT NOT NULL,
                  path TEXT NOT NULL,
                  size INTEGER NOT NULL,
                  sha256 TEXT NOT NULL,
                  at TEXT NOT NULL
                );
                CREATE INDEX downloads_by_run ON downloads(run_id);

                CREATE VIRTUAL TABLE runs_search USING fts5(prompt, content='runs', content_rowid='id');
                CREATE TRIGGER runs_search_insert AFTER INSERT ON runs BEGIN
                  INSERT INTO runs_search(rowid, prompt) VALUES (new.id, new.prompt);
                END;
                CREATE TRIGGER runs_search_delete AFTER DELETE ON runs BEGIN
                  INSERT INTO runs_search(runs_search, rowid, prompt) VALUES ('delete', old.id, old.prompt);
                END;
                """)
        }
        return migrator
    }
}
