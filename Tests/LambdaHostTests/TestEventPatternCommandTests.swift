import Foundation
import MotoPeer
import Testing

/// `emulator test-event-pattern` as a user runs it, answering as `aws events test-event-pattern`.
@Suite("emulator test-event-pattern")
struct TestEventPatternCommandTests {
    static let event = """
        {"version":"0","id":"1","detail-type":"Object Created","source":"aws.s3","account":"123456789012",\
        "time":"2025-03-01T12:00:00Z","region":"us-east-1","resources":[],"detail":{"object":{"key":"in/a.csv","size":12}}}
        """

    @Test("prints the result exactly, for a match and for none", arguments: [
        (#"{"source": ["aws.s3"], "detail": {"object": {"key": [{"suffix": ".csv"}]}}}"#, #"{"Result": true}"#),
        (#"{"detail": {"object": {"size": [{"numeric": [">", 100]}]}}}"#, #"{"Result": false}"#),
    ])
    func result(pattern: String, expected: String) async throws {
        let run = try await Self.emulator(["test-event-pattern", "--event-pattern", pattern, "--event", Self.event])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == expected + "\n")
    }

    @Test("reads file:// arguments as the AWS CLI does")
    func files() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pattern-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"source": ["aws.s3"]}"#.write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try Self.event.write(to: folder.appendingPathComponent("e.json"), atomically: true, encoding: .utf8)
        let run = try await Self.emulator([
            "test-event-pattern", "--event-pattern", "file://\(folder.path)/p.json", "--event", "file://\(folder.path)/e.json",
        ])
        #expect(run.stdout == #"{"Result": true}"# + "\n")
    }

    @Test("an invalid pattern exits 2 with the exception and AWS's reason on stderr")
    func invalidPattern() async throws {
        let run = try await Self.emulator(["test-event-pattern", "--event-pattern", #"{"detail": {"size": 42}}"#, "--event", Self.event])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(#"InvalidEventPatternException"#))
        #expect(run.stderr.contains(#"Event pattern is not valid. Reason: "size" must be an object or an array"#))
    }

    @Test("an event without TestEventPattern's required fields exits 2 with ValidationException")
    func invalidEvent() async throws {
        let run = try await Self.emulator(["test-event-pattern", "--event-pattern", #"{"source": ["aws.s3"]}"#, "--event", #"{"source": "aws.s3"}"#])
        #expect(run.status == 2)
        #expect(run.stderr.contains("ValidationException"))
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the emulator off the cooperative pool, so the other suites' tasks keep running meanwhile.
    static func emulator(_ arguments: [String]) async throws -> Run {
        try await offCooperativePool { try runEmulator(arguments) }
    }

    private static func runEmulator(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestProject.buildDirectory + "/emulator")
        process.arguments = arguments
        let (output, error) = (Pipe(), Pipe())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
