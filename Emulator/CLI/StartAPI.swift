import ArgumentParser
import Foundation
import LambdaHost

/// `emulator start-api`: the template's REST APIs on a local port, signatures checked.
struct StartAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-api",
        abstract: "Serves the template's REST APIs (AWS::Serverless::Api and Api events) as API Gateway does, with AWS_IAM checked.",
        discussion: """
            Each request becomes the Lambda proxy event of its route (path and query parameters, multi-value \
            headers and query strings, {proxy+}, base64 bodies for the API's BinaryMediaTypes, the stage, and \
            requestContext with the request id and the caller's identity), and the function's answer becomes the \
            HTTP answer. Routes whose authorizer is AWS_IAM take only requests signed with SigV4 (service \
            execute-api, this region) by a key of --credentials, as aws, awscurl or boto3's signer send them; \
            API Gateway's own answers are kept: 403 for an undefined route or a missing, expired or wrong \
            signature, 413 for a body over 10 MB, 502 when the function fails. Paths are served without the \
            stage (GET /jobs, not /v1/jobs). Stop with Ctrl-C.
            """)

    @OptionGroup var api: APIArguments

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 picks a free one.")
    var port = 3000

    @OptionGroup var hostArguments: HostArguments

    func run() async throws {
        let callers = try api.loadCallers()
        let template = try hostArguments.loadTemplate()
        let lambda = try hostArguments.makeHost(template: template) { function, line in StandardError.write("[\(function)] \(line)") }
        let gateway = api.gateway(host: lambda, wiring: EventWiring(template: template), callers: callers, region: hostArguments.resolvedRegion)
        let (listen, port) = (host, self.port)
        let serving = Task {
            try await gateway.run(hostname: listen, port: port) { bound in api.announce(gateway, at: "http://\(listen):\(bound)") }
        }
        await ShutdownSignals.wait().value
        StandardError.write("emulator: stopping")
        serving.cancel()
        _ = await serving.result
        await lambda.shutdown()
    }
}

/// The options of the local API Gateway, shared by `start-api` and `start`.
struct APIArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The keys AWS_IAM routes accept: an AWS credentials file whose profiles also name principal_arn (the IAM user or role of the key).",
            valueName: "file"))
    var credentials: String?

    /// The callers of `--credentials`; none without it.
    func loadCallers() throws -> CallerCredentials {
        guard let credentials else { return CallerCredentials(callers: []) }
        do {
            return try CallerCredentials.load(path: credentials)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
    }

    func gateway(host: LambdaHost, wiring: EventWiring, callers: CallerCredentials, region: String) -> LocalAPIGateway {
        LocalAPIGateway(host: host, wiring: wiring, callers: callers, region: region) { record in
            StandardError.write(
                "api: \(record.method) \(record.path) \(record.status) \(record.milliseconds) ms requestId=\(record.requestID)"
                    + (record.caller.map { " caller=\($0)" } ?? "") + (record.correlationID.map { " correlationId=\($0)" } ?? ""))
        }
    }

    /// Says where each API is served and with which routes, and what cannot be called.
    func announce(_ gateway: LocalAPIGateway, at url: String) {
        for api in gateway.apis {
            StandardError.write("emulator: API Gateway \(api.name) (stage \(api.stage)) on \(url)")
            for route in api.routes.sorted(by: { ($0.resource, $0.method) < ($1.resource, $1.method) }) {
                StandardError.write("emulator:   \(route.method) \(route.resource) → \(route.function)\(route.authorization == .iam ? " (AWS_IAM)" : "")")
            }
        }
        if gateway.apis.isEmpty { StandardError.write("emulator: the template has no REST API routes to functions") }
        let signed = gateway.apis.contains { $0.routes.contains { $0.authorization == .iam } }
        if signed, gateway.callers.callers.isEmpty {
            StandardError.write("emulator: no --credentials: AWS_IAM routes refuse every request (403)")
        }
    }
}
