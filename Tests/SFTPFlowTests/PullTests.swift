import AWS
import Foundation
import SFTP
import SSHPeer
import Testing
import SFTPTransfer

extension FlowSuite {
    @Suite("Pull from a partner directory")
    struct PullTests {
        let fixture: FlowFixture
        let store: DynamoDBSeenFileStore

        init() throws {
            fixture = try FlowFixture.get()
            store = DynamoDBSeenFileStore(dynamoDB: DynamoDBClient(client: fixture.client()), table: FlowFixture.seenTable)
        }

        @Test("a matching file is taken once it holds still across two polls, and each version only once")
        func takesStableVersionsOnce() throws {
            try withSSHServer { server in
                let directory = server.dataDirectory + "/outbox-\(UInt32.random(in: 0...UInt32.max))"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let poller = SFTPDirectoryPoller(
                    source: server.configuration(), directory: directory, pattern: GlobPattern("*.csv"), store: store,
                    sessions: SFTPSessionLimiter(sessionsPerEndpoint: 1))
                let report = directory + "/report.csv"
                try "a,b\n".write(toFile: report, atomically: true, encoding: .utf8)
                try "skip".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
                try "skip".write(toFile: directory + "/.partial.csv", atomically: true, encoding: .utf8)

                #expect(try poller.poll().isEmpty)
                let taken = try poller.poll()
                #expect(taken.map(\.path) == [report])
                #expect(try poller.poll().isEmpty)

                try "a,b\n1,2\n".write(toFile: report, atomically: true, encoding: .utf8)
                #expect(try poller.poll().isEmpty)
                #expect(try poller.poll().map(\.size) == [8])
            }
        }

        @Test("a version claimed by one poller is refused to another")
        func claimIsExclusive() throws {
            let version = RemoteFileVersion(path: "/outbox/a.csv", size: 10, modificationTime: 1_700_000_000)
            let endpoint = "partner@example.com:22-\(UInt32.random(in: 0...UInt32.max))"
            #expect(try store.claim(version, on: endpoint))
            #expect(try !store.claim(version, on: endpoint))
            #expect(try store.claim(RemoteFileVersion(path: "/outbox/a.csv", size: 11, modificationTime: 1_700_000_000), on: endpoint))
        }
    }
}
