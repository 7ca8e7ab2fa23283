import Foundation

// Benchmarks, run through `scripts/bench`:
//
//   responder-bench --kb DIR FILE.jsonl [--repeat N] [--loads N]    the matcher
//   responder-bench store [--escalations N] [--rows N] [--dir DIR]  the store: escalations/s, report time
//   responder-bench serve --responder BIN --kb DIR [--count N] FILE.jsonl    messages/s through `serve`
//   responder-bench decode [N]                                       a request's decoding, two ways
//   responder-bench topics FILE.jsonl [--similarity X] [--times K]   how kb suggest groups labelled lines

do {
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "store" {
        arguments.removeFirst()
        try runStoreBench(arguments)
    } else if arguments.first == "decode" {
        try runDecodeBench(Array(arguments.dropFirst()))
    } else if arguments.first == "topics" {
        try runTopicsBench(Array(arguments.dropFirst()))
    } else if arguments.first == "serve" {
        arguments.removeFirst()
        try runServeBench(arguments)
    } else {
        try runMatcherBench(arguments)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
