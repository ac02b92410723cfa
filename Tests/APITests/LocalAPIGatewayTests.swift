import AWS
import Foundation
import MotoPeer
import Testing

/// `emulator start-api` as a client sees it: requests signed by botocore with the keys of two IAM
/// users made on moto, the proxy event a Python function receives, and API Gateway's own answers.
@Suite("emulator start-api: the local API Gateway", .serialized)
final class LocalAPIGatewayTests {
    static let template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function: {Timeout: 10, Runtime: python3.12, CodeUri: mirror/, Handler: app.handler}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: v1
              BinaryMediaTypes: [application~1octet-stream]
              Auth: {DefaultAuthorizer: AWS_IAM}
          Mirror:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Item: {Type: Api, Properties: {RestApiId: !Ref Api, Path: '/items/{id}', Method: get}}
                Items: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: post}}
                Files: {Type: Api, Properties: {RestApiId: !Ref Api, Path: '/files/{proxy+}', Method: put}}
                Health: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /health, Method: get, Auth: {Authorizer: NONE}}}
          Broken:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.broken
              Events:
                Bad: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /broken, Method: get}}
        """

    static let app = """
        import base64, json

        def handler(event, context):
            if event["path"] == "/items/teapot":
                return {"statusCode": 418, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "headers": {"X-Single": "one"},
                        "body": base64.b64encode(b"\\x00\\x01\\xff").decode(), "isBase64Encoded": True}
            return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(event)}

        def broken(event, context):
            return {"body": "no statusCode"}
        """

    let moto: MotoServer
    let alice: MotoIAMUser
    let bob: MotoIAMUser
    let folder: String
    let emulator: ChildProcess
    let base: String

    init() throws {
        moto = try MotoServer(unauthenticatedActions: 2 * MotoIAMUser.unauthenticatedActions)
        do {
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}"#
            alice = try MotoIAMUser.create(on: moto.endpoint, name: "alice", policy: policy)
            bob = try MotoIAMUser.create(on: moto.endpoint, name: "bob", policy: policy)
            folder = NSTemporaryDirectory() + "api-gateway-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder + "/mirror", withIntermediateDirectories: true)
            try Self.template.write(toFile: folder + "/template.yaml", atomically: true, encoding: .utf8)
            try Self.app.write(toFile: folder + "/mirror/app.py", atomically: true, encoding: .utf8)
            let credentials = [alice, bob].map { user in
                "[\(user.name)]\naws_access_key_id = \(user.credentials.accessKeyID)\naws_secret_access_key = \(user.credentials.secretAccessKey)\n"
                    + "principal_arn = \(user.arn)\n"
            }.joined(separator: "\n")
            try credentials.write(toFile: folder + "/callers.ini", atomically: true, encoding: .utf8)
            var environment = ProcessInfo.processInfo.environment
            for name in ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] { environment[name] = nil }
            emulator = try ChildProcess(
                executable: ChildProcess.built("emulator"),
                arguments: ["start-api", "--port", "0", "--credentials", "callers.ini", "--region", "us-east-1"], environment: environment,
                directory: folder, ready: "API Gateway Api (stage v1) on ")
            base = try #require(emulator.value(after: "API Gateway Api (stage v1) on "))
        } catch {
            moto.stop()
            throw error
        }
    }

    deinit {
        emulator.stop()
        moto.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func signer(_ user: MotoIAMUser) -> SignedRequest.Signer { SignedRequest.Signer(user.credentials) }

    @Test("a signed GET reaches the function as the proxy event, with the signer's identity, parameters and request id")
    func signedRequestBecomesProxyEvent() throws {
        let answer = try SignedRequest(
            "GET", base + "/items/42?tag=a&tag=b&note=two%20words", headers: [("X-Many", "1"), ("X-Many", "2")], signer: signer(alice)
        ).send()
        #expect(answer.status == 200, "\(answer.text)")
        let event = answer.json
        #expect(event["resource"] as? String == "/items/{id}")
        #expect(event["path"] as? String == "/items/42")
        #expect(event["httpMethod"] as? String == "GET")
        #expect(event["pathParameters"] as? [String: String] == ["id": "42"])
        #expect((event["queryStringParameters"] as? [String: String])?["tag"] == "b")
        #expect((event["queryStringParameters"] as? [String: String])?["note"] == "two words")
        #expect((event["multiValueQueryStringParameters"] as? [String: [String]])?["tag"] == ["a", "b"])
        #expect((event["multiValueHeaders"] as? [String: [String]])?["X-Many"] == ["1", "2"])
        #expect(event["isBase64Encoded"] as? Bool == false)
        let context = try #require(event["requestContext"] as? [String: Any])
        #expect(context["stage"] as? String == "v1")
        #expect(context["path"] as? String == "/v1/items/42")
        #expect(context["requestId"] as? String == answer.header("x-amzn-RequestId"))
        let identity = try #require(context["identity"] as? [String: Any])
        #expect(identity["userArn"] as? String == alice.arn)
        #expect(identity["accessKey"] as? String == alice.credentials.accessKeyID)
        #expect(identity["accountId"] as? String == MotoIAMUser.account)

        let other = try SignedRequest("GET", base + "/items/42", signer: signer(bob)).send()
        #expect(other.status == 200)
        let otherIdentity = (other.json["requestContext"] as? [String: Any])?["identity"] as? [String: Any]
        #expect(otherIdentity?["userArn"] as? String == bob.arn)
        #expect(emulator.lines.contains { $0.contains("api: GET /items/42 200") && $0.contains("caller=\(bob.arn)") })
    }

    @Test("a signed POST's body and a binary PUT under {proxy+} reach the function; a route without auth takes unsigned requests")
    func bodiesAndGreedyPaths() throws {
        let post = try SignedRequest(
            "POST", base + "/items", headers: [("Content-Type", "application/json")], body: #"{"name":"ünïcode"}"#, signer: signer(alice)
        ).send()
        #expect(post.status == 200, "\(post.text)")
        #expect(post.json["body"] as? String == #"{"name":"ünïcode"}"#)

        let bytes = Data([0, 1, 2, 255, 254])
        let put = try SignedRequest(
            "PUT", base + "/files/a/b/c.bin", headers: [("Content-Type", "application/octet-stream")],
            bodyBase64: bytes.base64EncodedString(), signer: signer(alice)
        ).send()
        #expect(put.status == 200, "\(put.text)")
        #expect(put.json["pathParameters"] as? [String: String] == ["proxy": "a/b/c.bin"])
        #expect(put.json["isBase64Encoded"] as? Bool == true)
        #expect(put.json["body"] as? String == bytes.base64EncodedString())

        let health = try SignedRequest("GET", base + "/health").send()
        #expect(health.status == 200)
        #expect(((health.json["requestContext"] as? [String: Any])?["identity"] as? [String: Any])?["userArn"] is NSNull)
    }

    @Test("the function's status, multi-value headers and base64 body become the HTTP answer; a broken answer is a 502")
    func functionAnswers() throws {
        let teapot = try SignedRequest("GET", base + "/items/teapot", signer: signer(alice)).send()
        #expect(teapot.status == 418)
        #expect(teapot.values("Set-Cookie") == ["a=1", "b=2"])
        #expect(teapot.header("X-Single") == "one")
        #expect(teapot.body == Data([0, 1, 255]))

        let broken = try SignedRequest("GET", base + "/broken", signer: signer(alice)).send()
        #expect(broken.status == 502)
        #expect(broken.json["message"] as? String == "Internal server error")
    }

    @Test("unsigned, unknown-key, wrongly signed, expired and mis-scoped requests are refused with API Gateway's 403s")
    func refusedSignatures() throws {
        func refusal(_ request: SignedRequest) throws -> (type: String?, message: String) {
            let answer = try request.send()
            #expect(answer.status == 403, "\(answer.text)")
            #expect(answer.header("x-amzn-RequestId") != nil)
            return (answer.header("x-amzn-ErrorType"), answer.json["message"] as? String ?? "")
        }
        let unsigned = try refusal(SignedRequest("GET", base + "/items/42"))
        #expect(unsigned.type == "MissingAuthenticationTokenException" && unsigned.message == "Missing Authentication Token")

        let stranger = try refusal(SignedRequest(
            "GET", base + "/items/42", signer: SignedRequest.Signer(AWSCredentials(accessKeyID: "AKIASTRANGER", secretAccessKey: "x"))))
        #expect(stranger.type == "UnrecognizedClientException" && stranger.message == "The security token included in the request is invalid.")

        let wrongSecret = try refusal(SignedRequest(
            "GET", base + "/items/42",
            signer: SignedRequest.Signer(AWSCredentials(accessKeyID: alice.credentials.accessKeyID, secretAccessKey: "not-the-secret"))))
        #expect(wrongSecret.type == "InvalidSignatureException")
        #expect(wrongSecret.message.hasPrefix("The request signature we calculated does not match the signature you provided."))
        #expect(wrongSecret.message.contains("The Canonical String for this request should have been\n'GET\n/items/42\n"))

        var old = SignedRequest.Signer(alice.credentials)
        old.date = AmzDate(Date().addingTimeInterval(-600)).timestamp
        let expired = try refusal(SignedRequest("GET", base + "/items/42", signer: old))
        #expect(expired.type == "InvalidSignatureException" && expired.message.hasPrefix("Signature expired: \(old.date ?? "") is now earlier than "))

        let elsewhere = try refusal(SignedRequest("GET", base + "/items/42", signer: SignedRequest.Signer(alice.credentials, region: "eu-west-1")))
        #expect(elsewhere.message == "Credential should be scoped to a valid region. ")
        let otherService = try refusal(SignedRequest("GET", base + "/items/42", signer: SignedRequest.Signer(alice.credentials, service: "s3")))
        #expect(otherService.message == "Credential should be scoped to correct service: 'execute-api'. ")

        var tamperedRequest = SignedRequest("GET", base + "/items/43", signer: signer(alice))
        tamperedRequest.send_url = base + "/items/42"
        let tampered = try refusal(tamperedRequest)
        #expect(tampered.type == "InvalidSignatureException")
        #expect(!emulator.lines.contains { $0.contains("[Mirror]") && $0.contains("AKIASTRANGER") })
    }

    @Test("a route the template does not define answers 403 Missing Authentication Token, signed or not; a body over 10 MB answers 413")
    func undefinedRoutesAndLargeBodies() throws {
        for request in [
            SignedRequest("GET", base + "/nowhere", signer: signer(alice)), SignedRequest("DELETE", base + "/items/42", signer: signer(alice)),
            SignedRequest("GET", base + "/nowhere"),
        ] {
            let answer = try request.send()
            #expect(answer.status == 403)
            #expect(answer.json["message"] as? String == "Missing Authentication Token")
        }
        let large = try SignedRequest("POST", base + "/items", bodySize: 10 * 1024 * 1024 + 1, signer: signer(alice)).send()
        #expect(large.status == 413)
        #expect(large.json["message"] as? String == "Request Too Long")
        let limit = try SignedRequest("POST", base + "/items", bodySize: 1024 * 1024, signer: signer(alice)).send()
        #expect(limit.status == 200)
    }
}
