import ArgumentParser
import LambdaHost

/// `emulator list`: the functions the template defines and how they would run, then its state
/// machines and task definitions.
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
                    + "\tconcurrency \(concurrency)\t\(function.codeURI)")
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
