import Foundation

/// The files a ResultWriter stores: `SUCCEEDED_0.json` and `FAILED_0.json` (JSON arrays of child
/// entries, each written only when it has entries) and `manifest.json`, which lists them.
///
/// Items never started because the run had already exceeded its failure tolerance are not
/// listed, so the manifest's `PENDING` list is always empty. AWS splits large results into
/// further `_1`, `_2` files; this writer keeps each status in one file.
extension MapRun {
    struct File: Sendable {
        let key: String
        let body: Data
    }

    func resultFiles(_ children: [ChildExecution], bucket: String, prefix: String) -> (files: [File], manifestKey: String) {
        var files: [File] = []
        var listed: [String: JSONValue] = ["SUCCEEDED": [], "FAILED": [], "PENDING": []]
        for status in ["SUCCEEDED", "FAILED"] {
            let entries = children.filter { $0.succeeded == (status == "SUCCEEDED") }
                .map { $0.resultEntry(stateMachineArn: childStateMachineArn) }
            guard !entries.isEmpty else { continue }
            let file = File(key: key("\(status)_0.json", prefix: prefix), body: JSONValue.array(entries).serializedData())
            files.append(file)
            listed[status] = [["Key": .string(file.key), "Size": .int(Int64(file.body.count))]]
        }
        let manifest: JSONValue = [
            "DestinationBucket": .string(bucket),
            "MapRunArn": .string(arn),
            "ResultFiles": .object(listed),
        ]
        let manifestKey = key("manifest.json", prefix: prefix)
        files.append(File(key: manifestKey, body: manifest.serializedData()))
        return (files, manifestKey)
    }
}
