import AWS
import Foundation
import Jobs
import MotoPeer
import SSHPeer
import Testing

/// The endpoint routes of the product's API through `emulator start`, as two IAM users call them:
/// the whole lifecycle for S3 and SFTP (a real sshd), the connectivity checks, credentials kept
/// in Secrets Manager only, tenant isolation, and bad input refused with nothing written.
@Suite("The self-serve API: endpoints", .serialized)
struct EndpointAPITests {
    let fixture: ProductAPIFixture

    init() throws {
        fixture = try ProductAPIFixture.get()
    }

    private func s3Body(bucket: String, prefix: String = "in/") -> String {
        #"{"type":"s3","name":"drop","bucket":"\#(bucket)","prefix":"\#(prefix)","region":"us-east-1","roleArn":"\#(fixture.roleARN)"}"#
    }

    private func sftpBody(_ sshd: SSHServer, fingerprint: String? = nil, channelsPerFile: Int? = nil) -> String {
        let key = sshd.userKey.privateKey.replacingOccurrences(of: "\n", with: "\\n")
        let channels = channelsPerFile.map { #","channelsPerFile":\#($0)"# } ?? ""
        return #"{"type":"sftp","host":"127.0.0.1","port":\#(sshd.port),"username":"\#(sshd.username)","path":"\#(sshd.dataDirectory)","hostKeyFingerprint":"\#(fingerprint ?? sshd.hostKey.fingerprint)"\#(channels),"credential":{"privateKey":"\#(key)"}}"#
    }

    @Test("an S3 endpoint: created inactive, read, listed, replaced, activated after the role check, deactivated, deleted")
    func s3Lifecycle() throws {
        try fixture.createBucket("alice-drop")
        let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: s3Body(bucket: "alice-drop"))
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        #expect(created.header("Location") == "/endpoints/\(id)")
        #expect(created.json["active"] as? Bool == false && created.json["bucket"] as? String == "alice-drop")

        let read = try fixture.request("GET", "/endpoints/\(id)", as: fixture.alice)
        #expect(read.status == 200 && read.json["prefix"] as? String == "in/")
        let listed = try fixture.request("GET", "/endpoints", as: fixture.alice)
        #expect((listed.json["endpoints"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)

        let replaced = try fixture.request("PUT", "/endpoints/\(id)", as: fixture.alice, body: s3Body(bucket: "alice-drop", prefix: "out/"))
        #expect(replaced.status == 200 && replaced.json["prefix"] as? String == "out/", "\(replaced.text)")

        let activated = try fixture.request("POST", "/endpoints/\(id)/activate", as: fixture.alice)
        #expect(activated.status == 200, "\(activated.text)")
        #expect(activated.json["active"] as? Bool == true)
        #expect((activated.json["lastCheck"] as? [String: Any])?["succeeded"] as? Bool == true)

        let deactivated = try fixture.request("POST", "/endpoints/\(id)/deactivate", as: fixture.alice)
        #expect(deactivated.status == 200 && deactivated.json["active"] as? Bool == false)
        let deleted = try fixture.request("DELETE", "/endpoints/\(id)", as: fixture.alice)
        #expect(deleted.status == 204)
        #expect(try fixture.request("GET", "/endpoints/\(id)", as: fixture.alice).status == 404)
    }

