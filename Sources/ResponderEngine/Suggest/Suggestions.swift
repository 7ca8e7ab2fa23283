import Foundation
import ResponderCore
import ResponderStore

/// What to add to the knowledge base next, mined from the messages it did not serve well
/// (`MinedMessage`): those messages grouped into topics by their words, largest first, each with
/// the agents' labels, the nearest existing entry, and one suggestion: add the topic's questions
/// to an entry, or write a new entry (drafted from the topic's questions, keywords and the most
/// representative agent reply).
public struct Suggestions: Sendable {
    /// What to do about a topic.
    public enum Kind: String, Sendable {
        /// Add the topic's questions to an existing entry.
        case addQuestions = "add-questions"
        /// Write a new entry for the topic.
        case newEntry = "new-entry"
    }

    /// How many of a topic's messages agents gave one label.
    public struct LabelCount: Sendable, Equatable {
        /// The label.
        public let label: WorkOrderLabel
        /// Messages with it.
        public let count: Int
    }

    /// An agent's reply chosen as a new entry's draft answer.
    public struct DraftAnswer: Sendable, Equatable {
        /// The reply as stored (redacted).
        public let text: String
        /// How many of the topic's work orders had a reply.
        public let replies: Int
    }

    /// One topic.
    public struct Topic: Sendable {
        /// Its messages.
        public let size: Int
        /// `size` over all mined messages.
        public let share: Double
        /// Every member message's stored text, most representative first (repeats included).
        public let texts: [String]
        /// Distinct texts, most representative first.
        public let examples: [String]
        /// Why its messages were mined, and how many for each reason.
        public let reasons: [(reason: MinedMessage.Reason, count: Int)]
        /// The agents' labels on its messages, most frequent first.
        public let labels: [LabelCount]
        /// The entry the current base ranks first for most of its messages, and that entry's mean
        /// confidence over them; nil when no entry is a candidate for any.
        public let nearestEntry: String?
        /// See `nearestEntry`.
        public let nearestConfidence: Double?
        /// The suggestion.
        public let kind: Kind
        /// The entry to add questions to, or the new entry's id.
        public let entry: String
        /// Why this suggestion, for people.
        public let because: String
        /// The questions to add or to draft the entry with, by locale (`nil`: one locale only).
        public let questions: [(locale: String?, texts: [String])]
        /// Keywords (new entries only), best first.
        public let keywords: [TopicKeywords.Keyword]
        /// The group most of its work orders went to (new entries only), when the base has it.
        public let group: String?
        /// The draft answer, when agents replied (new entries only).
        public let answer: DraftAnswer?
        /// When its first and last messages arrived.
        public let firstSeen: Date
        /// See `firstSeen`.
        public let lastSeen: Date
    }

    /// Messages mined.
    public let mined: Int
    /// Why they were mined, and how many for each reason.
    public let reasons: [(reason: MinedMessage.Reason, count: Int)]
    /// Topics of at least `minSize` messages, largest first.
    public let topics: [Topic]
    /// Topics smaller than that, and their messages.
    public let smaller: (topics: Int, messages: Int)
    /// The smallest topic shown.
    public let minSize: Int
    /// Messages with no words to group by ("ok", "?", "what"): in no topic.
    public let ungrouped: Int

    /// At most this many questions a topic suggests.
    public static let questionLimit = 10

    /// Groups `messages` into topics and suggests what to do about each of at least `minSize`
    /// messages.
    ///
    /// - Parameters:
    ///   - responder: the current base, for the nearest entries and the ids in use.
    ///   - nearMiss: an entry that the base ranks first for most of a topic's messages is a near
    ///     miss (add the questions to it) when its mean confidence over them reaches this.
    public init(
        messages: [MinedMessage], responder: AutoResponder, minSize requested: Int, nearMiss: Double,
        clusterer: TopicClusterer = TopicClusterer()
    ) {
        let minSize = max(1, requested)
        let base = responder.base
        // Distinct texts, each standing for the messages that have it.
        var distinct: [String] = []
        var membersOf: [[Int]] = []
        var position: [String: Int] = [:]
        for (index, message) in messages.enumerated() {
            if let known = position[message.text] {
                membersOf[known].append(index)
            } else {
                position[message.text] = distinct.count
                distinct.append(message.text)
                membersOf.append([index])
            }
        }
        let weights = membersOf.map(\.count)
        let vectors = TermVectors(distinct, background: base.entries.flatMap { $0.questions.map(\.text) })
        let found = clusterer.topics(of: vectors, weights: weights)
        let shown = found.filter { $0.weight >= minSize }

        // The current base's best candidate for every text of a shown topic, on every core.
        let ranked = shown.flatMap(\.members)
        let texts = distinct
        let tops = ranked.concurrentMap { index -> (String?, Double) in
            let top = responder.reply(to: texts[index]).match.top
            return (top?.intent, top?.confidence ?? 0)
        }
        var best: [Int: (String?, Double)] = [:]
        for (index, top) in zip(ranked, tops) { best[index] = top }

        var context = DraftContext(base: base)
        mined = messages.count
        reasons = Self.tally(messages.map(\.reason))
        self.minSize = minSize
        smaller = (found.count - shown.count, found.filter { $0.weight < minSize }.reduce(0) { $0 + $1.weight })
        ungrouped = messages.count - found.reduce(0) { $0 + $1.weight }
        topics = shown.map { topic in
            let members = topic.members.flatMap { membersOf[$0].map { messages[$0] } }
            let nearest = Self.nearest(topic.members.map { (best[$0]!, weights[$0]) })
            return Self.topic(
                members: members, distinct: topic.members.map { distinct[$0] }, total: messages.count,
                nearest: nearest, nearMiss: nearMiss,
                keywords: {
                    TopicKeywords.keywords(of: topic.members, texts: distinct, vectors: vectors, weights: weights)
                }, context: &context)
        }
    }

