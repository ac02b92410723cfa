import AWS
import Foundation
import Testing
import MotoPeer

extension MotoSuite {
    @Suite("STS, SNS, Secrets Manager, Step Functions, container credentials")
    struct ServicesMotoTests {
        let fixture: MotoFixture
        let client: AWSClient

        init() throws {
            fixture = try MotoFixture.get()
            client = fixture.client()
        }

        @Test("GetCallerIdentity names the IAM user the suite signs as")
        func callerIdentity() throws {
            let identity = try STSClient(client: client).getCallerIdentity()
            #expect(identity.account == MotoFixture.account)
            #expect(identity.arn.hasSuffix("user/\(fixture.userName)"))
        }

        @Test("AssumeRole with an ExternalId; its credentials are then used, cached")
        func assumeRole() throws {
            let trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\(MotoFixture.account):user/\(fixture.userName)"},\
                "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-123"}}}]}
                """
            let roleName = "transfer-role-\(UInt32.random(in: 0...UInt32.max))"
            let role = try client.query(
                .iam, action: "CreateRole", parameters: [("RoleName", roleName), ("AssumeRolePolicyDocument", trust)])
            let roleARN = try #require(role.child("Role")?.value("Arn"))
            _ = try client.query(.iam, action: "AttachRolePolicy", parameters: [("RoleName", roleName), ("PolicyArn", fixture.policyARN)])

            // moto evaluates the trust policy, condition included: a wrong ExternalId is refused.
            let wrongID = #expect(throws: AWSError.self) {
                try STSClient(client: client).assumeRole(roleARN: roleARN, sessionName: "tests", externalID: "wrong")
            }
            #expect(wrongID?.kind == .accessDenied)

            let provider = AssumeRoleCredentialProvider.cached(
                sts: STSClient(client: client), roleARN: roleARN, sessionName: "tests", externalID: "ext-123")
            let assumed = client.with(credentials: provider)
            let identity = try STSClient(client: assumed).getCallerIdentity()
            #expect(identity.arn.contains("assumed-role/\(roleName)/tests"))
            let first = try provider.resolve()
            #expect(first.credentials.sessionToken != nil)
            #expect(first.expiration != nil)
            #expect(try provider.resolve() == first, "cached until near expiry")
            try fixture.createBucket("assumed-role-bucket", client: assumed)
            try S3Client(client: assumed).putObject(bucket: "assumed-role-bucket", key: "k", body: .bytes([7]))
            #expect(try S3Client(client: assumed).getObject(bucket: "assumed-role-bucket", key: "k").body == [7])
        }

        @Test("an IAM-denied action fails with AccessDenied on the first attempt")
        func accessDenied() throws {
            try fixture.createBucket("denied-bucket")
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .slowDown, faultCount: 0) { proxy throws in
                let viaProxy = fixture.client(endpoint: proxy.endpoint)
                let error = #expect(throws: AWSError.self) {
                    try viaProxy.send(
                        AWSRequest(method: "DELETE", bucket: "denied-bucket"), to: .s3, operation: "DeleteBucket",
                        resource: "denied-bucket")
                }
                #expect(error?.code == "AccessDenied")
                #expect(error?.kind == .accessDenied)
                #expect(error?.isRetryable == false)
                #expect(proxy.requestsSeen == 1)
            }
        }

        @Test("SNS Publish with message attributes")
        func snsPublish() throws {
            let topic = try client.query(.sns, action: "CreateTopic", parameters: [("Name", "transfers")])
            let arn = try #require(topic.value("TopicArn"))
            let id = try SNSClient(client: client).publish(
                topicARN: arn, message: "{\"done\":true}", subject: "done", attributes: ["bucket": "b", "kind": "copy"])
            #expect(!id.isEmpty)
            let error = #expect(throws: AWSError.self) {
                try SNSClient(client: client).publish(topicARN: arn + "-missing", message: "x")
            }
            #expect(error?.kind == .notFound)
        }

        @Test("Secrets Manager create, get, put, get")
        func secrets() throws {
            let secrets = SecretsManagerClient(client: client)
            let name = "sftp/partner-\(UInt32.random(in: 0...UInt32.max))"
            let created = try secrets.createSecret(name: name, secretString: "v1")
            #expect(created.name == name)
            #expect(try secrets.getSecretValue(id: name).secretString == "v1")
            let put = try secrets.putSecretValue(id: created.arn, secretString: "v2")
            let current = try secrets.getSecretValue(id: name)
            #expect(current.secretString == "v2")
            #expect(current.versionID == put.versionID)
            let error = #expect(throws: AWSError.self) { try secrets.getSecretValue(id: "no-such-secret") }
            #expect(error?.kind == .notFound)
        }

        @Test("Step Functions StartExecution and DescribeExecution on a Pass state machine")
        func stepFunctions() throws {
            struct Create: Encodable { var name: String; var definition: String; var roleArn: String }
            struct Created: Decodable { var stateMachineArn: String }
            let machine = try client.json(
                .stepFunctions, "CreateStateMachine",
                Create(
                    name: "pass-\(UInt32.random(in: 0...UInt32.max))",
                    definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
                    roleArn: "arn:aws:iam::\(MotoFixture.account):role/sfn"),
                as: Created.self)
            let functions = StepFunctionsClient(client: client)
            let execution = try functions.startExecution(stateMachineARN: machine.stateMachineArn, input: #"{"a":1}"#)
            let described = try functions.describeExecution(executionARN: execution)
            #expect(described.executionArn == execution)
            #expect(described.stateMachineArn == machine.stateMachineArn)
            #expect(["RUNNING", "SUCCEEDED"].contains(described.status))
        }

        @Test("container credentials: the token is sent and the served key signs requests")
        func containerCredentials() throws {
            let key = fixture.credentials
            let expiration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
            let seenToken = TokenRecorder()
            let document = """
                {"AccessKeyId":"\(key.accessKeyID)","SecretAccessKey":"\(key.secretAccessKey)",\
                "Token":null,"Expiration":"\(expiration)"}
                """
            try LoopbackServer.with(handler: { socket in
                guard let request = HTTPWire.readRequest(socket) else { return }
                seenToken.record(request.header("Authorization"), path: String(request.head.split(separator: " ")[1]))
                HTTPWire.writeAll(socket, HTTPWire.response(status: "200 OK", contentType: "application/json", body: document))
            }) { server throws in
                let environment = [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:\(server.port)/v2/credentials/abc",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer token-xyz",
                ]
                let provider = try CredentialChain.provider(environment: environment)
                let containerClient = fixture.client().with(credentials: provider)
                let identity = try STSClient(client: containerClient).getCallerIdentity()
                #expect(identity.arn.hasSuffix("user/\(fixture.userName)"))
                _ = try STSClient(client: containerClient).getCallerIdentity()
                #expect(seenToken.tokens == ["Bearer token-xyz"], "fetched once, with the token")
                #expect(seenToken.paths == ["/v2/credentials/abc"])
            }
        }
    }
}

/// What the credentials endpoint saw, written by its thread and read by the test.
final class TokenRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storedTokens: [String?] = []
    private var storedPaths: [String] = []

    func record(_ token: String?, path: String) {
        lock.withLock {
            storedTokens.append(token)
            storedPaths.append(path)
        }
    }

    var tokens: [String?] { lock.withLock { storedTokens } }
    var paths: [String] { lock.withLock { storedPaths } }
}
