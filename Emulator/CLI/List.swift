import ArgumentParser
import LambdaHost

/// `emulator list`: the functions the template defines and how they would run (or why they do
/// not run here), then its state machines and task definitions.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lists the template's functions and their settings, its state machines and its task definitions.")

    @OptionGroup var host: HostArguments

    func run() async throws {
        let template = try host.loadTemplate()
        for function in template.functions.values.sorted(by: { $0.name < $1.name }) {
            let concurrency = function.reservedConcurrency.map(String.init) ?? "unreserved"
            print(
                "\(function.name)\t\(function.runtime)\ttimeout \(function.timeoutSeconds)s\tmemory \(function.memorySize) MB"
                    + "\tconcurrency \(concurrency)\t\(function.inlineCode == nil ? function.codeURI : "inline code")")
        }
        for (name, refusal) in template.refusedFunctions.sorted(by: { $0.key < $1.key }) {
            print("\(name)\tnot run locally\t\(refusal.property.map { "\($0): " } ?? "")\(refusal.message)")
        }
        for name in template.stateMachineNames {
            print("\(name)\tstate machine\t\(template.resources[name]?.arn ?? "")")
        }
        for name in template.taskDefinitionNames {
            let containers = (try? template.taskDefinition(named: name).containers.map(\.name)) ?? []
            print("\(name)\ttask definition\tcontainers \(containers.joined(separator: ", "))")
        }
    }
}
