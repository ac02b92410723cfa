import Foundation
import MotoPeer
@testable import LambdaHost
import Synchronization
import Testing

/// A throw-away project folder with a template and function folders, and a host running it.
///
/// `Scripted` functions run `scripted-runtime.sh`, a Lambda runtime written in bash over the curl
/// command: a real second runtime, in another language, for what Echo cannot show (timeouts,
/// crashes, oversized answers, requests that break the contract).
final class TestProject: Sendable {
    let directory: String
    let logs = LineStore()

    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage:
            Type: String
            Default: test
        Globals:
          Function:
            Runtime: provided.al2023
            Timeout: 60
            MemorySize: 256
        Resources:
          Echo:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/Echo
          EchoBroken:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: broken/Echo
              Environment:
                Variables:
                  ECHO_INIT_ERROR: TABLE_NAME is not set
          Scripted:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: scripted
              MemorySize: 512
              Environment:
                Variables:
                  STAGE: !Sub '${Stage}-${AWS::Region}'
          Sleepy:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: scripted
              Timeout: 1
          Pair:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: scripted
              ReservedConcurrentExecutions: 2
          Throttled:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: scripted
              ReservedConcurrentExecutions: 0
          Unbuilt:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/NotBuiltAnywhere
        """

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-host-\(UUID().uuidString)").path
        for folder in ["functions/Echo", "broken/Echo", "scripted", "functions/NotBuiltAnywhere"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(folder)", withIntermediateDirectories: true)
        }
        try Self.template.write(toFile: "\(directory)/template.yaml", atomically: true, encoding: .utf8)
        let runtime = "\(directory)/scripted/bootstrap"
        try String(contentsOfFile: Self.fixture("scripted-runtime.sh"), encoding: .utf8).write(toFile: runtime, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runtime)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A host for the project's template, with `swift build`'s output as the build folder.
    func makeHost() throws -> LambdaHost {
        let template = try SAMTemplate.load(path: "\(directory)/template.yaml")
        let logs = self.logs
        return LambdaHost(
            template: template,
            options: HostOptions(buildDirectory: Self.buildDirectory, output: { function, line in logs.append("[\(function)] \(line)") }))
    }

    /// Where `swift build` put the products: the folder of the running test bundle.
    static var buildDirectory: String { BuildProducts.directory }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}

/// Lines collected from several threads.
final class LineStore: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

extension InvocationResult {
    var text: String { String(decoding: payload, as: UTF8.self) }
    var logText: String { String(decoding: logs, as: UTF8.self) }

    /// The answer as a JSON object, for the scripted runtime's reports.
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    }
}

/// Runs `body` with a fresh project and host, and always stops the host after.
func withHost(_ body: (LambdaHost, TestProject) async throws -> Void) async throws {
    let project = try TestProject()
    let host = try project.makeHost()
    do {
        try await body(host, project)
    } catch {
        await host.shutdown()
        throw error
    }
    await host.shutdown()
}
