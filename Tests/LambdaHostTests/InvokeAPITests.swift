import Foundation
import LambdaHost
import Testing

/// The Invoke API exercised by the real AWS CLI, the client our users point at it.
@Suite("The Lambda Invoke API, driven by the AWS CLI", .serialized)
struct InvokeAPITests {
    struct CLIResult {
        let status: Int32
        let stdout: String
        let stderr: String
        let outfile: String
    }

    /// Runs `aws lambda invoke` against a fresh emulator, and stops everything after.
    func withInvokeAPI(_ body: (_ invoke: ([String]) throws -> CLIResult, TestProject) async throws -> Void) async throws {
        try await withHost { host, project in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let server = Task { try await InvokeAPIServer(host: host).run(port: 0) { continuation.yield($0) } }
            defer { server.cancel() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body({ arguments in try Self.awsLambdaInvoke(port: port, arguments, in: project.directory) }, project)
        }
    }

    static func awsLambdaInvoke(port: Int, _ arguments: [String], in directory: String) throws -> CLIResult {
        let outfile = "\(directory)/out-\(UUID().uuidString).json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws", "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1"] + arguments + [outfile]
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL"
        environment["AWS_SECRET_ACCESS_KEY"] = "local-secret"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_RETRY_MODE"] = "standard"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let written = (try? String(contentsOfFile: outfile, encoding: .utf8)) ?? ""
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), outfile: written)
    }

    func summary(_ result: CLIResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    func eventFile(_ project: TestProject, _ text: String) throws -> String {
        let path = "\(project.directory)/event-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return "fileb://" + path
    }

    @Test("a RequestResponse invocation returns 200 and the answer, and Tail returns the last 4 KB of logs")
    func requestResponse() async throws {
        try await withInvokeAPI { invoke, project in
            let event = #"{"key":"orders/2026-11-23.csv","size":18213}"#
            let result = try invoke(["--function-name", "Echo", "--payload", try eventFile(project, event), "--log-type", "Tail"])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try summary(result)
            #expect(summary["StatusCode"] as? Int == 200)
            #expect(summary["ExecutedVersion"] as? String == "$LATEST")
            #expect(summary["FunctionError"] == nil)
            #expect(result.outfile == event)
            let logData = try #require(Data(base64Encoded: summary["LogResult"] as? String ?? ""))
            let logs = String(decoding: logData, as: UTF8.self)
            #expect(logs.contains("START RequestId: ") && logs.contains("REPORT RequestId: "))
        }
    }

    @Test("a function error is 200 with FunctionError Unhandled and the error document")
    func functionError() async throws {
        try await withInvokeAPI { invoke, project in
            let result = try invoke(["--function-name", "Echo", "--payload", try eventFile(project, #"{"error":"no such key"}"#)])
            let summary = try summary(result)
            #expect(summary["StatusCode"] as? Int == 200)
            #expect(summary["FunctionError"] as? String == "Unhandled")
            #expect(result.outfile.contains(#""errorMessage":"no such key""#))
            #expect(result.outfile.contains(#""errorType":"EchoRequestedError""#))
        }
    }

    @Test("an Event invocation is accepted with 202 and runs in the background")
    func eventInvocation() async throws {
        try await withInvokeAPI { invoke, project in
            let result = try invoke(["--function-name", "Scripted", "--invocation-type", "Event", "--payload", try eventFile(project, #"{"do":"report","async":1}"#)])
            #expect(try summary(result)["StatusCode"] as? Int == 202)
            for _ in 0..<100 where !project.logs.all.contains(where: { $0.contains(#""async":1"#) }) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(project.logs.all.contains { $0.contains(#"handling {"do":"report","async":1}"#) })
        }
    }

    @Test("a DryRun is 204 and runs nothing")
    func dryRun() async throws {
        try await withInvokeAPI { invoke, project in
            let result = try invoke(["--function-name", "Scripted", "--invocation-type", "DryRun"])
            #expect(try summary(result)["StatusCode"] as? Int == 204)
            #expect(!project.logs.all.contains { $0.contains("START RequestId") })
        }
    }

    @Test("an unknown function fails the CLI with ResourceNotFoundException; a full ARN finds the function")
    func functionNames() async throws {
        try await withInvokeAPI { invoke, _ in
            let missing = try invoke(["--function-name", "NoSuchFunction"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("ResourceNotFoundException"))
            #expect(missing.stderr.contains("Function not found: NoSuchFunction"))
            let byARN = try invoke(["--function-name", "arn:aws:lambda:us-east-1:123456789012:function:Echo"])
            #expect(try summary(byARN)["StatusCode"] as? Int == 200)
            #expect(byARN.outfile == "{}" || byARN.outfile.isEmpty)
        }
    }

    @Test("a payload that is not JSON is refused with 400 InvalidRequestContentException, before any function runs")
    func nonJSONPayload() async throws {
        try await withInvokeAPI { invoke, project in
            let truncated = try invoke(["--function-name", "Echo", "--payload", try eventFile(project, #"{"a":"#)])
            #expect(truncated.status != 0)
            #expect(truncated.stderr.contains("InvalidRequestContentException"), "\(truncated.stderr)")
            #expect(truncated.stderr.contains("Could not parse request body into json"))
            let binary = "\(project.directory)/binary.bin"
            try Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]).write(to: URL(fileURLWithPath: binary))
            let bytes = try invoke(["--function-name", "Echo", "--payload", "fileb://" + binary])
            #expect(bytes.stderr.contains("InvalidRequestContentException"), "\(bytes.stderr)")
            #expect(project.logs.all.isEmpty, "a function ran: \(project.logs.all)")
        }
    }
}