    /// The entry ranked first for the most messages, its mean confidence over them, and the
    /// share of the messages it is first for.
    private static func nearest(_ tops: [((String?, Double), Int)]) -> Nearest? {
        var votes: [String: (weight: Int, confidence: Double)] = [:]
        for ((entry, confidence), weight) in tops {
            guard let entry else { continue }
            votes[entry, default: (0, 0)].weight += weight
            votes[entry, default: (0, 0)].confidence += confidence * Double(weight)
        }
        guard
            let (entry, vote) = votes.max(by: {
                $0.value.weight != $1.value.weight ? $0.value.weight < $1.value.weight : $0.key > $1.key
            })
        else { return nil }
        let total = tops.reduce(0) { $0 + $1.1 }
        return Nearest(
            entry: entry, confidence: vote.confidence / Double(vote.weight),
            share: Double(vote.weight) / Double(max(1, total)))
    }

    /// A topic's nearest entry.
    private struct Nearest {
        let entry: String
        let confidence: Double
        let share: Double
    }

    /// Counts of each value, most frequent first (ties in the order of `Reason`).
    private static func tally(_ reasons: [MinedMessage.Reason]) -> [(reason: MinedMessage.Reason, count: Int)] {
        MinedMessage.Reason.allCases.map { reason in (reason, reasons.filter { $0 == reason }.count) }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
    }

