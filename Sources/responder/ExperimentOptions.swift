import Foundation
import ResponderCore

// TEMPORARY: tuning harness, not to be committed.
enum ExperimentOptions {
    static func fromEnvironment() -> MatcherOptions {
        var o = MatcherOptions.standard
        let env = ProcessInfo.processInfo.environment
        if let v = env["M_ALPHA"].flatMap(Double.init) { o.smoothing = v }
        if let v = env["M_UNI"].flatMap(Double.init) { o.familyWeights[.unigram] = v }
        if let v = env["M_BI"].flatMap(Double.init) { o.familyWeights[.bigram] = v }
        if let v = env["M_CHAR"].flatMap(Double.init) { o.familyWeights[.chargram] = v }
        if let v = env["M_CLO"].flatMap(Int.init), let h = env["M_CHI"].flatMap(Int.init) { o.tokenizer.charGramLengths = v...h }
        if let v = env["M_SCALE"].flatMap(Double.init) { o.confidenceScale = v }
        if let v = env["M_EPOCHS"].flatMap(Int.init) { o.refinementEpochs = v }
        if let v = env["M_MARGIN"].flatMap(Double.init) { o.refinementMargin = v }
        if let v = env["M_RATE"].flatMap(Double.init) { o.refinementRate = v }
        if env["M_REFINE_ALL"] != nil { o.refinedFamilies = [.unigram, .bigram, .chargram] }
        return o
    }
}
