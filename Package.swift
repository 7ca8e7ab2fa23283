// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Responder",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "responder", targets: ["responder"]),
        .library(name: "ResponderCore", targets: ["ResponderCore"]),
        .library(name: "ResponderStore", targets: ["ResponderStore"]),
        .library(name: "ResponderEngine", targets: ["ResponderEngine"]),
        .library(name: "JSONRPC", targets: ["JSONRPC"]),
        .library(name: "PCRE2", targets: ["PCRE2"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Structured logs on stderr, the level set by --log-level, captured in tests.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // HMAC-SHA256 for the store's pseudonyms of personal data.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // Line editing and history for `responder repl` on a terminal.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "ResponderCore",
            dependencies: ["PCRE2", .product(name: "Yams", package: "Yams")]
        ),
        // Work orders, the response ledger and report queries in SQLite; the core knows nothing of it.
        .target(
            name: "ResponderStore",
            dependencies: [
                "ResponderCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API itself, for the report's scans: a million rows read through
                // generic row accessors cost seconds, read column by column a fraction of that.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The engine façade below the CLI and the server: one session owns the loaded base, triage,
        // the store, reloads, retries and the clock, and returns typed, Encodable outcomes.
        .target(
            name: "ResponderEngine",
            dependencies: ["ResponderCore", "ResponderStore", .product(name: "Logging", package: "swift-log")]),
        // Generic JSON-RPC 2.0: JSON values and Codable bridges, envelope, error codes, NDJSON
        // framing, stdio transport.
        .target(name: "JSONRPC", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // The engine's JSON-RPC methods, each a type in one registry; domain errors become wire errors here.
        .target(
            name: "ResponderServer",
            dependencies: [
                "JSONRPC", "ResponderEngine", "ResponderStore", "ResponderCore",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "responder",
            dependencies: [
                "ResponderCore",
                "ResponderEngine",
                "ResponderStore",
                "ResponderServer",
                "JSONRPC",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "responder-bench", dependencies: ["ResponderCore", "ResponderEngine", "ResponderStore", "JSONRPC"]),
        // Test support: swift-log records kept in memory, for the tests that assert what is logged.
        .target(
            name: "LogCapture", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/LogCapture"
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "ResponderCoreTests", dependencies: ["ResponderCore"]),
        .testTarget(name: "ResponderStoreTests", dependencies: ["ResponderStore"]),
        .testTarget(
            name: "ResponderEngineTests",
            dependencies: [
                "ResponderEngine", "ResponderStore", "ResponderCore", "JSONRPC", "LogCapture",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "JSONRPCTests",
            dependencies: ["JSONRPC", "LogCapture", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "ResponderServerTests",
            dependencies: [
                "ResponderServer", "JSONRPC", "ResponderEngine", "ResponderStore", "ResponderCore",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // End-to-end tests: they run the built `responder` binary (and open its store to check it).
        .testTarget(
            name: "ResponderTests", dependencies: ["responder", "ResponderStore"],
            exclude: ["Fixtures"]  // read by path (the SARIF schema)
        ),
    ],
    swiftLanguageModes: [.v6]
)
