import AWS
import Foundation
import Jobs
import MotoPeer

/// The product's own API, as a customer reaches it: `emulator start` on the project's template
/// against moto (IAM checked), serving TransferApi on a free port with the keys of two IAM users,
/// alice and bob, in its credentials file; and a role the S3 checks assume. Made once for the
/// suites that share it; the emulator is ended by its watchdog when the test process ends.
final class ProductAPIFixture: Sendable {
    let moto: MotoServer
    /// The emulator's and its functions' own user (every action allowed).
    let admin: MotoIAMUser
    let alice: MotoIAMUser
    let bob: MotoIAMUser
    let emulator: ChildProcess
    let base: String
    /// A role the S3 checks may assume, with the admin's policy.
    let roleARN: String
    let folder: String

    private static let shared = SharedFixture { try ProductAPIFixture() }

    static func get() throws -> ProductAPIFixture { try shared.get() }

    var client: AWSClient {
        AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(admin.credentials), endpoints: EndpointResolver(allServices: moto.endpoint),
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)))
    }

    private init() throws {
        moto = try MotoServer(
            unauthenticatedActions: 3 * MotoIAMUser.unauthenticatedActions, extraEnvironment: ["S3_UPLOAD_PART_MIN_SIZE": "1024"])
        do {
            admin = try MotoIAMUser.create(
                on: moto.endpoint, name: "platform", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
            let invoke = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}"#
            alice = try MotoIAMUser.create(on: moto.endpoint, name: "alice", policy: invoke)
            bob = try MotoIAMUser.create(on: moto.endpoint, name: "bob", policy: invoke)
            roleARN = try Self.createRole(named: "customer-buckets", trusting: admin, client: AWSClient(
                region: "us-east-1", credentials: StaticCredentialProvider(admin.credentials), endpoints: EndpointResolver(allServices: moto.endpoint)))
            folder = NSTemporaryDirectory() + "product-api-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let callers = [alice, bob].map { user in
                "[\(user.name)]\naws_access_key_id = \(user.credentials.accessKeyID)\naws_secret_access_key = \(user.credentials.secretAccessKey)\n"
                    + "principal_arn = \(user.arn)\n"
            }.joined(separator: "\n")
            try callers.write(toFile: folder + "/callers.ini", atomically: true, encoding: .utf8)
            emulator = try ChildProcess(
                executable: ChildProcess.built("emulator"),
                arguments: [
                    "start", "--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", moto.endpoint,
                    "--port", "0", "--events-port", "0", "--api-port", "0", "--credentials", folder + "/callers.ini",
                    // The Router starts one-object executions on moto's Step Functions, which runs no
                    // task: every S3 copy goes to the worker's queue instead, which a test runs.
                    "--parameter-overrides", "SourceReaderRoleArn=\(roleARN)", "DestinationWriterRoleArn=\(roleARN)",
                    "StateMachineLimitBytes=1",
                ], environment: admin.signingEnvironment(), directory: folder, ready: "API Gateway TransferApi (stage v1) on ",
                within: 120)
            base = emulator.value(after: "API Gateway TransferApi (stage v1) on ") ?? ""
        } catch {
            moto.stop()
            throw error
        }
    }

    /// The template's TransferWorker task, run by `emulator run-task` against the same moto until stopped.
    func runWorker() throws -> ChildProcess {
        try ChildProcess(
            executable: ChildProcess.built("emulator"),
            arguments: [
                "run-task", "TransferWorkerTask", "--template", ProjectFiles.template, "--build-dir", BuildProducts.directory,
                "--endpoint-url", moto.endpoint, "--parameter-overrides", "WorkerReceiveWaitSeconds=1",
            ], environment: admin.signingEnvironment(), directory: folder, ready: "task TransferWorkerTask running")
    }

    /// A role `user` may assume, with the user's own policy attached.
    private static func createRole(named name: String, trusting user: MotoIAMUser, client: AWSClient) throws -> String {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(user.arn)"},"Action":"sts:AssumeRole"}]}"#
        let policyARN = user.policyARN
        let created = try client.query(.iam, action: "CreateRole", parameters: [("RoleName", name), ("AssumeRolePolicyDocument", trust)])
        _ = try client.query(.iam, action: "AttachRolePolicy", parameters: [("RoleName", name), ("PolicyArn", policyARN)])
        return created.child("Role")?.value("Arn") ?? "arn:aws:iam::123456789012:role/\(name)"
    }

    /// A request signed by `user`.
    func request(
        _ method: String, _ path: String, as user: MotoIAMUser, body: String? = nil, headers: [(String, String)] = []
    ) throws -> HTTPAnswer {
        var allHeaders = headers
        if body != nil { allHeaders.append(("Content-Type", "application/json")) }
        return try SignedRequest(method, base + path, headers: allHeaders, body: body, signer: SignedRequest.Signer(user.credentials)).send()
    }

    /// Creates `bucket` with the admin's key.
    func createBucket(_ bucket: String) throws {
        do {
            _ = try client.send(AWSRequest(method: "PUT", bucket: bucket), to: .s3, operation: "CreateBucket", resource: bucket)
        } catch {
            guard error.code == "BucketAlreadyOwnedByYou" else { throw error }
        }
    }

    /// Every item of a table (tests may scan; the API never does).
    func items(of table: String) throws -> [DynamoDBItem] {
        struct Input: Encodable { var TableName: String }
        struct Output: Decodable { var Items: [DynamoDBItem] }
        return try client.json(.dynamoDB, "Scan", Input(TableName: table), as: Output.self).Items
    }

    /// The names of the secrets in Secrets Manager.
    func secretNames() throws -> [String] {
        struct Input: Encodable { var MaxResults = 100 }
        struct Output: Decodable {
            struct Secret: Decodable { var Name: String }
            var SecretList: [Secret]
        }
        return try client.json(.secretsManager, "ListSecrets", Input(), as: Output.self).SecretList.map(\.Name)
    }
}
