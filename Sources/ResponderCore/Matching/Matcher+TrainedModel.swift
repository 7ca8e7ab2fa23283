/// A trained model that cannot be used: damaged, cut short, or written for another base or engine.
public struct TrainedModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with it.
    public let reason: String

    public var description: String { "unusable trained model: \(reason)" }
}

extension Matcher {
    /// The version of the trained model's layout and training; part of every cache key, so a
    /// change to either makes old caches unused (bump it whenever training changes).
    public static let modelFormat: UInt32 = 2

    /// What a trained model depends on besides the engine's version: the base's content (its
    /// files' hash), the model settings and the format. Equal keys mean equal models.
    public static func modelKey(base: KnowledgeBase, options: MatcherOptions) -> String {
        let settings = Array(options.trainingFingerprint.utf8)
        let fingerprint = SipHash(k0: 0x6f70_7469_6f6e_7321, k1: 0x6d61_7463_6865_7221).hash(settings)
        return "format \(modelFormat), base \(base.version), options \(String(fingerprint, radix: 16))"
    }

    private static let magic: UInt32 = 0x5253_504D  // "RSPM"

    /// The trained parts (index weights and calibrator) as bytes, ending in a checksum, for a
    /// cache to store; `init(base:options:trainedModel:key:)` reads them back.
    public func trainedModel(key: String) -> [UInt8] {
        var writer = ModelWriter()
        writer.write(Self.magic)
        writer.write(Self.modelFormat)
        writer.write(key)
        writer.write(UInt64(base.entries.count))
        scorer.index.encode(into: &writer)
        writer.write(calibrator.bias)
        writer.write(array: calibrator.weights)
        writer.write(calibrator.patternLogit)
        writer.write(calibrator.origin.rawValue)
        var bytes = writer.bytes
        withUnsafeBytes(of: modelChecksum(bytes, count: bytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// A matcher for `base` from bytes `trainedModel(key:)` wrote, without training.
    /// - Throws: `TrainedModelError` when the bytes are damaged (checksum, length, impossible
    ///   values) or were written under another `key` (another base, settings or engine).
    public init(base: KnowledgeBase, options: MatcherOptions, trainedModel bytes: [UInt8], key: String)
        throws(TrainedModelError)
    {
        guard bytes.count > 8 else { throw TrainedModelError(reason: "too short") }
        let bodyCount = bytes.count - 8
        var stored: UInt64 = 0
        for (shift, byte) in bytes[bodyCount...].enumerated() { stored |= UInt64(byte) << (8 * shift) }
        guard modelChecksum(bytes, count: bodyCount) == stored else {
            throw TrainedModelError(reason: "checksum mismatch")
        }
        var reader = ModelReader(bytes, count: bodyCount)
        do {
            guard try reader.read(UInt32.self) == Self.magic else { throw TrainedModelError(reason: "not a model") }
            guard try reader.read(UInt32.self) == Self.modelFormat, try reader.readString() == key else {
                throw TrainedModelError(reason: "written for another base, settings or engine")
            }
            guard try reader.read(UInt64.self) == UInt64(base.entries.count) else {
                throw TrainedModelError(reason: "written for another number of entries")
            }
            let index = try TermIndex(from: &reader, entryCount: base.entries.count)
            let bias = try reader.readDouble()
            let weights = try reader.readArray(of: Double.self)
            let patternLogit = try reader.readDouble()
            let origin = ConfidenceCalibrator.Origin(rawValue: try reader.readString())
            guard reader.isAtEnd, let origin, weights.count == ConfidenceFeatures.names.count,
                ([bias, patternLogit] + weights).allSatisfy(\.isFinite)
            else { throw TrainedModelError(reason: "damaged calibrator") }
            self.init(
                base: base, options: options,
                scorer: EntryScorer(index: index, entries: base.entries, options: options),
                calibrator: ConfidenceCalibrator(
                    bias: bias, weights: weights, patternLogit: patternLogit, origin: origin))
        } catch is ModelReader.Corrupt {
            throw TrainedModelError(reason: "cut short or damaged")
        } catch let error as TrainedModelError {
            throw error
        } catch {
            throw TrainedModelError(reason: "\(error)")
        }
    }
}
