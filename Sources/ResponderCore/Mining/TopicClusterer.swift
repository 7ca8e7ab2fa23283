/// Groups texts into topics by their words, deterministically: the same texts in the same order
/// give the same topics.
///
/// Over term vectors (`TermVectors`), in three steps:
/// 1. Leaders: distinct texts are taken most frequent first (ties: input order), so that a
///    topic starts from its most common phrasing. Each joins the topic whose centroid is most
///    similar (cosine), if that reaches `similarity`, or starts a topic of its own.
/// 2. Merges: topics whose centroids are at least `mergeSimilarity` alike (one topic phrased two
///    ways) merge, in rounds of reciprocal nearest neighbours, so that the result does not
///    depend on the order topics are visited in.
/// 3. Every text is assigned again to its most similar final centroid (a text that started a
///    topic before its typical phrasing arrived moves there), and topics are rebuilt.
/// Similarities come from an inverted index from term to the centroids that have it, summed
/// in an array; terms that hundreds of topics share are left out of the sums, so time grows
/// with the texts, not with their square.
public struct TopicClusterer: Sendable {
    /// A topic: its members' positions in the input, most representative first.
    public struct Topic: Sendable, Equatable {
        /// Positions of the member texts in the input, most similar to the centroid first.
        public let members: [Int]
        /// Total weight (number of messages) of the members.
        public let weight: Int
    }

    /// The lowest cosine similarity between a text and a topic's centroid for it to join.
    public var similarity: Double
    /// The lowest cosine similarity between two topics' centroids for them to merge.
    public var mergeSimilarity: Double

    /// Creates a clusterer. The defaults were chosen with `responder-bench topics` on CLINC150
    /// val, HWU64 train (25 lines an intent), SMP2019 train and the support set's training
    /// splits, for topics that hold one intent (purity 0.69-0.87) and an own topic for nearly
    /// every intent (145 of 150 on CLINC150 val); one intent's lines may still fall into
    /// several topics when customers word it in unrelated ways.
    public init(similarity: Double = 0.4, mergeSimilarity: Double = 0.3) {
        self.similarity = similarity
        self.mergeSimilarity = mergeSimilarity
    }

    /// Topics of `vectors.vectors`, where text `i` stands for `weights[i]` messages (1 when no
    /// weights are given), heaviest topic first (ties: earliest first member). Texts with no
    /// terms at all are left out.
    public func topics(of vectors: TermVectors, weights: [Int]? = nil) -> [Topic] {
        let texts = vectors.vectors
        let weights = weights ?? Array(repeating: 1, count: texts.count)
        precondition(weights.count == texts.count, "one weight per text")
        let order = texts.indices.filter { !texts[$0].terms.isEmpty }.sorted {
            weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1
        }
        var centroids = CentroidSet(terms: vectors.terms.count)
        for position in order {
            let vector = texts[position]
            if let (best, score) = centroids.best(for: vector), score >= similarity {
                centroids.add(vector, weight: weights[position], to: best)
            } else {
                centroids.start(vector, weight: weights[position])
            }
        }
        centroids.merge(above: mergeSimilarity)
        // Every text belongs to some centroid by now (a text alone is its own, with similarity
        // 1), so each goes to its most similar one, however similar.
        var members: [Int: [(position: Int, score: Double)]] = [:]
        var alone: [Int] = []
        for position in order {
            if let (best, score) = centroids.best(for: texts[position]) {
                members[best, default: []].append((position, score))
            } else {
                alone.append(position)
            }
        }
        var topics = members.values.map { list in
            Topic(
                members: list.sorted { a, b in
                    if a.score != b.score { return a.score > b.score }
                    if weights[a.position] != weights[b.position] { return weights[a.position] > weights[b.position] }
                    return a.position < b.position
                }.map(\.position),
                weight: list.reduce(0) { $0 + weights[$1.position] })
        }
        topics += alone.map { Topic(members: [$0], weight: weights[$0]) }
        return topics.sorted {
            $0.weight != $1.weight ? $0.weight > $1.weight : $0.members.min()! < $1.members.min()!
        }
    }
}

