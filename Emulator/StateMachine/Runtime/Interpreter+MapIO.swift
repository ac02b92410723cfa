import Foundation

/// A Distributed Map's S3 side: reading items through the ItemReader and storing results
/// through the ResultWriter. Service failures become `States.ItemReaderFailed` and
/// `States.ResultWriterFailed`, carrying the service's own error in the cause.
extension Interpreter {
    /// The items from the ItemReader (`MaxItems` applied), or from `ItemsPath` without one.
    func readItems(_ spec: MapSpec, pathScope: PathScope) async throws(StateFailure) -> [JSONValue] {
        guard let reader = spec.itemReader else { return try mapItems(spec, pathScope: pathScope) }
        let parameters = try reader.parameters.evaluate(in: pathScope)
        guard let bucket = parameters["Bucket"]?.stringValue else {
            throw ItemDecoding.readerFailure("ItemReader.Parameters must give a Bucket string, got \(parameters)")
        }
        var items: [JSONValue]
        do throws(StateFailure) {
            switch reader.source {
            case .listing:
                items = try await services.listObjects(bucket: bucket, prefix: parameters["Prefix"]?.stringValue ?? "")
            case .object(let format):
                guard let key = parameters["Key"]?.stringValue else {
                    throw ItemDecoding.readerFailure("ItemReader.Parameters must give a Key string, got \(parameters)")
                }
                let data = try await services.readObject(bucket: bucket, key: key)
                items = try ItemDecoding.items(from: data, format: format, source: "s3://\(bucket)/\(key)")
            }
        } catch {
            throw error.error == "States.ItemReaderFailed" || error.isTerminal
                ? error : ItemDecoding.readerFailure("\(error.error): \(error.cause)")
        }
        if let limit = try reader.maxItems?.resolve(in: pathScope), limit > 0 {
            items = Array(items.prefix(Int(limit)))
        }
        return items
    }

    /// Stores the run's result files and returns what the Map outputs instead of the results.
    func writeResults(
        _ children: [ChildExecution], writer: ResultWriterSpec, run: MapRun, pathScope: PathScope
    ) async throws(StateFailure) -> JSONValue {
        let parameters = try writer.parameters.evaluate(in: pathScope)
        guard let bucket = parameters["Bucket"]?.stringValue else {
            throw StateFailure(
                error: "States.ResultWriterFailed", cause: "ResultWriter.Parameters must give a Bucket string, got \(parameters)")
        }
        let prefix = parameters["Prefix"]?.stringValue ?? ""
        let (files, manifestKey) = run.resultFiles(children, bucket: bucket, prefix: prefix)
        for file in files {
            do throws(StateFailure) {
                try await services.writeObject(bucket: bucket, key: file.key, body: file.body)
            } catch {
                throw error.isTerminal
                    ? error : StateFailure(error: "States.ResultWriterFailed", cause: "\(error.error): \(error.cause)")
            }
        }
        return ["MapRunArn": .string(run.arn), "ResultWriterDetails": ["Bucket": .string(bucket), "Key": .string(manifestKey)]]
    }
}
