import AWS
import Foundation
import Jobs
import MotoPeer
import SSHPeer

/// What the story runs against: moto (signatures and IAM checked) holding acme's landing bucket
/// and, in a second account, its archive bucket with the role that writes it; two partners' sshd
/// servers that accept one engine key; and acme's endpoints and pull schedule in the template's
/// tables, which `emulator up` made. Everything is stopped by `stop()`, by process id.
final class StoryWorld {
    let moto: MotoServer
    let admin: MotoIAMUser
    let partnerA: SSHServer
    let partnerB: SSHServer
    /// The role of the archive account (222222222222) that TransferObject copies as.
    let archiveRole = "arn:aws:iam::222222222222:role/archive-writer"
    let archiveCredentials: AWSCredentials
    let notificationQueue: String

    static let landingBucket = "acme-landing"
    static let archiveBucket = "acme-archive"
    static let jobsTopic = "arn:aws:sns:us-east-1:123456789012:JobsTopic"
    private static let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    private static let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#

    init() throws {
        // Three requests before the admin user's own: the archive account's role is made with that
        // role's credentials, which moto checks against the role only once it exists.
        moto = try MotoServer(
            unauthenticatedActions: 3 + MotoIAMUser.unauthenticatedActions, extraEnvironment: ["S3_UPLOAD_PART_MIN_SIZE": "1024"])
        var started: [SSHServer] = []
        do {
            let setup = Self.client(AWSCredentials(accessKeyID: "setup", secretAccessKey: "setup"), moto.endpoint)
            archiveCredentials = try STSClient(client: setup).assumeRole(roleARN: archiveRole, sessionName: "setup").credentials.credentials
            let archive = Self.client(archiveCredentials, moto.endpoint)
            _ = try archive.query(.iam, action: "CreateRole", parameters: [("RoleName", "archive-writer"), ("AssumeRolePolicyDocument", Self.trust)])
            let write = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:CreateBucket","s3:PutBucketVersioning","s3:ListBucket",\
                "s3:ListBucketVersions","s3:GetObject","s3:GetObjectVersion","s3:PutObject","s3:AbortMultipartUpload"],\
                "Resource":["arn:aws:s3:::\(Self.archiveBucket)","arn:aws:s3:::\(Self.archiveBucket)/*","arn:aws:s3:::\(Self.landingBucket)/*"]}]}
                """
            _ = try archive.query(
                .iam, action: "PutRolePolicy", parameters: [("RoleName", "archive-writer"), ("PolicyName", "write"), ("PolicyDocument", write)])
            admin = try MotoIAMUser.create(on: moto.endpoint, name: "platform", policy: Self.allowAll)
            let client = Self.client(admin.credentials, moto.endpoint)
            _ = try client.query(.iam, action: "CreateRole", parameters: [("RoleName", "transfer-source-reader"), ("AssumeRolePolicyDocument", Self.trust)])
            _ = try client.query(
                .iam, action: "PutRolePolicy",
                parameters: [("RoleName", "transfer-source-reader"), ("PolicyName", "read"), ("PolicyDocument", Self.allowAll)])
            _ = try client.send(AWSRequest(method: "PUT", bucket: Self.landingBucket), to: .s3, operation: "CreateBucket")
            _ = try archive.send(AWSRequest(method: "PUT", bucket: Self.archiveBucket), to: .s3, operation: "CreateBucket")
            let versioning = #"<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>"#
            _ = try archive.send(
                AWSRequest(method: "PUT", query: [("versioning", "")], body: .bytes(Array(versioning.utf8)), bucket: Self.archiveBucket),
                to: .s3, operation: "PutBucketVersioning")

            partnerA = try SSHServer()
            started.append(partnerA)
            partnerB = try SSHServer()
            started.append(partnerB)
            try partnerB.authorize(partnerA.userKey)

            let up = try CommandRun.run(
                BuildProducts.directory + "/emulator", ["up"] + Self.templateArguments(moto.endpoint), environment: admin.signingEnvironment())
            guard up.status == 0 else { throw UpFailed(output: up.stdout + up.stderr) }
            notificationQueue = try Self.subscribeQueue(client)
        } catch {
            started.forEach { $0.stop() }
            moto.stop()
            throw error
        }
        do {
            _ = try SecretsManagerClient(client: client()).createSecret(name: "partners/acme-engine", secretString: partnerA.userKey.privateKey)
            try createEndpoints(client())
        } catch {
            stop()
            throw error
        }
    }

    func stop() {
        partnerA.stop()
        partnerB.stop()
        moto.stop()
    }

    /// The admin's client (the archive role's with `archiveCredentials`).
    func client(_ credentials: AWSCredentials? = nil) -> AWSClient {
        Self.client(credentials ?? admin.credentials, moto.endpoint)
    }

    /// `emulator start` on the project's template against moto, until `stop()`.
    func startEmulator(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(
            executable: BuildProducts.directory + "/emulator", arguments: ["start"] + Self.templateArguments(moto.endpoint) + arguments,
            environment: admin.signingEnvironment())
    }

    private static func templateArguments(_ endpoint: String) -> [String] {
        ["--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", endpoint]
    }

    /// Where partner A drops files and partner B receives them.
    var outbound: String { partnerA.dataDirectory + "/outbound" }
    var inbound: String { partnerB.dataDirectory + "/inbound" }

    /// partner A's outbound folder is pulled every minute into the landing bucket, which pushes
    /// each object to partner B's inbound folder and to the archive account's bucket.
    private func createEndpoints(_ client: AWSClient) throws {
        for folder in [outbound, inbound] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let catalog = DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: client), table: "EndpointTable")
        func partner(_ server: SSHServer, _ path: String) -> CustomerEndpoint.Location {
            .sftp(
                SFTPLocation(
                    host: "127.0.0.1", port: server.port, username: server.username, path: path,
                    hostKeyFingerprint: server.hostKey.fingerprint, secretID: "partners/acme-engine"))
        }
        try catalog.put(CustomerEndpoint(id: "partner-a-outbound", customer: "acme", location: partner(partnerA, outbound)))
        try catalog.put(CustomerEndpoint(id: "partner-b-inbound", customer: "acme", location: partner(partnerB, inbound)))
        try catalog.put(CustomerEndpoint(id: "archive", customer: "acme", location: .s3(bucket: Self.archiveBucket, prefix: "partner-a/")))
        try catalog.put(
            CustomerEndpoint(
                id: "landing", customer: "acme", location: .s3(bucket: Self.landingBucket, prefix: "inbound/"),
                pushTo: ["partner-b-inbound", "archive"]))
        let now = ISO8601DateFormatter().string(from: Date())
        try DynamoDBScheduleCatalog(dynamoDB: DynamoDBClient(client: client), table: "ScheduleTable").put(
            TransferSchedule(
                id: "pull-partner-a", customer: "acme", expression: "rate(1 minute)", sourceEndpoint: "partner-a-outbound",
                pattern: "*.csv", destinationEndpoint: "landing", nextRunAt: now, createdAt: now))
    }

    /// A queue subscribed to the template's jobs topic; returns its URL.
    private static func subscribeQueue(_ client: AWSClient) throws -> String {
        struct Input: Encodable { var QueueName: String }
        struct Output: Decodable { var QueueUrl: String }
        let url = try client.json(.sqs, "CreateQueue", Input(QueueName: "acme-job-notifications"), as: Output.self).QueueUrl
        _ = try client.query(
            .sns, action: "Subscribe",
            parameters: [
                ("TopicArn", jobsTopic), ("Protocol", "sqs"), ("Endpoint", "arn:aws:sqs:us-east-1:123456789012:acme-job-notifications"),
            ])
        return url
    }

    /// Every job in the job table (a test may scan; the engine never does).
    func jobs() throws -> [Job] {
        struct Input: Encodable { var TableName = "JobTable" }
        struct Output: Decodable { var Items: [DynamoDBItem] }
        return try client().json(.dynamoDB, "Scan", Input(), as: Output.self).Items.compactMap(Job.init(record:))
    }

    /// Each version of each object in the archive bucket, as (key, version id), read as the archive role.
    func archiveVersions() throws -> [(key: String, version: String)] {
        let answer = try client(archiveCredentials).send(
            AWSRequest(method: "GET", query: [("versions", "")], bucket: Self.archiveBucket), to: .s3, operation: "ListObjectVersions")
        return try MiniXMLParser.parse(answer.body).children("Version").map { ($0.value("Key") ?? "", $0.value("VersionId") ?? "") }
    }

    /// Every notification on the subscribed queue, as (job id, state), in the order received.
    func notifications() throws -> [(job: String, state: String)] {
        let sqs = SQSClient(client: client())
        var received: [(job: String, state: String)] = []
        while true {
            let messages = try sqs.receiveMessages(queueURL: notificationQueue, waitSeconds: 1)
            if messages.isEmpty { return received }
            for message in messages {
                let envelope = try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any]
                let attributes = envelope?["MessageAttributes"] as? [String: [String: Any]]
                received.append((attributes?["jobId"]?["Value"] as? String ?? "", attributes?["state"]?["Value"] as? String ?? ""))
                try sqs.deleteMessage(queueURL: notificationQueue, receiptHandle: message.receiptHandle)
            }
        }
    }

    private static func client(_ credentials: AWSCredentials, _ endpoint: String) -> AWSClient {
        AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(credentials), endpoints: EndpointResolver(allServices: endpoint),
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)))
    }
}

/// `emulator up` could not make the template's resources.
struct UpFailed: Error, CustomStringConvertible {
    let output: String

    var description: String { "emulator up failed: \(output)" }
}