/// Topic centroids (each the sum of its members' vectors) with an inverted index from term to
/// the centroids that have it and their value there, so that a vector's similarity to every
/// centroid is summed term by term into an array.
private struct CentroidSet {
    /// For each term, the topics whose centroid has it and the centroid's value.
    private var postings: [[(topic: Int32, value: Double)]]
    /// For each topic, its terms and where each sits in that term's postings.
    private var slots: [[Int32: Int32]] = []
    private var squaredLengths: [Double] = []
    /// Topics merged into another: no longer found.
    private var merged: [Bool] = []
    /// Scratch: summed dot products by topic, and the topics touched.
    private var scores: [Double] = []
    private var touched: [Int32] = []

    init(terms: Int) {
        postings = Array(repeating: [], count: terms)
    }

    /// The topic whose centroid is most similar to `vector` (cosine; ties to the older topic)
    /// and the similarity.
    mutating func best(for vector: Vector) -> (Int, Double)? {
        for (term, weight) in zip(vector.terms, vector.weights) {
            accumulate(term: term, weight: weight)
        }
        return bestTouched(excluding: nil, length: 1)
    }

    /// Starts a topic with `vector`.
    mutating func start(_ vector: Vector, weight: Int) {
        slots.append([:])
        squaredLengths.append(0)
        merged.append(false)
        scores.append(0)
        add(vector, weight: weight, to: slots.count - 1)
    }

    /// Adds `vector`, `weight` times, to `topic`'s centroid.
    mutating func add(_ vector: Vector, weight: Int, to topic: Int) {
        for (term, value) in zip(vector.terms, vector.weights) {
            add(term: term, value: value * Double(weight), to: topic)
        }
    }

    /// Merges topics whose centroids are at least `threshold` alike, in rounds: in each, every
    /// topic finds its most similar other, and pairs that are each other's most similar merge.
    mutating func merge(above threshold: Double) {
        for _ in 0..<32 {
            var nearest: [Int: (Int, Double)] = [:]
            for topic in slots.indices where !merged[topic] {
                // In term order: a dictionary's order changes from one process to the next, and
                // so would the rounding of the sums.
                for (term, slot) in slots[topic].sorted(by: { $0.key < $1.key }) {
                    accumulate(term: term, weight: postings[Int(term)][Int(slot)].value)
                }
                if let best = bestTouched(excluding: topic, length: squaredLengths[topic].squareRoot()),
                    best.1 >= threshold
                {
                    nearest[topic] = best
                }
            }
            var changed = false
            for topic in slots.indices where !merged[topic] {
                guard let (other, _) = nearest[topic], topic < other, nearest[other]?.0 == topic, !merged[other]
                else { continue }
                for (term, slot) in slots[other].sorted(by: { $0.key < $1.key }) {
                    add(term: term, value: postings[Int(term)][Int(slot)].value, to: topic)
                }
                merged[other] = true
                changed = true
            }
            if !changed { return }
        }
    }

    /// Terms more topics than this have are not summed: words every topic shares ("my", "how",
    /// "的") add little to any similarity, and summing them would cost a pass over every topic.
    static let commonTermTopics = 400

    private mutating func accumulate(term: Int32, weight: Double) {
        let posting = postings[Int(term)]
        guard posting.count <= Self.commonTermTopics else { return }
        for (topic, value) in posting {
            if scores[Int(topic)] == 0 { touched.append(topic) }
            scores[Int(topic)] += weight * value
        }
    }

    /// The most similar topic among those touched since the last call (cosine against a vector
    /// of `length`), and clears the scores.
    private mutating func bestTouched(excluding: Int?, length: Double) -> (Int, Double)? {
        var best: (Int, Double)?
        for topic in touched {
            let index = Int(topic)
            let dot = scores[index]
            scores[index] = 0
            guard index != excluding, !merged[index], dot > 0 else { continue }
            let score = dot / (squaredLengths[index].squareRoot() * length)
            if let current = best, current.1 > score || (current.1 == score && current.0 < index) { continue }
            best = (index, score)
        }
        touched.removeAll(keepingCapacity: true)
        return best
    }

    private mutating func add(term: Int32, value: Double, to topic: Int) {
        let old: Double
        if let slot = slots[topic][term] {
            old = postings[Int(term)][Int(slot)].value
            postings[Int(term)][Int(slot)].value = old + value
        } else {
            old = 0
            slots[topic][term] = Int32(postings[Int(term)].count)
            postings[Int(term)].append((Int32(topic), value))
        }
        squaredLengths[topic] += (old + value) * (old + value) - old * old
    }
}

private typealias Vector = TermVectors.Vector
