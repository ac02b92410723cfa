import AWS
public import Events
import Foundation
import Glibc
public import MotoPeer

/// One region of the engine: `emulator start-lambda` serving the template's functions with
/// `AWS_REGION` set to the region, so its `Router` is a process of its own that signs for, queues
/// in and starts executions in that region (the two-region test, the chaos run).
public final class RegionHost: Sendable {
    public let region: String
    /// The region's Router, for the threads that drive it.
    public let router: RegionRouter
    private let process: ChildProcess

    /// Starts the host against `endpoint` (moto, by default) and waits until its Invoke API listens.
    public init(
        region: String, account: MotoAccount, endpoint: String? = nil, environment extra: [String: String], parameters: [String]
    ) throws {
        self.region = region
        var environment = ProcessInfo.processInfo.environment.merging(account.processEnvironment) { $1 }
        environment["AWS_SESSION_TOKEN"] = nil
        environment.merge(extra) { $1 }
        process = try ChildProcess(
            executable: ChildProcess.built("emulator"),
            arguments: [
                "start-lambda", "--port", "0", "--template", ProjectFiles.template, "--build-dir", BuildProducts.directory,
                "--endpoint-url", endpoint ?? account.endpoint, "--region", region, "--parameter-overrides",
            ] + parameters,
            environment: environment)
        let process = process
        let port: String
        do {
            port = try process.waitFor("emulator start-lambda (\(region)) to listen") { () -> String? in
                process.value(after: "Lambda Invoke API on http://127.0.0.1:").map { String($0.prefix { $0.isNumber }) }
            }
        } catch {
            process.stop()
            throw error
        }
        router = RegionRouter(
            invoker: AWSClient(
                region: region, credentials: StaticCredentialProvider(account.credentials),
                endpoints: EndpointResolver(allServices: "http://127.0.0.1:\(port)"), retryPolicy: RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10))),
            hostID: process.processID)
    }

    /// Everything the host and its functions wrote.
    public var log: String { process.output }

    /// Stops the host (and its functions).
    public func stop() {
        process.stop()
    }
}

/// A region's Router as the test drives it: invoked with ingest batches as the region's SQS
/// mapping would, and SIGKILLed mid-batch.
public struct RegionRouter: Sendable {
    let invoker: AWSClient
    /// The emulator process whose child the Router is.
    let hostID: pid_t

    private static let lambda = ServiceDescriptor(name: "Lambda", signingName: "lambda", endpointPrefix: "lambda", environmentName: "LAMBDA")

    /// Routes one batch; nil when the invocation failed (the Router died).
    public func route(_ event: SQSEvent) -> SQSBatchResponse? {
        guard let body = try? JSONEncoder().encode(event),
            let response = try? invoker.send(
                AWSRequest(method: "POST", path: "/2015-03-31/functions/Router/invocations", body: .bytes(Array(body))),
                to: Self.lambda, operation: "Invoke"),
            !response.headers.contains(where: { $0.name.lowercased() == "x-amz-function-error" })
        else { return nil }
        return try? JSONDecoder().decode(SQSBatchResponse.self, from: Data(response.body))
    }

    /// SIGKILLs the Router processes, as a region's functions die without warning; false when
    /// none was running.
    @discardableResult
    public func killRouter() -> Bool {
        let routers = processes(below: hostID, named: "Router")
        for pid in routers { kill(pid, SIGKILL) }
        return !routers.isEmpty
    }
}
