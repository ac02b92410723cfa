import Foundation
import MotoPeer
import Testing

/// The SAM templates deploy: `cfn-lint` (with the SAM transform) finds no error in the product's
/// template nor in the benchmarks' one.
@Suite("The SAM templates")
struct TemplateLintTests {
    @Test("cfn-lint reports no errors", arguments: [ProjectFiles.template, ProjectFiles.benchmarkTemplate])
    func lintsClean(template: String) async throws {
        try await offCooperativePool {
            let run = try CommandRun.run("/usr/bin/env", ["cfn-lint", "--format", "parseable", template])
            #expect(run.status == 0, "cfn-lint found problems:\n\(run.stdout)\(run.stderr)")
        }
    }

    @Test("cfn-lint is really checking: a broken copy of the template fails")
    func lintCatchesErrors() async throws {
        try await offCooperativePool {
            let broken = try String(contentsOfFile: ProjectFiles.template, encoding: .utf8)
                .replacingOccurrences(of: "ListObjectsArn: !GetAtt ListObjects.Arn", with: "ListObjectsArn: !GetAtt NoSuchFunction.Arn")
            let path = NSTemporaryDirectory() + "broken-template-\(getpid()).yaml"
            try broken.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let run = try CommandRun.run("/usr/bin/env", ["cfn-lint", "--format", "parseable", path])
            #expect(run.status != 0)
            #expect(run.stdout.contains("NoSuchFunction"))
        }
    }
}
