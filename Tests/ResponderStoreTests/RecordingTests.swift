import Foundation
import GRDB
import ResponderCore
import Testing

@testable import ResponderStore

@Suite("Recording messages")
struct RecordingTests {
    @Test("The file is created private (0600) and in WAL mode")
    func fileModeAndJournal() throws {
        let temporary = try TemporaryStore()
        let attributes = try FileManager.default.attributesOfItem(atPath: temporary.store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let mode = try temporary.store.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try temporary.store.integrityProblems().isEmpty)
    }

    @Test("Text, customer ids, replies and comments are redacted before they are stored")
    func redactionAtRest() throws {
        let temporary = try TemporaryStore(redactor: Redactor())
        let store = temporary.store
        var incoming = message(
            "c1", at: "2026-11-23T10:00:00Z", group: "billing", text: "card 4111 1111 1111 1111, mail me: a@b.com")
        incoming.customer = "a@b.com"
        let workOrder = try #require(try store.record(incoming).workOrder)
        #expect(workOrder.text == "card [card], mail me: [email]")
        #expect(workOrder.customer?.hasPrefix("[email:") == true, "customer ids get a pseudonym, not a bare mask")
        try store.reply(to: workOrder.id, agent: "alice", text: "Call 13800138000?", at: at("2026-11-23T10:01:00Z"))
        #expect(try store.replies(to: workOrder.id).first?.text == "Call [phone]?")
        try store.rate(.workOrder(workOrder.id), score: 4, comment: "ok, a@b.com")
        let stored = try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT text FROM work_order UNION ALL SELECT coalesce(text, '') FROM ledger
                    UNION ALL SELECT coalesce(customer, '') FROM ledger UNION ALL SELECT comment FROM rating
                    """)
        }
        for value in stored {
            #expect(!value.contains("4111"))
            #expect(!value.contains("a@b.com"))
            #expect(!value.contains("13800138000"))
        }
    }

    @Test("Personal data glued into identifiers is pseudonymised in every identifier field, channel included")
    func gluedIdentifiersArePseudonymised() throws {
        let temporary = try TemporaryStore(redactor: Redactor())
        let store = temporary.store
        var incoming = message(
            "wa-13800138000", at: "2026-11-23T10:00:00Z", group: "billing", channel: "whatsapp:+8613800138000",
            text: "call tel-13800138000", key: "u-+8613800138000-1")
        incoming.customer = "x4111111111111111"
        let workOrder = try #require(try store.record(incoming).workOrder)
        #expect(workOrder.channel.hasPrefix("whatsapp:[phone:"), "\(workOrder.channel)")
        #expect(workOrder.conversation.hasPrefix("wa-[phone:"), "\(workOrder.conversation)")
        let stored = try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT conversation || channel || coalesce(customer, '') || text FROM work_order
                    UNION ALL SELECT conversation || channel || coalesce(customer, '') || coalesce(message_key, '')
                        || coalesce(text, '') FROM ledger
                    """)
        }
        for value in stored {
            #expect(!value.contains("13800138000") && !value.contains("4111111111111111"), "\(value)")
        }
    }

    @Test("Ids stored as written before glued numbers were personal data are still found")
    func legacyGluedIdentifiersAreFound() throws {
        let temporary = try TemporaryStore(redactor: Redactor())
        // A row as an older Responder stored it: the id as written, and the migration's flag.
        try temporary.store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ledger (kind, conversation, channel, received_at, responded_at, responder, decision,
                        intent, confidence, latency_us, locale, kb_version, message_key, text, candidates, options)
                    VALUES ('customer', 'wa-13800138000', 'chat', 1795000000000, 1795000000000, 'bot', 'answer',
                        'hello', 0.9, 5, 'en', 'v1', 'm-1', 'hello', '[]', '[]')
                    """)
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('legacy_glued_ids', 1)")
        }
        let reopened = try Store(path: temporary.store.path, redactor: Redactor())
        #expect(try reopened.conversation("wa-13800138000").turns.count == 1)
        #expect(try reopened.recordedMessage(conversation: "wa-13800138000", messageKey: "m-1") != nil)
        // A new message of the conversation is stored under the pseudonym, and found with the old.
        try reopened.record(message("wa-13800138000", at: "2026-11-23T10:00:00Z", decision: .answer))
        #expect(try reopened.conversation("wa-13800138000").turns.count == 2)
        #expect(
            try TemporaryStore(redactor: Redactor()).store.database.read {
                try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE name = 'legacy_glued_ids')")
            } == false, "a new store has nothing to be compatible with")
    }

    @Test("The ledger keeps every customer message's redacted text: answered, clarified and escalated")
    func ledgerKeepsText() throws {
        let store = try TemporaryStore(redactor: Redactor()).store
        try store.record(message("a", at: "2026-11-23T10:00:00Z", decision: .answer, text: "refund a@b.com?"))
        try store.record(message("c", at: "2026-11-23T10:01:00Z", decision: .clarify, text: "help a@b.com"))
        try store.record(message("e", at: "2026-11-23T10:02:00Z", group: "billing", text: "call 13800138000"))
        let texts = try store.database.read { db in
            try String?.fetchAll(db, sql: "SELECT text FROM ledger WHERE kind = 'customer' ORDER BY id")
        }
        #expect(texts == ["refund [email]?", "help [email]", "call [phone]"])
    }

    @Test("Personal data in ids becomes a keyed pseudonym: distinct people stay distinct, lookups still work")
    func pseudonymousIdentifiers() throws {
        let temporary = try TemporaryStore(redactor: Redactor())
        let store = temporary.store
        var first = message("wechat:13800138000", at: "2026-11-23T10:00:00Z", group: "g", key: "li@example.com-1")
        first.customer = "13800138000"
        var second = message("wechat:13900139000", at: "2026-11-23T10:01:00Z", group: "g")
        second.customer = "13900139000"
        let a = try #require(try store.record(first).workOrder)
        let b = try #require(try store.record(second).workOrder)
        #expect(a.conversation.hasPrefix("wechat:[phone:"))
        #expect(
            a.conversation.wholeMatch(of: /wechat:\[phone:[0-9a-f]{16}\]/) != nil,
            "64 bits of HMAC-SHA256: \(a.conversation)")
        #expect(!a.conversation.contains("13800138000"))
        #expect(a.conversation != b.conversation)
        for spelling in ["+86 138-0013-8000", "８６－１３８００１３８０００", "0086 138 0013 8000"] {
            #expect(
                Store.canonical(Substring(spelling), kind: .phone) == "13800138000",
                "\(spelling): one person, one pseudonym")
        }
        #expect(a.customer != b.customer)
        #expect(try store.record(first).isDuplicate, "a retry with the same id is still recognised")
        #expect(try store.recordedMessage(conversation: "wechat:13800138000", messageKey: "li@example.com-1") != nil)
        try store.rate(.conversation("wechat:13800138000"), score: 4)
        let stored = try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT conversation FROM ledger UNION ALL SELECT coalesce(message_key, '') FROM ledger
                    UNION ALL SELECT target FROM rating UNION ALL SELECT coalesce(customer, '') FROM work_order
                    """)
        }
        #expect(stored.allSatisfy { !$0.contains("13800138000") && !$0.contains("li@example.com") })
    }

    @Test("A store from before HMAC pseudonyms still finds its messages under their 32-bit pseudonyms")
    func legacyPseudonyms() throws {
        let temporary = try TemporaryStore()
        let path = temporary.folder.appendingPathComponent("legacy.sqlite").path
        // The store as the first schema made it, holding one answered message whose ids got
        // SipHash pseudonyms.
        let conversation = "wechat:13800138000"
        let messageKey = "li@example.com-1"
        let old = try DatabaseQueue(path: path)
        let legacyLedgerID = try old.write { db in
            try db.execute(sql: Schema.migrations[0])
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
            let key = try #require(try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'pseudonym_key'"))
            try db.execute(
                sql: """
                    INSERT INTO ledger (kind, conversation, channel, received_at, responded_at, responder, latency_us,
                        decision, intent, confidence, locale, kb_version, message_key)
                    VALUES ('customer', ?, 'chat', 0, 5, 'bot', 5000, 'answer', 'refund', 0.9, 'en', 'v1', ?)
                    """,
                arguments: [
                    legacyPseudonymised(conversation, key: Array(key)),
                    legacyPseudonymised(messageKey, key: Array(key)),
                ])
            return db.lastInsertedRowID
        }
        try old.close()

        let store = try Store(path: path, redactor: Redactor())
        let stored = try #require(try store.recordedMessage(conversation: conversation, messageKey: messageKey))
        #expect(stored.ledgerID == legacyLedgerID)
        #expect(stored.intent == "refund")
        #expect(stored.text == nil && stored.candidates.isEmpty && stored.options.isEmpty)
        let retry = try store.record(message(conversation, at: "2026-11-23T10:00:00Z", key: messageKey))
        #expect(retry.isDuplicate && retry.ledgerID == legacyLedgerID)
        try store.rate(.conversation(conversation), score: 4)
        let rated = try store.database.read { try Int64.fetchAll($0, sql: "SELECT message FROM rating") }
        #expect(rated == [legacyLedgerID])

        // The conversation goes on under its new pseudonym; rating it again replaces the rating.
        let next = try store.record(message(conversation, at: "2026-11-23T10:05:00Z", decision: .answer, key: "m-2"))
        #expect(!next.isDuplicate)
        try store.rate(.conversation(conversation), score: 2)
        let ratings = try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT message, score FROM rating").map { [$0[0] as Int64, $0[1] as Int64] }
        }
        #expect(ratings == [[next.ledgerID, 2]])
        let conversations = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT conversation FROM ledger ORDER BY id")
        }
        #expect(conversations[0].wholeMatch(of: /wechat:\[phone:[0-9a-f]{8}\]/) != nil)
        #expect(conversations[1].wholeMatch(of: /wechat:\[phone:[0-9a-f]{16}\]/) != nil)
        #expect(try store.recordedMessage(conversation: conversation, messageKey: "m-2")?.ledgerID == next.ledgerID)

        let flag = "SELECT count(*) FROM meta WHERE name = 'legacy_pseudonyms'"
        #expect(try store.database.read { try Int.fetchOne($0, sql: flag) } == 1)
        #expect(try temporary.store.database.read { try Int.fetchOne($0, sql: flag) } == 0, "a new store has none")
    }

    @Test("Without a redactor text is stored as given")
    func noRedaction() throws {
        let store = try TemporaryStore(redactor: nil).store
        let workOrder = try store.record(message("c1", at: "2026-11-23T10:00:00Z", group: "g", text: "a@b.com"))
            .workOrder
        #expect(workOrder?.text == "a@b.com")
    }

    @Test("A retried message (same conversation and key) is recognised, not recorded twice")
    func duplicates() throws {
        let store = try TemporaryStore().store
        let first = try store.record(message("c1", at: "2026-11-23T10:00:00Z", group: "billing", key: "m-1"))
        let retry = try store.record(message("c1", at: "2026-11-23T10:00:02Z", group: "billing", key: "m-1"))
        #expect(retry.isDuplicate)
        #expect(retry.ledgerID == first.ledgerID)
        #expect(retry.workOrder?.id == first.workOrder?.id)
        let other = try store.record(message("c2", at: "2026-11-23T10:00:03Z", group: "billing", key: "m-1"))
        #expect(!other.isDuplicate, "keys are per conversation")
        #expect(try store.workOrders().count == 2)
    }

    @Test("A retry gets the recorded outcome in full: text, candidates and a clarify's options")
    func retryGetsFullOutcome() throws {
        let temporary = try TemporaryStore(redactor: Redactor())
        let triage = try clarifyingTriage(in: temporary.folder)
        let (outcome, record) = triage.handle(
            "refund my order", conversation: "c1", channel: "chat", messageKey: "m-1")
        try #require(outcome.reply.decision == .clarify)
        #expect(record.options.map(\.intent) == outcome.reply.options.map(\.intent))
        try temporary.store.record(record)
        let stored = try #require(try temporary.store.recordedMessage(conversation: "c1", messageKey: "m-1"))
        #expect(stored.decision == .clarify)
        #expect(stored.text == "refund my order")
        #expect(Set(stored.options.map(\.intent)) == ["refund-card", "refund-wallet"])
        #expect(stored.options.allSatisfy { $0.question == "refund my order" })
        #expect(stored.candidates == record.candidates)
        #expect(stored.candidates.count == 2)

        try temporary.store.record(message("c2", at: "2026-11-23T10:00:00Z", decision: .answer, key: "m-2"))
        let answered = try #require(try temporary.store.recordedMessage(conversation: "c2", messageKey: "m-2"))
        #expect(answered.candidates == [CandidateScore(intent: "some-intent", confidence: 0.4)])
        #expect(answered.options.isEmpty)
    }

    @Test("Ratings: 1-5 only; rating again replaces; unknown targets are errors")
    func ratings() throws {
        let store = try TemporaryStore().store
        try store.record(message("c1", at: "2026-11-23T10:00:00Z", decision: .answer))
        #expect(throws: StoreError.self) { try store.rate(.conversation("c1"), score: 6) }
        #expect(throws: StoreError.self) { try store.rate(.conversation("c1"), score: 0) }
        #expect(throws: StoreError.unknownConversation("nope")) { try store.rate(.conversation("nope"), score: 3) }
        #expect(throws: StoreError.unknownWorkOrder("WO-000009")) {
            try store.rate(.workOrder(WorkOrderID(9)), score: 3)
        }
        try store.rate(.conversation("c1"), score: 2)
        try store.rate(.conversation("c1"), score: 5)
        let scores = try store.database.read { try Int.fetchAll($0, sql: "SELECT score FROM rating") }
        #expect(scores == [5])
    }

    @Test("A work order no agent has answered cannot be rated; its conversation (the bot's reply) can")
    func ratingUnansweredWorkOrder() throws {
        let store = try TemporaryStore().store
        let id = try #require(
            try store.record(message("c1", at: "2026-11-23T10:00:00Z", decision: .answer, group: "complaints"))
                .workOrder?.id)
        try store.assign(id, to: "alice", at: at("2026-11-23T10:01:00Z"))
        let error = #expect(throws: StoreError.self) { try store.rate(.workOrder(id), score: 2) }
        #expect(error == .notResponded(id))
        #expect(error?.description == "WO-000001 has no agent reply yet: rate it after an agent answers")
        #expect(try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rating") } == 0)
        try store.rate(.conversation("c1"), score: 4)
        try store.reply(to: id, agent: "alice", text: "Sorry", at: at("2026-11-23T10:05:00Z"))
        try store.rate(.workOrder(id), score: 5)
        let scores = try store.database.read { try Int.fetchAll($0, sql: "SELECT score FROM rating ORDER BY id") }
        #expect(scores == [4, 5])
    }

    @Test("Several stores on one file (as several processes would) never lose or duplicate work orders")
    func concurrentWriters() async throws {
        let temporary = try TemporaryStore()
        let path = temporary.store.path
        let perWriter = 50
        try await withThrowingTaskGroup(of: [WorkOrderID].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = try Store(path: path)
                    return try (0..<perWriter).map { index in
                        try #require(
                            try store.record(message("w\(writer)-\(index)", at: "2026-11-23T10:00:00Z", group: "g"))
                                .workOrder?.id)
                    }
                }
            }
            var ids: [WorkOrderID] = []
            for try await batch in group { ids += batch }
            #expect(ids.count == 4 * perWriter)
            #expect(Set(ids).count == 4 * perWriter)
        }
        #expect(try temporary.store.workOrders().count == 4 * perWriter)
    }

    @Test("A file from a newer responder is refused, not modified")
    func newerSchema() throws {
        let temporary = try TemporaryStore()
        try temporary.store.database.write { try $0.execute(sql: "PRAGMA user_version = 99") }
        try temporary.store.database.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let cookie = { try temporary.store.database.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") } }
        let (before, bytes) = (try cookie(), FileManager.default.contents(atPath: temporary.store.path))
        #expect(throws: StoreError.newerSchema(path: temporary.store.path, version: 99, known: Schema.migrations.count))
        {
            _ = try Store(path: temporary.store.path)
        }
        #expect(try cookie() == before, "not even the schema cookie moved")
        #expect(FileManager.default.contents(atPath: temporary.store.path) == bytes)
    }

    @Test("Another application's SQLite file is refused and left untouched")
    func foreignDatabase() throws {
        let temporary = try TemporaryStore()
        let path = temporary.folder.appendingPathComponent("other.sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        #expect(throws: StoreError.notAStore(path: path, reason: "it is another application's SQLite database")) {
            _ = try Store(path: path)
        }
        let (tables, journal) = try DatabaseQueue(path: path).read {
            (
                try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                try String.fetchOne($0, sql: "PRAGMA journal_mode")
            )
        }
        #expect(tables == ["notes"])
        #expect(journal == "delete", "not even switched to WAL")
    }

    @Test("Commands that only work the queue never create or initialise a store")
    func noCreation() throws {
        let temporary = try TemporaryStore()
        let missing = temporary.folder.appendingPathComponent("missing.sqlite").path
        #expect(throws: StoreError.self) { _ = try Store(path: missing, create: false) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let empty = temporary.folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        #expect(throws: StoreError.self) { _ = try Store(path: empty, create: false) }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        _ = try Store(path: temporary.store.path, create: false)
    }

    @Test("A path that cannot be a database is a clear error")
    func unavailable() throws {
        let temporary = try TemporaryStore()
        let error = #expect(throws: StoreError.self) {
            _ = try Store(path: temporary.folder.appendingPathComponent("missing/dir/x.sqlite").path)
        }
        #expect(error?.description.contains("missing/dir/x.sqlite") == true)
    }
}

