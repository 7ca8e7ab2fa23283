import GRDB

/// The store's tables, as numbered migrations.
///
/// Migrations are applied inside one `BEGIN IMMEDIATE` transaction that also reads and bumps
/// `PRAGMA user_version`, so processes that open a new file at the same moment apply each
/// migration exactly once.
enum Schema {
    /// Each migration's SQL; the file's `user_version` is how many have been applied.
    static let migrations: [String] = [
        """
        CREATE TABLE work_order (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation TEXT NOT NULL,
            customer TEXT,
            channel TEXT NOT NULL,
            locale TEXT,
            text TEXT NOT NULL,
            group_id TEXT NOT NULL,
            priority TEXT NOT NULL,
            routing_reason TEXT NOT NULL,
            decision TEXT NOT NULL,
            status TEXT NOT NULL,
            candidates TEXT NOT NULL,
            agent TEXT,
            created_at INTEGER NOT NULL,
            assigned_at INTEGER,
            first_response_at INTEGER,
            resolved_at INTEGER,
            sla_due_at INTEGER,
            reopen_count INTEGER NOT NULL DEFAULT 0,
            kb_version TEXT NOT NULL,
            test INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX work_order_by_status ON work_order(status, group_id);
        CREATE INDEX work_order_by_created ON work_order(created_at);

        -- The response ledger: one row per customer message handled (kind 'customer', answered
        -- by the bot) and one per agent reply (kind 'agent', responder 'human').
        CREATE TABLE ledger (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('customer', 'agent')),
            conversation TEXT NOT NULL,
            channel TEXT NOT NULL,
            customer TEXT,
            received_at INTEGER NOT NULL,
            responded_at INTEGER NOT NULL,
            responder TEXT NOT NULL CHECK (responder IN ('bot', 'human')),
            agent TEXT,
            latency_us INTEGER,
            decision TEXT,
            intent TEXT,
            confidence REAL,
            locale TEXT,
            work_order INTEGER REFERENCES work_order(id),
            kb_version TEXT,
            message_key TEXT,
            text TEXT,
            test INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ledger_by_received ON ledger(kind, received_at);
        CREATE INDEX ledger_by_conversation ON ledger(conversation, received_at);
        CREATE INDEX ledger_by_work_order ON ledger(work_order) WHERE work_order IS NOT NULL;
        CREATE UNIQUE INDEX ledger_by_message_key ON ledger(conversation, message_key)
            WHERE message_key IS NOT NULL;

        -- CSAT: one rating per conversation or work order (rating again replaces it), tied to
        -- the customer message whose response it judges.
        CREATE TABLE rating (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL UNIQUE,
            conversation TEXT NOT NULL,
            work_order INTEGER REFERENCES work_order(id),
            message INTEGER NOT NULL REFERENCES ledger(id),
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
            comment TEXT,
            rated_at INTEGER NOT NULL,
            test INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX rating_by_message ON rating(message);

        -- Per-store settings; 'pseudonym_key' keys the pseudonyms that replace personal data in
        -- identifiers (conversation, customer and message ids).
        CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        INSERT INTO meta (name, value) VALUES ('pseudonym_key', randomblob(16));
        """,
        // 2: the ledger keeps each customer message's outcome in full, so that a retry gets it
        // back: its candidates (intent and confidence, best first) and, for a clarify, the
        // options offered (intent and question), as JSON.
        """
        ALTER TABLE ledger ADD COLUMN candidates TEXT;
        ALTER TABLE ledger ADD COLUMN options TEXT;
        """,
        // 3: pseudonyms are 64 bits of HMAC-SHA256 under a new 32-byte key instead of 32 bits of
        // SipHash (which two customers share with even odds at about 77,000 ids). The old ones
        // cannot be recomputed, so 'pseudonym_key' stays, and 'legacy_pseudonyms' marks a store
        // whose customer messages may have ids under it: lookups there try both forms.
        """
        INSERT INTO meta (name, value) VALUES ('pseudonym_hmac_key', randomblob(32));
        INSERT INTO meta (name, value)
            SELECT 'legacy_pseudonyms', 1 WHERE EXISTS (
                SELECT 1 FROM ledger WHERE kind = 'customer'
                    AND (conversation LIKE '%[%:%]%' OR message_key LIKE '%[%:%]%'));
        """,
        // 4: conversations are threads. 'handling' says what the conversation made of a customer
        // message: NULL when it was matched on its own, 'picked:N:number|words' when it answered a
        // clarification with option N, 'joined' when it joined the conversation's open work order
        // (decision 'handoff'; its work_order is that one, which it did not open), 'handed-off:N'
        // when N failures in a row opened a work order. Work orders are found by conversation, and
        // a message's next agent reply by work order and time.
        """
        ALTER TABLE ledger ADD COLUMN handling TEXT;
        CREATE INDEX work_order_by_conversation ON work_order(conversation, status);
        CREATE INDEX ledger_by_work_order_time ON ledger(work_order, kind, responded_at)
            WHERE work_order IS NOT NULL;
        DROP INDEX ledger_by_work_order;
        """,
        // 5: agents label what they resolve: the knowledge-base entry that would have answered
        // the message ('label_entry'), or the short name of a topic the base lacks
        // ('label_topic'); at most one of the two is set.
        """
        ALTER TABLE work_order ADD COLUMN label_entry TEXT;
        ALTER TABLE work_order ADD COLUMN label_topic TEXT;
        """,
        // 6: numbers glued to letters ('wa-13800138000', 'x4111111111111111') are personal data
        // now. Rows written before may hold such ids as written: 'legacy_glued_ids' marks a
        // store that has any, and lookups there try the id as written too.
        """
        INSERT INTO meta (name, value)
            SELECT 'legacy_glued_ids', 1 WHERE EXISTS (SELECT 1 FROM ledger WHERE kind = 'customer');
        """,
    ]

    /// `PRAGMA application_id` of a Responder store ("RSPD"), so that no other application's
    /// SQLite file is ever taken for one, let alone migrated.
    static let applicationID: Int32 = 0x5253_5044

    /// Brings the file at `path` up to the newest schema. With `create` false, a file that is not
    /// already a Responder store is refused instead of initialised.
    static func migrate(_ database: DatabaseQueue, path: String, create: Bool) throws {
        try database.writeWithoutTransaction { db in
            // Cheap check first: an up-to-date file needs no write lock.
            if try identify(db, path: path, create: create) == migrations.count { return }
            try db.inTransaction(.immediate) {
                let version = try identify(db, path: path, create: create)
                if version > migrations.count {
                    throw StoreError.newerSchema(path: path, version: version, known: migrations.count)
                }
                for sql in migrations[version...] { try db.execute(sql: sql) }
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(migrations.count)")
                return .commit
            }
        }
    }

    /// The file's schema version, after checking that it is a Responder store (or, when
    /// `create`, an empty database that may become one).
    static func identify(_ db: Database, path: String, create: Bool) throws -> Int {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if application == applicationID { return version }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if application != 0 || version != 0 || tables > 0 {
            throw StoreError.notAStore(path: path, reason: "it is another application's SQLite database")
        }
        if !create {
            throw StoreError.notAStore(path: path, reason: "it is an empty database; `responder ask` creates a store")
        }
        return 0
    }
}
