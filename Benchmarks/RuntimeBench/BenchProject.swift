import Foundation
import LambdaHost

/// A throw-away project for the benchmark: Echo from this build, and the same echo on AWS's own
/// Python runtime (awslambdaric, itself built on aws-lambda-cpp) as the peer measured beside it.
struct BenchProject {
    let directory: String
    let template: SAMTemplate
    let buildDirectory: String

    static let echo = "Echo"
    static let peer = "PyEcho"

    init(python: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-bench-\(UUID().uuidString)").path
        let files = FileManager.default
        for folder in ["Echo", "pyecho"] {
            try files.createDirectory(atPath: "\(directory)/\(folder)", withIntermediateDirectories: true)
        }
        try """
            Resources:
              Echo:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: Echo, Runtime: provided.al2023, Timeout: 30, MemorySize: 128}
              PyEcho:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: pyecho, Runtime: provided.al2023, Timeout: 30, MemorySize: 128}
            """.write(toFile: "\(directory)/template.yaml", atomically: true, encoding: .utf8)
        try "def handler(event, context):\n    return event\n".write(toFile: "\(directory)/pyecho/app.py", atomically: true, encoding: .utf8)
        let bootstrap = "\(directory)/pyecho/bootstrap"
        try "#!/bin/sh\nexec \(python) -m awslambdaric app.handler\n".write(toFile: bootstrap, atomically: true, encoding: .utf8)
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bootstrap)
        template = try SAMTemplate.load(path: "\(directory)/template.yaml")
        let executable = (try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        buildDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }

    func makeHost(concurrency: Int = 16) -> LambdaHost {
        LambdaHost(
            template: template,
            options: HostOptions(buildDirectory: buildDirectory, defaultConcurrency: concurrency, output: { _, _ in }))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A 256-byte JSON event, the size the targets are stated for.
    static let event: [UInt8] = {
        let prefix = #"{"transfer_id":"t-0001","bucket":"partner-inbox","key":"daily/orders.csv","pad":""#
        let suffix = #""}"#
        let padding = String(repeating: "x", count: 256 - prefix.utf8.count - suffix.utf8.count)
        return Array((prefix + padding + suffix).utf8)
    }()
}