    private static func topic(
        members: [MinedMessage], distinct: [String], total: Int, nearest: Nearest?,
        nearMiss: Double, keywords: () -> [TopicKeywords.Keyword], context: inout DraftContext
    ) -> Topic {
        let size = members.count
        var labelCounts: [WorkOrderLabel: Int] = [:]
        for member in members { if let label = member.label { labelCounts[label, default: 0] += 1 } }
        let labels = labelCounts.map { LabelCount(label: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.label.sortKey < $1.label.sortKey
        }
        let base = context.base
        let kind: Kind
        let entry: String
        let because: String
        if let top = labels.first {
            let labelled = "agents labelled \(top.count) of its \(size) messages"
            switch top.label {
            case .entry(let id) where base.entry(id) != nil:
                (kind, entry, because) = (.addQuestions, id, "\(labelled) \(id)")
            case .entry(let id):
                (kind, entry, because) = (.newEntry, context.newID(id), "\(labelled) \(id), which the base lacks")
            case .newTopic(let name):
                (kind, entry, because) = (.newEntry, context.newID(name), "\(labelled) a new topic, \"\(name)\"")
            }
        } else if let nearest,
            case let rated = members.filter({ $0.reason == .lowRating && $0.intent == nearest.entry }).count,
            rated * 2 >= size
        {
            // Answered by the entry, and rated low: the answer is what to look at first.
            (kind, entry, because) = (
                .addQuestions, nearest.entry,
                "customers rated \(nearest.entry)'s answer 1-2 for \(rated) of them: check that answer first, "
                    + "then whether these questions belong to it"
            )
        } else if let nearest, nearest.share >= 0.5, nearest.confidence >= nearMiss {
            (kind, entry, because) = (
                .addQuestions, nearest.entry,
                String(
                    format: "a near miss: the base ranks %@ first for %.0f%% of them, with a mean confidence of %.2f",
                    nearest.entry, nearest.share * 100, nearest.confidence)
            )
        } else {
            let words = keywords()
            entry = context.newID(
                words.first { $0.text.allSatisfy(\.isASCII) }.map(\.text) ?? "", fallback: distinct[0])
            kind = .newEntry
            because =
                nearest.map {
                    String(
                        format: "no entry comes close: the nearest, %@, has a mean confidence of %.2f", $0.entry,
                        $0.confidence)
                } ?? "no entry is a candidate for any of them"
        }
        let questions = context.questions(distinct, for: kind == .addQuestions ? entry : nil)
        var groups: [String: Int] = [:]
        for member in members {
            if let group = member.group, base.groups.group(group) != nil { groups[group, default: 0] += 1 }
        }
        let replies = members.compactMap(\.agentReply)
        return Topic(
            size: size, share: total == 0 ? 0 : Double(size) / Double(total), texts: members.map(\.text),
            examples: Array(distinct.prefix(5)), reasons: tally(members.map(\.reason)), labels: labels,
            nearestEntry: nearest?.entry, nearestConfidence: nearest?.confidence, kind: kind, entry: entry,
            because: because, questions: questions, keywords: kind == .newEntry ? keywords() : [],
            group: kind == .newEntry
                ? groups.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key : nil,
            answer: kind == .newEntry && !replies.isEmpty
                ? DraftAnswer(text: representative(replies), replies: replies.count) : nil,
            firstSeen: members.map(\.receivedAt).min()!, lastSeen: members.map(\.receivedAt).max()!)
    }

    /// The reply most like the others (the highest total similarity, repeats counted; ties: the
    /// earliest): the one an answer is best drafted from.
    static func representative(_ replies: [String]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for reply in replies {
            if counts[reply] == nil { order.append(reply) }
            counts[reply, default: 0] += 1
        }
        let candidates = Array(order.prefix(200))
        let vectors = TermVectors(candidates).vectors
        var best = (index: 0, score: -Double.infinity)
        for (i, vector) in vectors.enumerated() {
            var score = 0.0
            for (j, other) in vectors.enumerated() { score += vector.dot(other) * Double(counts[candidates[j]]!) }
            if score > best.score + 1e-12 { best = (i, score) }
        }
        return candidates[best.index]
    }
}

/// What drafts need of the base and of each other: ids in use, questions already written.
private struct DraftContext {
    let base: KnowledgeBase
    private var ids: Set<String>
    private var questions: Set<String>

    init(base: KnowledgeBase) {
        self.base = base
        ids = Set(base.entries.map { $0.id.lowercased() })
        questions = Set(base.entries.flatMap { $0.questions.map { EntryDraft.questionKey($0.text) } })
    }

    /// A new entry id from `name` (a topic's name or keyword): lowercase ASCII letters and digits
    /// joined by '-', or `topic-` and a hash of `fallback` when `name` has none; made unique.
    mutating func newID(_ name: String, fallback: String? = nil) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        slug = String(slug.prefix(40))
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty {
            var hasher = ContentHasher()
            hasher.add(fallback ?? name)
            slug = "topic-" + hasher.hex.prefix(8)
        }
        var id = slug
        var suffix = 1
        // Nor a file the base has: copied over it, the draft would replace that file's entries.
        let folder = URL(fileURLWithPath: base.directory).appendingPathComponent("faq/suggested")
        while ids.contains(id.lowercased())
            || FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(id).yaml").path)
        {
            suffix += 1
            id = "\(slug)-\(suffix)"
        }
        ids.insert(id.lowercased())
        return id
    }

    /// Up to `Suggestions.questionLimit` of `texts` no entry has yet (as lint compares questions), by
    /// locale when the base has several; each text is taken once across all drafts.
    mutating func questions(_ texts: [String], for entry: String?) -> [(locale: String?, texts: [String])] {
        let settings = base.settings
        var chosen: [String] = []
        for text in texts where chosen.count < Suggestions.questionLimit {
            let key = EntryDraft.questionKey(text)
            guard !key.isEmpty, questions.insert(key).inserted else { continue }
            chosen.append(text)
        }
        guard settings.locales.count > 1 else { return [(nil, chosen)] }
        var byLocale: [(locale: String?, texts: [String])] = []
        for text in chosen {
            let locale = LocaleDetector.detect(text, locales: settings.locales, fallback: settings.defaultLocale)
            if let index = byLocale.firstIndex(where: { $0.locale == locale }) {
                byLocale[index].texts.append(text)
            } else {
                byLocale.append((locale, [text]))
            }
        }
        return byLocale
    }
}

extension WorkOrderLabel {
    /// Orders labels with equal counts: entries before new topics, then by name.
    var sortKey: String {
        switch self {
        case .entry(let id): "0" + id
        case .newTopic(let name): "1" + name
        }
    }
}
