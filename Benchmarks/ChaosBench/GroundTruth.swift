import AWS
import Foundation
import MotoPeer

/// What a run's load left, checked against its sources: every object and file where it should
/// be with the same bytes, none written twice, no partial file left, nothing unfinished.
struct GroundTruth {
    var checked = 0
    var lost = 0
    /// Objects written more than once, with how many times.
    var duplicates: [(key: String, writes: Int)] = []
    var duplicated: Int { duplicates.count }
    var partial = 0
    var stuck = 0

    /// Checks `load`; `batchFinished` says whether its execution ended SUCCEEDED.
    static func check(_ load: ChaosLoad, batchFinished: Bool) throws -> GroundTruth {
        var truth = GroundTruth()
        let s3 = load.world.s3
        if !batchFinished { truth.stuck += 1 }
        let sources = try s3.listAllObjects(bucket: ChaosWorld.sourceBucket, prefix: load.sourcePrefix).objects
        let copies = Dictionary(
            uniqueKeysWithValues: try s3.listAllObjects(bucket: ChaosWorld.destinationBucket, prefix: load.copyPrefix).objects.map {
                ($0.key.dropFirst(load.copyPrefix.count), $0)
            })
        for source in sources {
            truth.checked += 1
            let copy = copies[source.key.dropFirst(load.sourcePrefix.count)]
            if copy?.eTag != source.eTag || copy?.size != source.size { truth.lost += 1 }
        }
        if sources.count != load.objects { truth.lost += load.objects - sources.count }
        for index in load.pulls {
            truth.checked += 1
            let key = "\(load.name)/pulled/file-\(index).bin"
            if (try? s3.getObject(bucket: ChaosWorld.destinationBucket, key: key).body) != load.fileContent(index) { truth.lost += 1 }
        }
        for index in load.pushes {
            truth.checked += 1
            let data = FileManager.default.contents(atPath: "\(load.pushDirectory)/file-\(index).bin")
            if data.map(Array.init) != load.fileContent(index) { truth.lost += 1 }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: load.pushDirectory)) ?? []
        truth.partial = names.filter { !$0.hasSuffix(".bin") }.count
        truth.duplicates = duplicateWrites(load.proxy.answeredLines, prefix: "/\(ChaosWorld.destinationBucket)/\(load.name)/")
        return truth
    }

    /// Objects under `prefix` that moto stored more than once (a successful PUT that is not a
    /// part of a multipart upload).
    static func duplicateWrites(_ lines: [String], prefix: String) -> [(key: String, writes: Int)] {
        var writes: [Substring: Int] = [:]
        for line in lines where line.hasPrefix("PUT \(prefix)") && line.hasSuffix("-> 200") && !line.contains("uploadId=") {
            let path = line.dropFirst(4).prefix { $0 != " " && $0 != "?" }
            writes[path, default: 0] += 1
        }
        return writes.filter { $0.value > 1 }.map { (String($0.key), $0.value) }.sorted { $0.key < $1.key }
    }

    /// Whether everything the workers were given has arrived (the batch is checked after its run).
    static func filesArrived(_ load: ChaosLoad) -> Bool {
        let s3 = load.world.s3
        let pulled = load.pulls.allSatisfy { index in
            (try? s3.headObject(bucket: ChaosWorld.destinationBucket, key: "\(load.name)/pulled/file-\(index).bin")) != nil
        }
        let pushed = load.pushes.allSatisfy { FileManager.default.fileExists(atPath: "\(load.pushDirectory)/file-\($0).bin") }
        return pulled && pushed
    }
}