/// A unit of requests (`batch`) takes the store's write lock at its first change, not before:
/// while it only reads, another process writes.
@Suite("Batches lock at their first change")
struct BatchLockTests {
    @Test func aBatchThatOnlyReadsLetsOthersWriteAndItsChangesStayOneTransaction() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let other = try Store(path: store.path, redactor: nil, busyTimeout: 0.2)
        try store.record(message("a", at: "2026-11-23T10:00:00Z", group: "billing"))
        var duringReads: Result<Void, StoreError>?
        var afterChange: Result<Void, StoreError>?
        var seen = 0
        try store.batch {
            seen = (try? store.messageRecords(from: nil, to: nil).count) ?? -1
            duringReads = Result { () throws(StoreError) in
                _ = try other.record(message("b", at: "2026-11-23T10:01:00Z", group: "billing"))
            }
            _ = try? store.record(message("c", at: "2026-11-23T10:02:00Z", group: "billing"))
            afterChange = Result { () throws(StoreError) in
                _ = try other.record(message("d", at: "2026-11-23T10:03:00Z", group: "billing"))
            }
        }
        #expect(seen == 1)
        #expect(throws: Never.self) { try duringReads?.get() }
        #expect(throws: StoreError.self, "the batch holds the lock from its first change to its commit") {
            try afterChange?.get()
        }
        #expect(
            try store.messageRecords(from: nil, to: nil, withText: true).compactMap(\.conversation) == ["a", "b", "c"])
    }
}
