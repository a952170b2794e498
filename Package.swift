// swift-tools-version:6.0
import PackageDescription

// Layering (imports flow one way):
//   executables -> LeagueServer / LeagueClient -> LeagueWire -> CLeagueProto -> CProtobufC
//   LeagueServer (NIO transport) -> LeagueService (answers; no NIO) -> LeagueCore (pure: no NIO, no protobuf)
let package = Package(
    name: "nhs-league",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nhs-league-server", targets: ["nhs-league-server"]),
        .executable(name: "nhs-league", targets: ["nhs-league"]),
        .executable(name: "nhs-league-web", targets: ["nhs-league-web"]),
        .library(name: "LeagueClient", targets: ["LeagueClient"]),
        .library(name: "LeagueCore", targets: ["LeagueCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // MARK: gRPC (issue 13): HTTP/2 for the gRPC transport
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        // MARK: TLS (issue 14): encrypts the service port; mutual TLS between services
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // MARK: operations (metrics: libraries emit through swift-metrics; only the server executable bootstraps Prometheus)
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // MARK: web gateway (nhs-league-web)
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // MARK: pure core
        .target(name: "LeagueCore"),
        /// The real published dataset, bundled so the server needs no set-up.
        .target(
            name: "LeagueData",
            exclude: ["Data/README.md", "Data/tools"],
            resources: [.copy("Data/dataset"), .copy("Data/import-mapping.json")]
        ),

        // MARK: generated protobuf-c code and the system runtime
        .systemLibrary(
            name: "CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        /// The system zlib: gRPC requests compressed with grpc-encoding gzip or deflate.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CLeagueProto",
            dependencies: ["CProtobufC"],
            cSettings: [.headerSearchPath("include")]
        ),

        // MARK: wire (framing + protobuf-c <-> Swift values; the only C-pointer code)
        /// The Swift runtime any protobuf-c generated message layer needs, with nothing of
        /// this service's schema: the C arena, packing and unpacking, proto3 JSON, and
        /// reading and writing wire-format fields (as SwiftProtobuf is to its generated code).
        .target(
            name: "ProtobufCRuntime",
            dependencies: ["CProtobufC", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .target(
            name: "LeagueWire",
            dependencies: [
                "CLeagueProto", "CProtobufC", "CZlib", "ProtobufCRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // MARK: service (request value -> response value; no NIO, so any transport can sit over it)
        .target(
            name: "LeagueService",
            dependencies: [
                "LeagueCore", "LeagueWire", "ProtobufCRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),  // operations
            ]
        ),

        // MARK: TLS (issue 14): PEM loading shared by the server and the client
        .target(
            name: "LeagueTLS",
            dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),

        // MARK: server and client libraries
        .target(
            name: "LeagueServer",
            dependencies: [
                "LeagueService", "LeagueWire", "ProtobufCRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // MARK: gRPC (issue 13)
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                // operations: metrics and the admin HTTP listener
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // TLS (issue 14)
                "LeagueTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        .target(
            name: "LeagueClient",
            dependencies: [
                "LeagueWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                // TLS (issue 14)
                "LeagueTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),

        // MARK: executables
        .executableTarget(
            name: "nhs-league-server",
            dependencies: [
                "LeagueServer", "LeagueService", "LeagueCore", "LeagueData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // operations: the Prometheus backend is bootstrapped here only
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "nhs-league",
            dependencies: [
                // LeagueCore only for its vocabulary (table names, postcode shapes); answers come from the server.
                "LeagueClient", "LeagueWire", "LeagueCore", "ProtobufCRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "nhs-league-conformance",
            dependencies: [
                "LeagueClient", "LeagueWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // MARK: web gateway: server-rendered pages over LeagueClient (issue 17)
        .executableTarget(
            name: "nhs-league-web",
            dependencies: [
                "LeagueClient", "LeagueWire", "ProtobufCRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Docs"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "nhs-league-bench",
            dependencies: ["LeagueCore", "LeagueData"]
        ),

        // MARK: tests
        .testTarget(
            name: "LeagueCoreTests",
            dependencies: ["LeagueCore", "LeagueData"],
            exclude: ["Resources/eric_2021-22_inpatient_hospitals.md"],
            resources: [.copy("Resources/search_eval.csv"), .copy("Resources/eric_2021-22_inpatient_hospitals.csv")]
        ),
        .testTarget(
            name: "LeagueWireTests",
            dependencies: [
                "LeagueWire", "ProtobufCRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LeagueServiceTests",
            dependencies: ["LeagueService", "LeagueCore", "LeagueData", "LeagueWire"]
        ),
        .testTarget(
            name: "LeagueServerTests",
            dependencies: [
                "LeagueServer", "LeagueService", "LeagueClient", "LeagueCore", "LeagueData", "LeagueWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // MARK: operations: the server executable's configuration layering and JSON logs
        .testTarget(
            name: "ServerExecutableTests",
            dependencies: [
                "nhs-league-server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: fuzzing (issue 14): libFuzzer targets, declared only when Tests/Fuzz/run.sh builds
// them (NHS_LEAGUE_FUZZ=1, its own scratch path, `-sanitize=fuzzer,address`): libFuzzer
// supplies `main`, so they cannot link in the ordinary build. Each is a Swift library
// holding `LLVMFuzzerTestOneInput` and a C executable (see its driver.c for why C).
if Context.environment["NHS_LEAGUE_FUZZ"] != nil {
    let fuzzed: [(name: String, library: String, dependencies: [Target.Dependency])] = [
        ("FuzzFrameDecoder", "FrameDecoderFuzzing", ["LeagueWire", .product(name: "NIOCore", package: "swift-nio")]),
        ("FuzzRequestDecoding", "RequestDecodingFuzzing", ["LeagueWire"]),
        ("FuzzServiceAnswer", "ServiceAnswerFuzzing", ["LeagueService", "LeagueCore", "LeagueData", "LeagueWire"]),
    ]
    for target in fuzzed {
        package.targets += [
            .target(
                name: target.library, dependencies: target.dependencies, path: "Tests/Fuzz/Targets/\(target.library)"),
            .executableTarget(
                name: target.name, dependencies: [.target(name: target.library)],
                path: "Tests/Fuzz/Drivers/\(target.name)"),
        ]
    }
}
