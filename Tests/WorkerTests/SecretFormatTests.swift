import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    /// The shapes a partner's secret may take: the key's text, or JSON carrying an encrypted key's
    /// passphrase beside it.
    @Suite("partner secrets")
    struct SecretFormatTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        struct EncryptedKey: Sendable, CustomTestStringConvertible {
            var type: String
            var pem: Bool
            var testDescription: String { "\(type) \(pem ? "PEM" : "OpenSSH")" }
        }

        /// Runs one SFTP → S3 job whose source logs in with `secret(key)`, where `key` is a fresh
        /// key encrypted with `passphrase` and authorised on the server.
        func runJob(
            key type: String = "ed25519", pem: Bool = false, passphrase: String = "correct horse",
            log: LogLines = LogLines(), secret: (KeyPair) -> String
        ) throws -> (WorkerEvent, bytes: [UInt8], key: String) {
            try withSSHServer { server in
                let key = try KeyPair.generate(in: server.directory, name: "partner", type: type, pem: pem, passphrase: passphrase)
                try server.authorize(key)
                let queue = try fixture.createQueue()
                let bytes = try TestData.writeFile(server.dataDirectory + "/in.bin", count: 40_000)
                let destination = "worker/secret-\(UUID().uuidString.prefix(8)).bin"
                let job = TransferJob(
                    id: TestData.jobID(), flow: .sftpToS3,
                    source: TestData.sftp(server.dataDirectory + "/in.bin", on: server, secret: try fixture.storeSecret(secret(key))),
                    destination: TestData.s3(destination))
                try fixture.enqueue(job, on: queue)
                let worker = TransferWorker(
                    settings: fixture.settings(queue: queue), client: fixture.client(), stop: StopFlag(), log: log.append)
                let event = try #require(try worker.processNext())
                #expect(try fixture.messageCounts(queue: queue) == (0, 0), "the message is deleted either way")
                return (event, bytes, destination)
            }
        }

        static func json(_ fields: [String: String]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        }

        @Test(
            "an encrypted key logs in with the passphrase stored beside it",
            arguments: [EncryptedKey(type: "ed25519", pem: false), EncryptedKey(type: "ecdsa", pem: false), EncryptedKey(type: "ecdsa", pem: true)])
        func passphrase(key: EncryptedKey) async throws {
            try await offCooperativePool {
                let (event, bytes, destination) = try runJob(key: key.type, pem: key.pem) { key in
                    Self.json(["privateKey": key.privateKey, "passphrase": "correct horse"])
                }
                #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: destination).body == bytes)
            }
        }

        @Test("a wrong passphrase fails the job as non-retryable authentication")
        func wrongPassphrase() async throws {
            try await offCooperativePool {
                let log = LogLines()
                let (event, _, _) = try runJob(log: log) { key in
                    Self.json(["privateKey": key.privateKey, "passphrase": "wrong"])
                }
                #expect(event.outcome == .failed(.nonRetryable))
                #expect(log.all.contains { $0.contains(#""event":"job.failed""#) && $0.contains("authentication") }, "\(log.all)")
            }
        }

        @Test("no secret reaches the log or the error, whether the job succeeds or fails to log in")
        func nothingLeaks() async throws {
            try await offCooperativePool {
                let log = LogLines()
                var errors: [String] = []
                var keys: [KeyPair] = []
                let passphrase = "staple battery 7f3a"
                for (stored, expected) in [(passphrase, true), ("wrong horse 91c2", false)] {
                    let (event, _, _) = try runJob(passphrase: passphrase, log: log) { key in
                        keys.append(key)
                        return Self.json(["privateKey": key.privateKey, "passphrase": stored])
                    }
                    #expect((event.outcome == .succeeded) == expected, "\(String(describing: event.error))")
                    errors.append(String(describing: event.error))
                }
                let text = (log.all + errors).joined(separator: "\n")
                #expect(!text.contains(passphrase) && !text.contains("wrong horse 91c2"), "a passphrase was logged")
                #expect(!text.contains(fixture.account.credentials.secretAccessKey), "the AWS secret access key was logged")
                for key in keys {
                    let body = key.privateKey.split(separator: "\n").filter { !$0.hasPrefix("-----") }
                    for line in body where line.count >= 16 {
                        #expect(!text.contains(line.prefix(16)), "a line of the private key was logged")
                    }
                }
            }
        }

        @Test("a JSON secret without a key is refused by name, and its contents are never logged")
        func wrongShape() async throws {
            try await offCooperativePool {
                let log = LogLines()
                let (event, _, _) = try runJob(log: log) { _ in Self.json(["passphrase": "do-not-print-me"]) }
                #expect(event.outcome == .failed(.nonRetryable))
                let line = try #require(log.all.first { $0.contains(#""event":"job.failed""#) })
                #expect(line.contains(#"without a \"privateKey\""#), "\(line)")
                #expect(!log.all.joined().contains("do-not-print-me"))
            }
        }
    }
}
