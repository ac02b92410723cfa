import ArgumentParser
import Foundation
import LambdaHost

/// `emulator start-lambda`: the Lambda Invoke API on a local port.
struct StartLambda: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the Lambda Invoke API for the template's functions.",
        discussion: """
            Point the AWS CLI or an SDK at it: aws lambda invoke --endpoint-url http://127.0.0.1:3001 \
            --function-name NAME out.json. RequestResponse, Event and DryRun invocations are supported, and
            X-Amz-Log-Type: Tail returns the last 4 KB of the invocation's logs. Stop with Ctrl-C.
            """)

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 picks a free one.")
    var port = 3001

    @OptionGroup var hostArguments: HostArguments

    func run() async throws {
        let lambda = try hostArguments.makeHost { function, line in StandardError.write("[\(function)] \(line)") }
        let server = InvokeAPIServer(host: lambda)
        let serving = Task { [host, port] in
            try await server.run(hostname: host, port: port) { bound in
                StandardError.write("emulator: Lambda Invoke API on http://\(host):\(bound) for \(lambda.functionNames.joined(separator: ", "))")
                for (name, refusal) in lambda.template.refusedFunctions.sorted(by: { $0.key < $1.key }) {
                    StandardError.write("emulator: \(name) is not served: \(refusal.message)")
                }
            }
        }
        let stop = ShutdownSignals.wait()
        await stop.value
        StandardError.write("emulator: stopping")
        serving.cancel()
        await lambda.shutdown()
    }
}

/// SIGINT and SIGTERM, turned into a task that ends when either arrives.
enum ShutdownSignals {
    static func wait() -> Task<Void, Never> {
        Task {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let once = SignalLatch(continuation)
                for signalNumber in [SIGINT, SIGTERM] {
                    signal(signalNumber, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                    source.setEventHandler { once.fire() }
                    source.resume()
                    once.keep(source)
                }
            }
        }
    }
}

/// Resumes its continuation on the first signal only, and keeps the signal sources alive.
private final class SignalLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = continuation
    }

    func keep(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }

    func fire() {
        let pending = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            defer { continuation = nil }
            return continuation
        }
        pending?.resume()
    }
}
