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
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The engine below the CLI and the server: trained matchers cached on disk.
        .target(name: "ResponderEngine", dependencies: ["ResponderCore"]),
        // Generic JSON-RPC 2.0: JSON values, envelope, error codes, NDJSON framing, stdio transport.
        .target(name: "JSONRPC"),
        // The engine's JSON-RPC methods; domain errors become wire errors here.
        .target(
            name: "ResponderServer", dependencies: ["JSONRPC", "ResponderStore", "ResponderCore", "ResponderEngine"]),
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
            ]
        ),
        .executableTarget(
            name: "responder-bench", dependencies: ["ResponderCore", "ResponderEngine", "ResponderStore", "JSONRPC"]),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "ResponderCoreTests", dependencies: ["ResponderCore"]),
        .testTarget(name: "ResponderStoreTests", dependencies: ["ResponderStore"]),
        .testTarget(name: "ResponderEngineTests", dependencies: ["ResponderEngine"]),
        .testTarget(name: "JSONRPCTests", dependencies: ["JSONRPC"]),
        .testTarget(name: "ResponderServerTests", dependencies: ["ResponderServer"]),
        // End-to-end tests: they run the built `responder` binary (and open its store to check it).
        .testTarget(
            name: "ResponderTests", dependencies: ["responder", "ResponderStore"],
            exclude: ["Fixtures"]  // read by path (the SARIF schema)
        ),
    ],
    swiftLanguageModes: [.v6]
)
