import AWS
import Foundation
import Jobs
import MotoPeer

/// What a run's load left, checked against its sources: every object and file where it should
/// be with the same bytes, none written twice, no partial file left, nothing unfinished.
public struct GroundTruth: Sendable {
    public var checked = 0
    public var lost = 0
    /// Objects written more than once, with how many times.
    public var duplicates: [(key: String, writes: Int)] = []
    public var duplicated: Int { duplicates.count }
    public var partial = 0
    /// An execution that never succeeded, and routed jobs left unfinished.
    public var stuck = 0
    /// What was lost or stuck, for the report.
    public var findings: [String] = []

    /// Checks `load`; `batchFinished` says whether its execution ended SUCCEEDED.
    static func check(_ load: ChaosLoad, batchFinished: Bool) throws -> GroundTruth {
        var truth = GroundTruth()
        let s3 = load.world.s3
        if !batchFinished {
            truth.stuck += 1
            truth.findings.append("the batch execution never succeeded")
        }
        let sources = try s3.listAllObjects(bucket: ChaosWorld.sourceBucket, prefix: load.sourcePrefix).objects
        let copies = Dictionary(
            uniqueKeysWithValues: try s3.listAllObjects(bucket: ChaosWorld.destinationBucket, prefix: load.copyPrefix).objects.map {
                ($0.key.dropFirst(load.copyPrefix.count), $0)
            })
        for source in sources {
            truth.checked += 1
            let copy = copies[source.key.dropFirst(load.sourcePrefix.count)]
            if copy?.eTag != source.eTag || copy?.size != source.size { truth.lose("batch object \(source.key)") }
        }
        if sources.count != load.objects { truth.lost += load.objects - sources.count }
        for index in 0..<load.events {
            truth.checked += 1
            let original = try? s3.getObject(bucket: ChaosWorld.landingBucket, key: load.landingKey(index)).body
            let copy = try? s3.getObject(bucket: ChaosWorld.archiveBucket, key: load.archiveKey(index)).body
            if copy == nil || copy != original { truth.lose("routed object \(load.landingKey(index))") }
            let job = try load.world.jobs.job(id: try load.routedJobID(index))
            if job?.state != .succeeded {
                truth.stuck += 1
                let history = job.map { $0.history.map { "\($0.state.rawValue) by \($0.by)" }.joined(separator: ", ") } ?? "no record"
                truth.findings.append("routed job \(job?.id ?? "") of \(load.landingKey(index)): \(history)")
            }
        }
        for index in load.pulls {
            truth.checked += 1
            let key = "\(load.name)/pulled/file-\(index).bin"
            if (try? s3.getObject(bucket: ChaosWorld.destinationBucket, key: key).body) != load.fileContent(index) { truth.lose("pull \(key)") }
        }
        for index in load.pushes {
            truth.checked += 1
            let data = FileManager.default.contents(atPath: "\(load.pushDirectory)/file-\(index).bin")
            if data.map(Array.init) != load.fileContent(index) { truth.lose("push file-\(index).bin") }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: load.pushDirectory)) ?? []
        truth.partial = names.filter { !$0.hasSuffix(".bin") }.count
        let answered = load.proxy.answeredLines
        truth.duplicates =
            duplicateWrites(answered, prefix: "/\(ChaosWorld.destinationBucket)/\(load.name)/")
            + duplicateWrites(answered, prefix: "/\(ChaosWorld.archiveBucket)/out/\(load.name)/")
        return truth
    }

    private mutating func lose(_ what: String) {
        lost += 1
        findings.append("lost: \(what)")
    }

    /// Objects under `prefix` that moto stored more than once: a successful PUT that is not a part
    /// of a multipart upload, or a completed multipart upload.
    static func duplicateWrites(_ lines: [String], prefix: String) -> [(key: String, writes: Int)] {
        var writes: [Substring: Int] = [:]
        for line in lines where line.hasSuffix("-> 200") {
            let stored =
                (line.hasPrefix("PUT \(prefix)") && !line.contains("uploadId=")) || (line.hasPrefix("POST \(prefix)") && line.contains("uploadId="))
            guard stored else { continue }
            let path = line.drop { $0 != " " }.dropFirst().prefix { $0 != " " && $0 != "?" }
            writes[path, default: 0] += 1
        }
        return writes.filter { $0.value > 1 }.map { (String($0.key), $0.value) }.sorted { $0.key < $1.key }
    }

    /// Whether every SFTP job's file has arrived.
    static func filesArrived(_ load: ChaosLoad) -> Bool {
        let s3 = load.world.s3
        let pulled = load.pulls.allSatisfy { index in
            (try? s3.headObject(bucket: ChaosWorld.destinationBucket, key: "\(load.name)/pulled/file-\(index).bin")) != nil
        }
        return pulled && load.pushes.allSatisfy { FileManager.default.fileExists(atPath: "\(load.pushDirectory)/file-\($0).bin") }
    }

    /// Whether every routed job has finished.
    static func routedJobsFinished(_ load: ChaosLoad) -> Bool {
        (0..<load.events).allSatisfy { index in
            guard let id = try? load.routedJobID(index), let job = try? load.world.jobs.job(id: id) else { return false }
            return job.state.isFinal
        }
    }
}
