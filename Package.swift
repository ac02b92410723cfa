// swift-tools-version: 6.1
import PackageDescription

/// Every Swift target gets the same strict settings: Swift 6 mode (complete concurrency checking)
/// plus the upcoming features that make dependencies and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "FileTransferEngine",
    products: [
        .library(name: "LambdaRuntime", targets: ["LambdaRuntime"]),
        .library(name: "AWS", targets: ["AWS"]),
        .library(name: "SFTP", targets: ["SFTP"]),
        .library(name: "TransferCore", targets: ["TransferCore"]),
        .library(name: "BatchTransfer", targets: ["BatchTransfer"]),
        .library(name: "SFTPTransfer", targets: ["SFTPTransfer"]),
        .library(name: "Worker", targets: ["Worker"]),
        .executable(name: "emulator", targets: ["EmulatorCLI"]),
        .executable(name: "ListObjects", targets: ["ListObjects"]),
        .executable(name: "TransferObject", targets: ["TransferObject"]),
        .executable(name: "ValidateTransfer", targets: ["ValidateTransfer"]),
        .executable(name: "GenerateReport", targets: ["GenerateReport"]),
        .executable(name: "TransferWorker", targets: ["TransferWorker"]),
        .executable(name: "Router", targets: ["Router"]),
        .executable(name: "ConfigService", targets: ["ConfigService"]),
        .executable(name: "StatusService", targets: ["StatusService"]),
        .executable(name: "package-root", targets: ["PackageRoot"]),
        .executable(name: "Echo", targets: ["Echo"]),
        .executable(name: "runtime-bench", targets: ["RuntimeBench"]),
        .executable(name: "aws-bench", targets: ["AWSBench"]),
        .executable(name: "sftp-bench", targets: ["SFTPBench"]),
        .executable(name: "pattern-bench", targets: ["PatternBench"]),
        .executable(name: "event-bench", targets: ["EventBench"]),
        .executable(name: "router-bench", targets: ["RouterBench"]),
        .executable(name: "fuzz", targets: ["Fuzz"]),
        .executable(name: "chaos-bench", targets: ["ChaosBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl", path: "Runtime/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibSSH2", path: "Runtime/CLibSSH2", pkgConfig: "libssh2",
            providers: [.apt(["libssh2-1-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "Runtime/COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        .target(name: "Sockets", path: "Runtime/Sockets"),
        .target(name: "HTTPTransport", dependencies: ["CCurl", "Sockets"], path: "Runtime/HTTPTransport"),
        .target(name: "JSONText", path: "Runtime/JSONText"),
        // The wall clock, UTC calendar fields and millisecond timestamps without Foundation, for the
        // runtime loop's log lines; Timestamps adds RFC 3339 over `Date` and re-exports it.
        .target(name: "UTCTime", path: "Runtime/UTCTime"),
        .target(name: "Timestamps", dependencies: ["UTCTime"], path: "Runtime/Timestamps"),
        // EventBridge's schedule expressions (rate, cron, at): read, refused as AWS refuses, next fire.
        .target(name: "Schedules", dependencies: ["Timestamps"], path: "Runtime/Schedules"),
        .target(name: "LineLogging", dependencies: ["JSONText", "UTCTime"], path: "Runtime/LineLogging"),
        // The Runtime API loop over bytes, on the standard library, Glibc and libcurl: no Foundation.
        .target(
            name: "LambdaRuntime", dependencies: ["HTTPTransport", "JSONText", "LineLogging", "UTCTime"], path: "Runtime/LambdaRuntime",
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]),
        // Typed handlers over JSON (Codable events and answers), with FoundationEssentials' coders.
        .target(
            name: "LambdaCodable", dependencies: ["LambdaRuntime"], path: "Runtime/LambdaCodable",
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]),
        .target(name: "CChecksum", path: "Runtime/CChecksum"),
        .target(name: "AWS", dependencies: ["COpenSSL", "HTTPTransport", "CChecksum", "Timestamps"], path: "Runtime/AWS"),
        .target(name: "SFTP", dependencies: ["CLibSSH2", "Sockets"], path: "Runtime/SFTP"),
        // The transfer domain, cut by what each binary runs: the batch functions link no libssh2,
        // the worker no Lambda runtime.
        .target(name: "TransferCore", dependencies: ["AWS"], path: "Runtime/TransferCore"),
        .target(
            name: "BatchTransfer", dependencies: ["TransferCore", "Jobs", "AWS", "JSONText", "Timestamps"], path: "Runtime/BatchTransfer"),
        .target(name: "SFTPTransfer", dependencies: ["TransferCore", "AWS", "SFTP"], path: "Runtime/SFTPTransfer"),
        // The job: states, the table, idempotency, partition leases, notifications, the work queue's
        // messages; shared by the Router, the API and the executors.
        .target(name: "Jobs", dependencies: ["AWS", "JSONText", "Timestamps"], path: "Runtime/Jobs"),
        .target(name: "Events", path: "Runtime/Events"),
        .target(
            name: "Routing", dependencies: ["Jobs", "Events", "AWS", "LineLogging", "TransferCore", "Schedules", "Timestamps"],
            path: "Runtime/Routing"),
        .target(
            name: "Worker", dependencies: ["Jobs", "Events", "SFTPTransfer", "TransferCore", "AWS", "SFTP", "LineLogging"],
            path: "Runtime/Worker"),
        // The self-serve API's routes, on the one job model; the SFTP check apart, so StatusService
        // links no libssh2.
        .target(
            name: "SelfService", dependencies: ["Jobs", "Events", "Schedules", "AWS", "JSONText", "LineLogging", "Timestamps", "TransferCore"],
            path: "Runtime/SelfService"),
        .target(name: "SelfServiceSFTP", dependencies: ["SelfService", "Worker", "SFTP", "Jobs", "AWS", "TransferCore"], path: "Runtime/SelfServiceSFTP"),

        .target(name: "FunctionErrors", dependencies: ["LambdaRuntime", "TransferCore"], path: "Functions/FunctionErrors"),
        .executableTarget(name: "ListObjects", dependencies: ["BatchTransfer", "FunctionErrors", "LambdaRuntime", "LambdaCodable"], path: "Functions/ListObjects"),
        .executableTarget(
            name: "TransferObject", dependencies: ["BatchTransfer", "FunctionErrors", "LambdaRuntime", "LambdaCodable"], path: "Functions/TransferObject"),
        .executableTarget(
            name: "ValidateTransfer", dependencies: ["BatchTransfer", "FunctionErrors", "LambdaRuntime", "LambdaCodable"],
            path: "Functions/ValidateTransfer"),
        .executableTarget(
            name: "GenerateReport", dependencies: ["BatchTransfer", "FunctionErrors", "LambdaRuntime", "LambdaCodable"], path: "Functions/GenerateReport"),
        .executableTarget(
            name: "TransferWorker", dependencies: ["Worker", "TransferCore", "AWS", "LineLogging"], path: "Functions/TransferWorker"),
        .executableTarget(
            name: "Router", dependencies: ["Routing", "Events", "FunctionErrors", "LambdaRuntime", "LambdaCodable"], path: "Functions/Router"),
        .executableTarget(
            name: "ConfigService", dependencies: ["SelfService", "SelfServiceSFTP", "AWS", "LambdaRuntime"], path: "Functions/ConfigService"),
        .executableTarget(name: "StatusService", dependencies: ["SelfService", "LambdaRuntime"], path: "Functions/StatusService"),

        .target(name: "CSpawn", path: "Emulator/CSpawn"),
        // Runs a function package in a root of its own (C: it must start in well under a millisecond).
        .executableTarget(name: "PackageRoot", path: "Emulator/PackageRoot"),
        .target(name: "StateMachine", dependencies: ["COpenSSL", "JSONText", "Timestamps"], path: "Emulator/StateMachine"),
        // EventBridge's pattern language, on the emulator's one JSON type; no I/O.
        .target(name: "EventPatterns", dependencies: ["StateMachine"], path: "Emulator/EventPatterns"),
        .target(
            name: "LambdaHost",
            dependencies: [
                "AWS",
                "CSpawn",
                "StateMachine",
                "EventPatterns",
                "Schedules",
                "Timestamps",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Emulator/LambdaHost"),
        .executableTarget(
            name: "EmulatorCLI",
            dependencies: [
                "LambdaHost",
                "EventPatterns",
                "StateMachine",
                "Sockets",
                "AWS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Emulator/CLI"),

        // The real peers the tests and the benchmarks run against: moto with its IAM users, OpenSSH's
        // sshd, and the loopback proxies and servers around them.
        // Where the peers' child processes log, and the secrets the tests used (the secret check).
        .target(name: "TestLogs", path: "Peers/TestLogs"),
        .target(name: "MotoPeer", dependencies: ["AWS", "Sockets", "TestLogs"], path: "Peers/MotoPeer"),
        .target(name: "SSHPeer", dependencies: ["SFTP", "Sockets", "TestLogs"], path: "Peers/SSHPeer"),
        // The chaos run's world, load, driver and ground truth: `chaos-bench` and ChaosTests.
        .target(
            name: "ChaosHarness", dependencies: ["AWS", "BatchTransfer", "Events", "Jobs", "MotoPeer", "SSHPeer"],
            path: "Peers/ChaosHarness"),
        .target(name: "ScriptedPeer", dependencies: ["HTTPTransport"], path: "Peers/ScriptedPeer"),

        // The parsers of untrusted input, run on mutated samples by `fuzz`, the tests and libFuzzer.
        .target(
            name: "FuzzTargets",
            dependencies: [
                "BatchTransfer", "Events", "Jobs", "LambdaRuntime", "LambdaCodable", "LambdaHost", "StateMachine", "EventPatterns",
                "HTTPTransport", "ScriptedPeer",
            ],
            path: "Fuzz/Targets"),
        .executableTarget(
            name: "Fuzz", dependencies: ["FuzzTargets", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Fuzz/Runner"),

        .executableTarget(
            name: "Echo", dependencies: ["LambdaRuntime", "JSONText"], path: "Benchmarks/Echo",
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]),
        .executableTarget(
            name: "RuntimeBench",
            dependencies: ["LambdaHost", "BenchReport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/RuntimeBench"),
        .target(name: "BenchReport", path: "Benchmarks/BenchReport"),

        .executableTarget(
            name: "AWSBench",
            dependencies: [
                "AWS", "BenchReport", "MotoPeer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AWSBench"),

        .executableTarget(
            name: "EventBench",
            dependencies: [
                "LambdaHost", "AWS", "MotoPeer", "StateMachine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/EventBench"),
        .executableTarget(
            name: "RouterBench",
            dependencies: ["AWS", "Jobs", "Events", "MotoPeer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/RouterBench"),
        .executableTarget(
            name: "PatternBench",
            dependencies: [
                "EventPatterns", "StateMachine", "BenchReport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/PatternBench"),

        .executableTarget(
            name: "ChaosBench",
            dependencies: ["ChaosHarness", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/ChaosBench"),

        .executableTarget(
            name: "SFTPBench",
            dependencies: [
                "AWS", "SFTPTransfer", "Worker", "Jobs", "TransferCore", "BenchReport", "MotoPeer", "SSHPeer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/SFTPBench"),

        .testTarget(
            name: "LambdaRuntimeTests",
            dependencies: [
                "LambdaRuntime",
                "LambdaCodable",
                "UTCTime",
                "Sockets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/LambdaRuntimeTests"),
        .testTarget(
            name: "LambdaHostTests",
            dependencies: ["LambdaHost", "Echo", "EmulatorCLI", "MotoPeer"],
            path: "Tests/LambdaHostTests",
            exclude: ["Fixtures"]),
        .testTarget(
            name: "TemplateReaderTests", dependencies: ["LambdaHost", "AWS", "MotoPeer", "StateMachine", "EmulatorCLI"],
            path: "Tests/TemplateReaderTests"),
        .testTarget(
            name: "HTTPTransportTests", dependencies: ["HTTPTransport", "Sockets", "MotoPeer", "ScriptedPeer"], path: "Tests/HTTPTransportTests"),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets", "MotoPeer"], path: "Tests/FuzzTests"),
        .testTarget(
            name: "AWSTests", dependencies: ["AWS", "MotoPeer"], path: "Tests/AWSTests",
            exclude: ["Resources/README.md"], resources: [.copy("Resources/aws-sig-v4-test-suite.json")]),
        .testTarget(name: "SFTPTests", dependencies: ["SFTP", "Sockets", "SSHPeer", "MotoPeer"], path: "Tests/SFTPTests"),
        .testTarget(
            name: "SFTPFlowTests",
            dependencies: ["SFTPTransfer", "TransferCore", "AWS", "SFTP", "MotoPeer", "SSHPeer"],
            path: "Tests/SFTPFlowTests"),
        .testTarget(
            name: "WorkerTests",
            dependencies: [
                "Worker", "Jobs", "Events", "SFTPTransfer", "TransferCore", "AWS", "SFTP", "MotoPeer", "SSHPeer", "TransferWorker",
                "EmulatorCLI", "LineLogging",
            ],
            path: "Tests/WorkerTests"),
        .testTarget(name: "StateMachineTests", dependencies: ["StateMachine"], path: "Tests/StateMachineTests"),
        .testTarget(
            name: "EventPlaneTests",
            dependencies: ["LambdaHost", "EventPatterns", "Schedules", "StateMachine", "AWS", "MotoPeer", "EmulatorCLI"],
            path: "Tests/EventPlaneTests", exclude: ["Fixtures"]),
        .testTarget(name: "EventPatternsTests", dependencies: ["EventPatterns", "StateMachine"], path: "Tests/EventPatternsTests"),
        .testTarget(name: "TimestampsTests", dependencies: ["Timestamps"], path: "Tests/TimestampsTests"),
        .testTarget(name: "LineLoggingTests", dependencies: ["LineLogging"], path: "Tests/LineLoggingTests"),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"], path: "Tests/JSONTextTests"),
        .testTarget(
            name: "TransferTests", dependencies: ["BatchTransfer", "TransferCore", "AWS", "MotoPeer"], path: "Tests/TransferTests"),
        .testTarget(
            name: "RoutingTests",
            dependencies: [
                "Routing", "Jobs", "Events", "AWS", "BatchTransfer", "LineLogging", "MotoPeer", "ChaosHarness", "EmulatorCLI", "Router",
            ],
            path: "Tests/RoutingTests"),
        // The chaos run at CI size: the mixed load under kills and faults, then the ground truth.
        .testTarget(
            name: "ChaosTests",
            dependencies: [
                "ChaosHarness", "MotoPeer", "EmulatorCLI", "ListObjects", "TransferObject", "ValidateTransfer", "GenerateReport",
                "TransferWorker", "Router",
            ],
            path: "Tests/ChaosTests"),
        .testTarget(name: "JobTests", dependencies: ["Jobs", "AWS", "MotoPeer", "Timestamps"], path: "Tests/JobTests"),
        // The self-serve API through the local API Gateway: signed requests, the two functions behind it.
        .testTarget(
            name: "APITests",
            dependencies: [
                "AWS", "Jobs", "SelfService", "MotoPeer", "SSHPeer", "EmulatorCLI", "ConfigService", "StatusService", "Router",
                "TransferObject",
            ],
            path: "Tests/APITests"),
        // The engine's story end to end under `emulator start`: moto, two sshd partners, every executable.
        .testTarget(
            name: "StoryTests",
            dependencies: ["AWS", "Jobs", "MotoPeer", "SSHPeer", "EmulatorCLI", "Router", "TransferObject", "TransferWorker"],
            path: "Tests/StoryTests"),
        // The batch steps and the worker over in-memory I/O: the branches moto cannot produce.
        .testTarget(
            name: "DomainTests", dependencies: ["BatchTransfer", "Worker", "Jobs", "SFTPTransfer", "TransferCore", "AWS"],
            path: "Tests/DomainTests"),
        .testTarget(
            name: "WorkflowTests",
            dependencies: [
                "AWS", "BatchTransfer", "TransferCore", "MotoPeer", "EmulatorCLI", "ListObjects", "TransferObject", "ValidateTransfer",
                "GenerateReport",
            ],
            path: "Tests/WorkflowTests"),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
