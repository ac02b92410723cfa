import Foundation
@testable import LambdaHost
import Testing

/// Functions run from their packages (`--packages`): package-root gives each one a root that
/// holds only its package at /var/task and this machine's /proc, /dev and /tmp. A static probe
/// stands in for a function, so the test needs no release build: `make package-check` runs the
/// real packages the same way.
@Suite("Functions run from their packages, in a root of their own")
struct PackageTests {
    static var packageRoot: String { TestProject.buildDirectory + "/package-root" }

    /// A folder of packages, `Probe/bootstrap` being the static probe, removed after `body`.
    func withPackages(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("packages-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/Probe/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["clang", "-static", "-O1", "-o", folder + "/Probe/bootstrap", TestProject.fixture("root-probe.c")]
        try compiler.run()
        compiler.waitUntilExit()
        try #require(compiler.terminationStatus == 0, "clang -static could not build the probe (it needs libc6-dev's libc.a)")
        try await body(folder)
    }

    @Test("package-root: only the package at /var/task, read-only, beside /proc, /dev and /tmp; no /lib, /usr or /etc")
    func emptyRoot() async throws {
        try await withPackages { folder in
            let (status, output) = try run(Self.packageRoot, [folder + "/Probe"])
            #expect(status == 3)
            #expect(Set(lines(output, "list /:")) == ["dev", "proc", "tmp", "var"])
            #expect(Set(lines(output, "list /var/task:")) == ["bootstrap", "lib"])
            #expect(output.contains("write /var/task: Read-only file system"))
            #expect(output.contains("cwd=/var/task"))
        }
    }

    @Test("package-root names what it cannot use")
    func refusals() throws {
        let (status, output) = try run(Self.packageRoot, ["/nonexistent/Probe"])
        #expect(status == 127)
        #expect(output.contains("package-root: no package folder /nonexistent/Probe"))
        let (usageStatus, usage) = try run(Self.packageRoot, [])
        #expect(usageStatus == 2)
        #expect(usage.contains("usage: package-root PACKAGE_DIR [PROGRAM [ARGUMENT...]]"))
    }

    @Test("the emulator starts a packaged function in its root as Lambda does, and names a package it lacks")
    func hosted() async throws {
        try await withPackages { folder in
            let project = FileManager.default.temporaryDirectory.appendingPathComponent("package-project-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: project) }
            for code in ["Probe", "Unpackaged"] {
                try FileManager.default.createDirectory(atPath: "\(project)/functions/\(code)", withIntermediateDirectories: true)
            }
            try """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Probe:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: provided.al2023, Handler: bootstrap, CodeUri: functions/Probe}
                  Unpackaged:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: provided.al2023, Handler: bootstrap, CodeUri: functions/Unpackaged}
                """.write(toFile: project + "/template.yaml", atomically: true, encoding: .utf8)
            let template = try SAMTemplate.load(path: project + "/template.yaml")
            let lines = LineStore()
            let options = HostOptions(
                buildDirectory: "/nowhere", packages: FunctionPackages(directory: folder, packageRoot: Self.packageRoot),
                output: { _, line in lines.append(line) })
            let host = LambdaHost(template: template, options: options)
            let result = try await host.invoke("Probe", payload: Array("{}".utf8))
            await host.shutdown()
            // The probe's lines reach the output as its pipe is read, which may end after the result.
            for _ in 0..<100 where !lines.all.contains("cwd=/var/task") {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(result.errorType == "Runtime.ExitError")
            #expect(Set(self.lines(lines.all.joined(separator: "\n"), "list /:")) == ["dev", "proc", "tmp", "var"])
            #expect(lines.all.contains("LAMBDA_TASK_ROOT=/var/task"))
            #expect(lines.all.contains("write /var/task: Read-only file system"))
            #expect(lines.all.contains("cwd=/var/task"))
            #expect(
                LambdaHost.startProblem(of: "Unpackaged", in: template, options: options)
                    == "function Unpackaged has no package: no executable \(folder)/Unpackaged/bootstrap "
                    + "(make package, then unzip Unpackaged.zip into \(folder)/Unpackaged)")
        }
    }

    /// The entries a probe's `list` line names.
    private func lines(_ output: String, _ prefix: String) -> [String] {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
        return line.dropFirst(prefix.count).split(separator: " ").map(String.init)
    }

    /// Runs `executable` to its end: its status, and its standard output and error together.
    private func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
