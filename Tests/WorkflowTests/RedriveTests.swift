import AWS
import BatchTransfer
import Foundation
import Glibc
import MotoPeer
import Testing

/// An execution whose emulator is killed mid-Map is finished by `emulator redrive-execution`:
/// the states that finished are not run again, the Map runs only the children that had not
/// succeeded, and no object is copied twice.
@Suite("Redriving an execution")
struct RedriveTests {
    let world: BatchWorld
    let s3: S3Client

    init() throws {
        world = try BatchWorld.get()
        s3 = S3Client(client: world.client)
    }

    @Test("an emulator killed mid-Map: the redrive runs only the unfinished batches, with the execution's own definition, and ends SUCCEEDED")
    func killedMidMap() async throws {
        try await offCooperativePool { [self] in
            let name = "redrive-" + UUID().uuidString.prefix(8).lowercased()
            let objects = SampleObjects(prefix: "\(name)/", count: 150, largeEvery: 1_000)
            try objects.upload(to: BatchWorld.sourceBucket, with: s3)
            let stateDir = NSTemporaryDirectory() + name
            defer { try? FileManager.default.removeItem(atPath: stateDir) }
            let input = stateDir + "-input.json"
            try """
                {"source_bucket":"\(BatchWorld.sourceBucket)","source_prefix":"\(name)/",\
                "destination_bucket":"\(BatchWorld.destinationBucket)","destination_prefix":"\(name)-copy/"}
                """.write(toFile: input, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: input) }
            let run = ["--execution-name", name, "--time-scale", "0.001", "--state-dir", stateDir]
            let journal = stateDir + "/executions/\(name).jsonl"

            let first = try ChildProcess(
                executable: ChildProcess.built("emulator"),
                arguments: BatchWorld.emulatorArguments(
                    ["start-execution", "TransferStateMachine", "--input", input, "--parameter-overrides", "BatchMaxItems=5"] + run,
                    endpoint: world.moto.endpoint),
                environment: BatchWorld.emulatorEnvironment(credentials: world.credentials))
            defer { first.kill() }
            let children = objects.count / 5
            _ = try first.waitFor("6 children finished") { () -> Bool? in
                Self.childRecords(journal) >= 6 ? true : nil
            }
            first.kill()
            #expect(first.waitUntilExit() == 128 + SIGKILL)
            let journaled = Self.childRecords(journal)
            #expect(journaled < children, "killed before the Map finished")

            let logs = stateDir + "/functions.log"
            let redrive = try BatchWorld.emulator(
                ["redrive-execution", name, "--function-logs", logs] + run.dropFirst(2), credentials: world.credentials,
                endpoint: world.moto.endpoint)
            #expect(redrive.status == 0, "\(redrive.stderr)")
            #expect(redrive.stderr.contains("redriving \(name) of TransferStateMachine from TransferAll"), "\(redrive.stderr)")
            let copies = ((try? String(contentsOfFile: logs, encoding: .utf8)) ?? "").split(separator: "\n").filter {
                $0.hasPrefix("TransferObject") && $0.contains("START RequestId")
            }
            #expect(copies.count <= children - journaled, "only unfinished batches run: \(copies.count) of \(children)")

            let body = try s3.getObject(bucket: BatchWorld.manifestBucket, key: ReportGenerator.reportKey(executionName: name)).body
            let report = try JSONDecoder().decode(TransferReport.self, from: Data(body))
            #expect(report.status == .succeeded)
            #expect(report.objects.failed == 0 && report.objects.copied + report.objects.skipped == objects.count)
            for index in 0..<objects.count {
                let key = "\(name)-copy/" + objects.key(index).dropFirst(name.count + 1)
                #expect(try s3.getObject(bucket: BatchWorld.destinationBucket, key: key).body == objects.content(index))
            }

            let again = try BatchWorld.emulator(["redrive-execution", name] + run.dropFirst(2), credentials: world.credentials, endpoint: world.moto.endpoint)
            #expect(again.status == 2 && again.stderr.contains("only a failed or interrupted execution can be redriven"), "\(again.stderr)")
        }
    }

    /// How many child executions the journal records as succeeded.
    static func childRecords(_ journal: String) -> Int {
        let text = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains(#""record":"child""#) }.count
    }
}
