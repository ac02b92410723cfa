import AWS
import ArgumentParser
import Foundation
import LambdaHost

/// `emulator start`: the whole template at work until Ctrl-C.
struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the template's functions, APIs, event sources and schedules until stopped.",
        discussion: """
            Serves the Lambda Invoke API (--port), the EventBridge API (--events-port: PutEvents and \
            TestEventPattern, for aws events --endpoint-url) and the template's REST APIs (--api-port, as \
            start-api serves them, AWS_IAM signatures checked against --credentials), polls the SQS queues \
            the template maps to functions, announces objects created and removed in its wired buckets (S3 notifications and \
            EventBridge events), delivers messages published to topics to the functions subscribed to them, \
            fires its schedules, and runs the state machines rules start. Functions get those events as \
            Lambda's asynchronous invocations, and so do Invoke API calls of type Event: retried after 1 and \
            2 minutes (--retry-speed makes that faster), then reported to their OnFailure destination and \
            dead-letter target. The functions reach a local Step Functions API (--states-port, as their \
            AWS_ENDPOINT_URL_SFN): StartExecution runs the template's state machine here, DescribeExecution \
            reports it. Each ECS service of the template runs its task definition's containers DesiredCount \
            times, as run-task does; a task that stops by itself is replaced. With no \
            --endpoint-url and no AWS_ENDPOINT_URL it starts moto itself on a free port and says where; \
            the template's buckets, queues, topics and tables are created first, as up does. What the \
            template wires that is not run is named once at start-up. Stop with Ctrl-C (or SIGTERM). Exits 2 \
            when it cannot start.
            """)

    @Option(name: .long, help: "The address the APIs listen on.")
    var listen = "127.0.0.1"

    @Option(name: .long, help: "The Lambda Invoke API's port; 0 picks a free one.")
    var port = 3001

    @Option(name: .long, help: "The EventBridge API's port; 0 picks a free one.")
    var eventsPort = 3002

    @Option(name: .long, help: "The REST APIs' port; 0 picks a free one.")
    var apiPort = 3000

    @Option(
        name: .long,
        help: "The Step Functions API's port, given to the functions as AWS_ENDPOINT_URL_SFN; 0 (the default) picks a free one.")
    var statesPort = 0

    @Option(
        name: .customLong("eventbridge-bucket"),
        help: ArgumentHelp(
            "A bucket the template does not create (a customer's) whose new and removed objects are announced as EventBridge "
                + "events, as with its EventBridge notifications on; repeat for more. It must exist.",
            valueName: "bucket"))
    var eventBridgeBucket: [String] = []

    @OptionGroup var api: APIArguments

    @OptionGroup var host: HostArguments

    @OptionGroup var retries: RetryClockArguments

    func run() async throws {
        var arguments = host
        let callers = try api.loadCallers()
        let moto = try startMotoIfNeeded(&arguments)
        let template = try arguments.loadTemplate()
        let client = try arguments.makeAWSClient()
        do {
            try ResourceProvisioner(template: template, client: client).provision { outcome in
                StandardError.write("emulator: \(outcome.resource.logicalID) (\(outcome.resource.type)) \(outcome.resource.physicalName): \(outcome.status.rawValue)")
            }
        } catch {
            StandardError.write("emulator: \(error)")
            moto?.stop()
            throw ExitCode(2)
        }
        var wiring = EventWiring(template: template)
        for bucket in eventBridgeBucket { wiring.sendEventBridgeEvents(of: bucket) }
        for unrun in wiring.unrun { StandardError.write("emulator: \(unrun)") }
        let (listen, port, eventsPort, apiPort, api) = (self.listen, self.port, self.eventsPort, self.apiPort, self.api)
        let executions = LocalExecutions(template: template) { StandardError.write("emulator: \($0)") }
        let states: Task<Void, any Error>, statesURL: String
        do {
            (states, statesURL) = try await serveStepFunctions(executions)
        } catch {
            moto?.stop()
            throw error
        }
        let lambda = try arguments.makeHost(template: template, environment: ["AWS_ENDPOINT_URL_SFN": statesURL]) { function, line in
            StandardError.write("[\(function)] \(line)")
        }
        await executions.run(with: LocalStateMachineServices(host: lambda, s3: S3Client(client: client)))
        let plane = EventPlane(
            wiring: wiring, host: lambda, client: client, region: arguments.resolvedRegion, retryClock: retries.clock,
            log: { StandardError.write("emulator: \($0)") })
        let gateway = api.gateway(host: lambda, wiring: wiring, callers: callers, region: arguments.resolvedRegion)
        let tasks = [
            states,
            Task {
                try await InvokeAPIServer(host: lambda, plane: plane).run(hostname: listen, port: port) { bound in
                    StandardError.write("emulator: Lambda Invoke API on http://\(listen):\(bound)")
                }
            },
            Task {
                try await EventsAPIServer(plane: plane).run(hostname: listen, port: eventsPort) { bound in
                    StandardError.write("emulator: EventBridge API on http://\(listen):\(bound)")
                }
            },
            Task {
                try await gateway.run(hostname: listen, port: apiPort) { bound in api.announce(gateway, at: "http://\(listen):\(bound)") }
            },
            Task { await plane.runSources() },
        ]
        let services = startServices(template: template, arguments: arguments)
        await ShutdownSignals.wait().value
        StandardError.write("emulator: stopping")
        for task in tasks { task.cancel() }
        for task in tasks { _ = await task.result }
        for service in services { await service.stop() }
        await executions.abortAll()
        await lambda.shutdown()
        moto?.stop()
    }

    /// Serves the Step Functions API and returns its task and the address functions reach it at.
    private func serveStepFunctions(_ executions: LocalExecutions) async throws -> (Task<Void, any Error>, String) {
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let (listen, statesPort) = (self.listen, self.statesPort)
        let server = Task {
            defer { bound.finish() }
            try await StepFunctionsAPIServer(executions: executions).run(hostname: listen, port: statesPort) { bound.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            if case .failure(let error) = await server.result { StandardError.write("emulator: the Step Functions API cannot start: \(error)") }
            throw ExitCode(2)
        }
        let host = listen == "0.0.0.0" ? "127.0.0.1" : listen
        StandardError.write("emulator: Step Functions API on http://\(host):\(port) (the functions' AWS_ENDPOINT_URL_SFN)")
        return (server, "http://\(host):\(port)")
    }

    /// Starts the template's ECS services; says which it declares but does not create.
    private func startServices(template: SAMTemplate, arguments: HostArguments) -> [LocalService] {
        for (name, condition) in template.servicesNotCreated {
            StandardError.write("emulator: \(name) (AWS::ECS::Service) is not run: its Condition \(condition) is false")
        }
        let options = arguments.makeOptions { container, line in StandardError.write("[\(container)] \(line)") }
        var services: [LocalService] = []
        do {
            for service in try template.serviceDefinitions() {
                let definition = try template.taskDefinition(named: service.taskDefinition)
                services.append(LocalService(service: service, definition: definition, options: options) { StandardError.write("emulator: \($0)") })
            }
        } catch {
            StandardError.write("emulator: \(error); the template's services are not run")
        }
        return services
    }

    /// Starts moto when no endpoint is given, pointing the emulator and its functions at it.
    private func startMotoIfNeeded(_ arguments: inout HostArguments) throws -> EmbeddedMoto? {
        guard arguments.endpointURL == nil, ProcessInfo.processInfo.environment["AWS_ENDPOINT_URL"] == nil else { return nil }
        let moto: EmbeddedMoto
        do {
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            moto = try EmbeddedMoto(searchFrom: [
                URL(fileURLWithPath: arguments.template).deletingLastPathComponent().path, FileManager.default.currentDirectoryPath,
                URL(fileURLWithPath: executable).deletingLastPathComponent().path,
            ])
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        arguments.endpointURL = moto.endpoint
        // moto checks no signature here; functions and the emulator still need a key to sign with.
        for (name, value) in ["AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"]
        where ProcessInfo.processInfo.environment[name] == nil {
            setenv(name, value, 1)
        }
        StandardError.write("emulator: moto (AWS services) on \(moto.endpoint)")
        return moto
    }
}
