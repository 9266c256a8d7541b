import GRDB

extension SQLiteRecordStore {
    /// The schema, one migration per change; never edit a migration that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 attempts") { db in
            // One row per attempt. `policy_versions` and `answers` hold canonical JSON. `import_key`
            // is set only for imported completions; it is not part of the hash (it only dedupes).
            try db.execute(
                sql: """
                    CREATE TABLE attempts (
                        sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
                        id TEXT NOT NULL UNIQUE,
                        person TEXT NOT NULL,
                        quiz_id TEXT NOT NULL,
                        quiz_content_sha256 TEXT NOT NULL,
                        policy_versions TEXT NOT NULL,
                        answers TEXT NOT NULL,
                        score_percent INTEGER NOT NULL,
                        passed INTEGER NOT NULL,
                        recorded_at TEXT NOT NULL,
                        identity_source TEXT NOT NULL,
                        import_key TEXT UNIQUE,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE INDEX attempts_by_person ON attempts (person, sequence);
                    -- Append-only: a guard against accidents. Deliberate tampering is what the hash chain shows.
                    CREATE TRIGGER attempts_no_update BEFORE UPDATE ON attempts
                        BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;
                    CREATE TRIGGER attempts_no_delete BEFORE DELETE ON attempts
                        BEGIN SELECT RAISE(ABORT, 'training records are append-only'); END;
                    """)
        }
        migrator.registerMigration("v2 latest pass per quiz") { db in
            // "My training" asks for each quiz's latest pass of one person; without this index that
            // question scanned the person's whole history once per pass (quadratic in the history).
            try db.execute(
                sql: """
                    CREATE INDEX attempts_latest_pass ON attempts (person, quiz_id, passed, recorded_at, sequence)
                    """)
        }
        migrator.registerMigration("v3 invitation redemptions") { db in
            // Invitation links sign in once: each used link's nonce, until the link would have
            // expired anyway. Not part of the attempts' hash chain.
            try db.execute(
                sql: """
                    CREATE TABLE invitation_redemptions (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        redeemed_at TEXT NOT NULL,
                        expires INTEGER NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v4 record kind") { db in
            // Policy acceptances join the attempts in the same table and hash chain; earlier rows are
            // attempts. The partial index serves "this person's acceptances".
            try db.execute(
                sql: """
                    ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'attempt';
                    CREATE INDEX attempts_acceptances ON attempts (person, sequence) WHERE kind = 'acceptance';
                    """)
        }
        migrator.registerMigration("v5 reminder ledger") { db in
            // The reminders sent (or being sent, or failed) by `attest training remind`, one row per
            // message: claimed before sending, so that two runs send it once and a crash never twice.
            // Not part of the attempts' hash chain.
            try db.execute(
                sql: """
                    CREATE TABLE reminder_ledger (
                        channel TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        digest TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        items TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
                        claimed_at TEXT NOT NULL,
                        finished_at TEXT,
                        detail TEXT,
                        attempts INTEGER NOT NULL,
                        PRIMARY KEY (channel, recipient, digest)
                    )
                    """)
        }
        return migrator
    }
}
