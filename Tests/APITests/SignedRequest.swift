import AWS
import Foundation
import MotoPeer

/// One HTTP request sent by `scripts/signed-request.py`, signed (when `signer` is set) by botocore's
/// own SigV4 signer, the one boto3 and awscurl use: an independent check of the gateway's verifier.
struct SignedRequest: Encodable {
    struct Signer: Encodable {
        var access_key: String
        var secret_key: String
        var region = "us-east-1"
        var service = "execute-api"
        var date: String?

        init(_ credentials: AWSCredentials, region: String = "us-east-1", service: String = "execute-api", date: String? = nil) {
            access_key = credentials.accessKeyID
            secret_key = credentials.secretAccessKey
            self.region = region
            self.service = service
            self.date = date
        }
    }

    var method: String
    var url: String
    var headers: [[String]] = []
    var body: String?
    var body_base64: String?
    var body_size: Int?
    var sign: Signer?
    /// Where to send the request when not to `url`, which it is signed for.
    var send_url: String?

    init(
        _ method: String, _ url: String, headers: [(String, String)] = [], body: String? = nil, bodyBase64: String? = nil,
        bodySize: Int? = nil, signer: Signer? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers.map { [$0.0, $0.1] }
        self.body = body
        body_base64 = bodyBase64
        body_size = bodySize
        sign = signer
    }

    func send() throws -> HTTPAnswer {
        let run = try CommandRun.run(
            "/usr/bin/env", ["python3", ProjectFiles.repository + "/scripts/signed-request.py"],
            stdin: String(decoding: try JSONEncoder().encode(self), as: UTF8.self))
        guard run.status == 0 else { throw TestFailure("signed-request.py failed: \(run.stderr)") }
        return try JSONDecoder().decode(HTTPAnswer.self, from: Data(run.stdout.utf8))
    }
}

/// What the gateway answered.
struct HTTPAnswer: Decodable {
    var status: Int
    var headers: [[String]]
    var body_base64: String

    var body: Data { Data(base64Encoded: body_base64) ?? Data() }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// Every value of header `name`, in order.
    func values(_ name: String) -> [String] {
        headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
    }

    func header(_ name: String) -> String? { values(name).first }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
}

/// A test's own failure, with what was wrong.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