    @Test("activation is refused with the reason when the bucket is not there, and the failed check is stored")
    func s3CheckRefused() throws {
        let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: s3Body(bucket: "no-such-bucket-here"))
        let id = try #require(created.json["id"] as? String)
        let refused = try fixture.request("POST", "/endpoints/\(id)/activate", as: fixture.alice)
        #expect(refused.status == 400)
        #expect(refused.json["code"] as? String == "ConnectivityCheckFailed")
        #expect((refused.json["message"] as? String)?.contains("HeadBucket no-such-bucket-here") == true, "\(refused.text)")
        let stored = try fixture.request("GET", "/endpoints/\(id)", as: fixture.alice)
        #expect(stored.json["active"] as? Bool == false)
        #expect((stored.json["lastCheck"] as? [String: Any])?["succeeded"] as? Bool == false)
    }

    @Test("an SFTP endpoint against a real sshd: the key goes to Secrets Manager only, activation connects; a wrong host key is refused")
    func sftpLifecycle() throws {
        try withSSHServer { sshd in
            let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: sftpBody(sshd))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            #expect(!created.text.contains("PRIVATE KEY"))
            #expect((created.json["credential"] as? [String: Any])?["type"] as? String == "privateKey")
            let secret = try SecretsManagerClient(client: fixture.client).getSecretValue(id: "sftp/\(id)")
            #expect(secret.secretString == sshd.userKey.privateKey)

            let activated = try fixture.request("POST", "/endpoints/\(id)/activate", as: fixture.alice)
            #expect(activated.status == 200, "\(activated.text)")
            #expect(activated.json["active"] as? Bool == true)

            let limited = try fixture.request("PUT", "/endpoints/\(id)", as: fixture.alice, body: sftpBody(sshd, channelsPerFile: 1))
            #expect(limited.status == 200 && limited.json["channelsPerFile"] as? Int == 1, "\(limited.text)")
            let stored = try fixture.items(of: "EndpointTable").compactMap(CustomerEndpoint.init(record:)).first { $0.id == id }
            guard case .sftp(let location)? = stored?.location else { Issue.record("no SFTP endpoint \(id) stored"); return }
            #expect(location.channelsPerFile == 1, "the worker reads the partner's limit from the stored endpoint")

            let other = try KeyPair.generate(in: sshd.directory, name: "other_host", type: "ed25519")
            let impostor = try fixture.request("POST", "/endpoints", as: fixture.alice, body: sftpBody(sshd, fingerprint: other.fingerprint))
            let impostorID = try #require(impostor.json["id"] as? String)
            let refused = try fixture.request("POST", "/endpoints/\(impostorID)/activate", as: fixture.alice)
            #expect(refused.status == 400)
            #expect((refused.json["message"] as? String)?.contains("host key") == true, "\(refused.text)")
            #expect(try fixture.request("GET", "/endpoints/\(impostorID)", as: fixture.alice).json["active"] as? Bool == false)

            let deleted = try fixture.request("DELETE", "/endpoints/\(id)", as: fixture.alice)
            #expect(deleted.status == 204)
            #expect(try !fixture.secretNames().contains("sftp/\(id)"))
            let keyLine = sshd.userKey.privateKey.split(separator: "\n").dropFirst().first.map(String.init) ?? "-"
            #expect(!fixture.emulator.lines.contains { $0.contains(keyLine) }, "a line of the private key was logged")
        }
    }

    @Test("another customer's endpoint answers 404 to every route, and is left as it was")
    func tenantIsolation() throws {
        let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: s3Body(bucket: "alice-private"))
        let id = try #require(created.json["id"] as? String)
        for (method, path, body) in [
            ("GET", "/endpoints/\(id)", nil), ("PUT", "/endpoints/\(id)", s3Body(bucket: "bob-took-it")), ("DELETE", "/endpoints/\(id)", nil),
            ("POST", "/endpoints/\(id)/activate", nil), ("POST", "/endpoints/\(id)/deactivate", nil), ("GET", "/endpoints/\(id)/jobs", nil),
        ] as [(String, String, String?)] {
            let answer = try fixture.request(method, path, as: fixture.bob, body: body)
            #expect(answer.status == 404, "\(method) \(path): \(answer.text)")
            #expect(answer.json["code"] as? String == "NotFound")
        }
        let bobs = try fixture.request("GET", "/endpoints", as: fixture.bob)
        #expect((bobs.json["endpoints"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)
        let still = try fixture.request("GET", "/endpoints/\(id)", as: fixture.alice)
        #expect(still.status == 200 && still.json["bucket"] as? String == "alice-private")
    }

    @Test("bad input answers 400 with {code, message} naming the field, and writes nothing", arguments: [
        ("not json", "the body is not a JSON object"),
        ("[1,2]", "the body is not a JSON object"),
        (#"{"type":"ftp"}"#, "type:"),
        (#"{"type":"s3","bucket":"b-ok","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r","color":"red"}"#, "color:"),
        (#"{"type":"s3","bucket":"B_bad","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "bucket:"),
        (#"{"type":"s3","bucket":"b-ok","prefix":"../up/","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "prefix:"),
        (#"{"type":"s3","bucket":"b-ok","prefix":"/abs/","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "prefix:"),
        (#"{"type":"s3","bucket":"b-ok","region":"mars","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "region:"),
        (#"{"type":"s3","name":"a\u0007b","bucket":"b-ok","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "name:"),
        (#"{"type":"s3","name":"\#(String(repeating: "n", count: 129))","bucket":"b-ok","region":"us-east-1","roleArn":"arn:aws:iam::123456789012:role/r"}"#, "name:"),
        (#"{"type":"sftp","host":"h.example","port":"22","username":"u","path":"/in","hostKeyFingerprint":"SHA256:x","credential":{"password":"p"}}"#, "port:"),
        (#"{"type":"sftp","host":"h.example","username":"u","path":"/in","hostKeyFingerprint":"md5:ab:cd","credential":{"password":"p"}}"#, "hostKeyFingerprint:"),
        (#"{"type":"sftp","host":"h.example","username":"ünï","path":"/in","hostKeyFingerprint":"SHA256:x","credential":{"password":"p"}}"#, "username:"),
        (#"{"type":"sftp","host":"h.example","username":"u","path":"/in/../etc","hostKeyFingerprint":"SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","credential":{"password":"p"}}"#, "path:"),
        (#"{"type":"sftp","host":"h.example","username":"u","path":"/in","hostKeyFingerprint":"SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#, "credential:"),
        (#"{"type":"sftp","host":"h.example","username":"u","path":"/in","hostKeyFingerprint":"SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","channelsPerFile":9,"credential":{"password":"p"}}"#, "channelsPerFile:"),
    ])
    func badInput(body: String, field: String) throws {
        let tableBefore = try fixture.items(of: "EndpointTable").count
        let secretsBefore = try fixture.secretNames().count
        let answer = try fixture.request("POST", "/endpoints", as: fixture.alice, body: body)
        #expect(answer.status == 400, "\(answer.text)")
        #expect(answer.json["code"] is String)
        #expect((answer.json["message"] as? String)?.hasPrefix(field) == true, "\(answer.text)")
        #expect(try fixture.items(of: "EndpointTable").count == tableBefore)
        #expect(try fixture.secretNames().count == secretsBefore)
    }
}
