import AWS
import Foundation
import MotoPeer

/// The world the batch workflow runs in: one moto server that checks every signature and IAM
/// policy, an operator user (the functions' own credentials locally), the source reader and
/// destination writer roles the template names, the source and destination buckets, the
/// template's resources created by `emulator up`, and a queue subscribed to the report topic.
final class BatchWorld: Sendable {
    static let region = "us-east-1"
    static let sourceBucket = "partner-source"
    static let destinationBucket = "archive-destination"
    static let manifestBucket = "local-manifestbucket"
    static let reportTopic = "arn:aws:sns:us-east-1:123456789012:ReportTopic"
    static let operatorName = "transfer-operator"
    /// Keys the destination role may not write (under any destination prefix).
    static let forbiddenPattern = "*/forbidden/*"

    let account: MotoAccount
    let client: AWSClient
    let reportQueueURL: String

    var moto: MotoServer { account.moto }
    var credentials: AWSCredentials { account.credentials }
    /// What the first `emulator up` printed.
    let firstUp: CommandRun

    private static let shared = SharedFixture { try BatchWorld() }

    static func get() throws -> BatchWorld {
        try shared.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: Self.operatorName,
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            region: Self.region)
        client = account.client(
            retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200)))
        do {
            try Self.createRoles(account, client: client)
            for bucket in [Self.sourceBucket, Self.destinationBucket] { try account.createBucket(bucket, client: client) }
            firstUp = try Self.emulator(["up"], credentials: account.credentials, endpoint: account.endpoint)
            reportQueueURL = try Self.subscribeQueue(client)
        } catch {
            account.stop()
            throw error
        }
    }

    /// Runs the `emulator` binary with the operator's credentials against `endpoint`.
    static func emulator(
        _ arguments: [String], credentials: AWSCredentials, endpoint: String, environment extra: [String: String] = [:]
    ) throws -> CommandRun {
        try CommandRun.run(
            BuildProducts.directory + "/emulator", emulatorArguments(arguments, endpoint: endpoint),
            environment: emulatorEnvironment(credentials: credentials, extra: extra))
    }

    /// `arguments` with the product's template, the build folder and `endpoint`.
    static func emulatorArguments(_ arguments: [String], endpoint: String) -> [String] {
        arguments + ["--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", endpoint]
    }

    /// This process's environment with the operator's credentials and region, and `extra`.
    static func emulatorEnvironment(credentials: AWSCredentials, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AWS_REGION"] = region
        for (name, value) in extra { environment[name] = value }
        return environment
    }

    /// Runs one execution of the transfer state machine with retry waits scaled down a thousandfold.
    func startExecution(
        name: String, sourcePrefix: String, destinationPrefix: String, endpoint: String? = nil,
        environment: [String: String] = [:]
    ) throws -> CommandRun {
        let input = NSTemporaryDirectory() + "execution-\(name)-\(getpid()).json"
        try """
            {"source_bucket":"\(Self.sourceBucket)","source_prefix":"\(sourcePrefix)",\
            "destination_bucket":"\(Self.destinationBucket)","destination_prefix":"\(destinationPrefix)"}
            """.write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        return try Self.emulator(
            [
                "start-execution", "TransferStateMachine", "--input", input, "--execution-name", name, "--time-scale", "0.001",
                "--parameter-overrides", "MultipartThresholdBytes=100000", "MultipartPartSizeBytes=40000",
                "MultipartConcurrency=3",
            ],
            credentials: credentials, endpoint: endpoint ?? moto.endpoint, environment: environment)
    }

    private static func createRoles(_ account: MotoAccount, client: AWSClient) throws {
        let source = "arn:aws:s3:::\(sourceBucket)"
        let destination = "arn:aws:s3:::\(destinationBucket)"
        try account.createRole(named: "transfer-source-reader", assumableBy: account.user.arn, policy: """
            {"Version":"2012-10-17","Statement":[\
            {"Effect":"Allow","Action":"s3:ListBucket","Resource":"\(source)"},\
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"\(source)/*"}]}
            """, client: client)
        try account.createRole(named: "transfer-destination-writer", assumableBy: account.user.arn, policy: """
            {"Version":"2012-10-17","Statement":[\
            {"Effect":"Allow","Action":"s3:ListBucket","Resource":"\(destination)"},\
            {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:AbortMultipartUpload"],"Resource":"\(destination)/*"},\
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"\(source)/*"},\
            {"Effect":"Deny","Action":"s3:PutObject","Resource":"\(destination)/\(forbiddenPattern)"}]}
            """, client: client)
    }

    private static func subscribeQueue(_ client: AWSClient) throws -> String {
        struct Created: Decodable { var QueueUrl: String }
        let queue: Created = try client.json(.sqs, "CreateQueue", ["QueueName": "transfer-reports"])
        _ = try client.query(
            .sns, action: "Subscribe",
            parameters: [
                ("TopicArn", reportTopic), ("Protocol", "sqs"),
                ("Endpoint", "arn:aws:sqs:\(region):\(MotoIAMUser.account):transfer-reports"),
            ])
        return queue.QueueUrl
    }
}
