import ArgumentParser
import Foundation
import LambdaHost

/// `emulator validate`: every problem of the template in one pass, and whether the commands can
/// use it.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reads the template as the other commands do and prints every finding in one pass.",
        discussion: """
            Each finding names its resource (or parameter, condition, output), the property at fault and the \
            cause. Errors stop a command that needs what they are about: `up` for a bucket, topic, queue or \
            table, `start-execution` for a state machine, `run-task` for a task definition, every command for \
            the template itself. Warnings leave the rest runnable: a function that does not run on this \
            machine (code in S3, a container image, a runtime that needs Docker) is named and the others \
            run. Exits 0 when there is no error, 1 when there is one, 2 when the template cannot be read.
            """)

    @OptionGroup var host: HostArguments

    func run() async throws {
        let template = try host.loadTemplate()
        var findings = template.findings.map(\.description)
        let options = host.makeOptions { _, _ in }
        var runnable = 0
        for name in template.functions.keys.sorted() {
            if let problem = LambdaHost.startProblem(of: name, in: template, options: options) {
                findings.append("warning: resource \(name): \(problem)")
            } else {
                runnable += 1
            }
        }
        for finding in findings { print("\(template.path): \(finding)") }
        let errors = template.findings.filter { $0.severity == .error }.count
        let total = template.functions.count + template.refusedFunctions.count
        print(
            "\(template.path): \(runnable) of \(total) functions run locally; \(errors) errors, \(findings.count - errors) warnings")
        if errors > 0 { throw ExitCode(1) }
    }
}
