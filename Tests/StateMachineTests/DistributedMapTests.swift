import Foundation
import StateMachine
import Testing

@Suite("Distributed Map state")
struct DistributedMapTests {
    /// A Distributed Map over `reader` whose items go through the task `work`.
    static func machine(reader: String, extra: String = "") -> String {
        #"""
        {"StartAt": "TransferAll", "States": {"TransferAll": {"Type": "Map", \#(extra)
          "ItemReader": \#(reader),
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "TransferObject", "States": {"TransferObject": {"Type": "Task", "Resource": "work", "End": true}}},
          "End": true}}}
        """#
    }

    static let jsonReader = #"""
        {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
         "Parameters": {"Bucket.$": "$.bucket", "Key": "items.json"}}
        """#

    static let echo: InMemoryServices.Handler = { input, _ in input }

    static func services(_ objects: [String: String], work: @escaping InMemoryServices.Handler = echo) -> InMemoryServices {
        InMemoryServices(tasks: ["work": work], objects: objects.mapValues { Data($0.utf8) })
    }

    /// Fails items whose `id` is in `ids`.
    static func failing(_ ids: Set<Int64>) -> InMemoryServices.Handler {
        { input, _ throws(StateFailure) in
            if let id = input["id"]?.integerValue, ids.contains(id) { throw StateFailure(error: "CopyFailed", cause: "item \(id)") }
            return ["copied": input["id"] ?? .null]
        }
    }

    static let tenItems = "[" + (0..<10).map { #"{"id": \#($0)}"# }.joined(separator: ",") + "]"

    @Test func readsAJSONArrayAndKeepsItemOrder() async throws {
        let events = EventLog()
        let services = Self.services(["in/items.json": #"[{"key": "a", "size": 1000}, {"key": "b", "size": 5}]"#])
        let result = try await Harness.run(
            Self.machine(reader: Self.jsonReader), input: ["bucket": "in"], services: services, events: events)
        #expect(result.output == .parse(#"[{"key": "a", "size": 1000}, {"key": "b", "size": 5}]"#))
        #expect(events.entered.filter { $0.hasPrefix("TransferAll[") }.sorted()
            == ["TransferAll[0]/TransferObject", "TransferAll[1]/TransferObject"])
        let progress = events.all.compactMap { event -> Int? in
            guard case .mapProgress(_, _, let succeeded, _, 2) = event else { return nil }
            return succeeded
        }
        #expect(progress == [1, 2])
    }

    @Test func readsCSVWithAHeaderRowAndSelectsItems() async throws {
        let csv = "key,size\r\n\"a,1.txt\",10\nb.txt,\"2\"\"0\"\n\n"
        let services = Self.services(["in/list.csv": csv])
        let result = try await Harness.run(
            Self.machine(
                reader: #"""
                    {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "list.csv"},
                     "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}}
                    """#,
                extra: #""ItemSelector": {"object.$": "$$.Map.Item.Value.key", "index.$": "$$.Map.Item.Index", "run.$": "$.run"},"#),
            input: ["run": 9], services: services)
        #expect(result.output == .parse(#"[{"object": "a,1.txt", "index": 0, "run": 9}, {"object": "b.txt", "index": 1, "run": 9}]"#))
    }

    @Test func readsGivenHeadersJSONLinesAndListings() async throws {
        let csvResult = try await Harness.run(
            Self.machine(reader: #"""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "t.tsv"},
                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"], "CSVDelimiter": "TAB", "MaxItems": 1}}
                """#),
            services: Self.services(["in/t.tsv": "1\t2\n3\t4\n"]))
        #expect(csvResult.output == [["a": "1", "b": "2"]])

        let linesResult = try await Harness.run(
            Self.machine(reader: #"""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "l.jsonl"}, "ReaderConfig": {"InputType": "JSONL"}}
                """#),
            services: Self.services(["in/l.jsonl": "{\"n\": 1}\n\n{\"n\": 2}\n"]))
        #expect(linesResult.output == [["n": 1], ["n": 2]])

        let listed: [JSONValue] = [["Key": "p/a", "Size": 3, "ETag": "\"x\"", "LastModified": "2024-01-01T00:00:00Z", "StorageClass": "STANDARD"]]
        let listResult = try await Harness.run(
            Self.machine(reader: #"{"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in", "Prefix": "p/"}}"#),
            services: InMemoryServices(tasks: ["work": Self.echo], listings: ["in/p/": listed]))
        #expect(listResult.output == .array(listed))
    }

    @Test func aMissingObjectFailsWithItemReaderFailed() async throws {
        let result = try await Harness.run(Self.machine(reader: Self.jsonReader), input: ["bucket": "in"], services: Self.services([:]))
        #expect(result.failure?.error == "States.ItemReaderFailed")
        #expect(result.failure?.cause.contains("S3.NoSuchKey") == true)
    }

    @Test func itemBatcherGroupsItemsWithBatchInput() async throws {
        let services = Self.services(["in/items.json": Self.tenItems])
        let result = try await Harness.run(
            Self.machine(
                reader: Self.jsonReader,
                extra: #""ItemBatcher": {"MaxItemsPerBatch": 4, "BatchInput": {"job.$": "$.job"}}, "MaxConcurrency": 2,"#),
            input: ["bucket": "in", "job": "j1"], services: services)
        let inputs = services.calls.map(\.input).sorted { ($0["Items"]?.arrayValue?.first?["id"]?.integerValue ?? 0) < ($1["Items"]?.arrayValue?.first?["id"]?.integerValue ?? 0) }
        #expect(inputs.map { $0["Items"]?.arrayValue?.count } == [4, 4, 2])
        #expect(inputs.allSatisfy { $0["BatchInput"] == ["job": "j1"] })
        #expect(result.output?.arrayValue?.count == 3)
    }

    @Test func itemBatcherRespectsTheByteLimit() async throws {
        let services = Self.services(["in/items.json": Self.tenItems])
        // {"Items":[{"id":0},{"id":1}]} is 29 bytes; a third item would make it 38.
        _ = try await Harness.run(
            Self.machine(reader: Self.jsonReader, extra: #""ItemBatcher": {"MaxInputBytesPerBatch": 30},"#),
            input: ["bucket": "in"], services: services)
        #expect(services.calls.map { $0.input["Items"]?.arrayValue?.count ?? 0 }.sorted() == [2, 2, 2, 2, 2])
        #expect(services.calls.allSatisfy { $0.input.serialized().utf8.count <= 30 })
    }

    @Test("EXPRESS children take batches sized by paths, with the execution's input as BatchInput, and have express ARNs")
    func expressChildrenWithBatchesFromPaths() async throws {
        let services = Self.services(["in/items.json": Self.tenItems])
        let machine = Self.machine(
            reader: Self.jsonReader,
            extra: #"""
                "ItemBatcher": {"MaxItemsPerBatchPath": "$.settings.items", "MaxInputBytesPerBatchPath": "$.settings.bytes",
                                "BatchInput": {"request.$": "$$.Execution.Input"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
                """#
        ).replacingOccurrences(of: #""ExecutionType": "STANDARD""#, with: #""ExecutionType": "EXPRESS""#)
        let input: JSONValue = ["bucket": "in", "mode": "sync", "settings": ["items": 3, "bytes": 262_144]]
        let result = try await Harness.run(machine, input: input, services: services)
        #expect(services.calls.map { $0.input["Items"]?.arrayValue?.count ?? 0 }.sorted() == [1, 3, 3, 3])
        #expect(services.calls.allSatisfy { $0.input["BatchInput"] == ["request": input] })
        let key = try #require(result.output?["ResultWriterDetails"]?["Key"]?.stringValue)
        let succeeded = key.replacingOccurrences(of: "manifest.json", with: "SUCCEEDED_0.json")
        let file = try #require(services.object("out/" + succeeded))
        let entries = try #require(try JSONValue(parsing: file).arrayValue)
        #expect(entries.count == 4)
        #expect(entries.allSatisfy { $0["ExecutionArn"]?.stringValue?.contains(":express:StateMachine/TransferAll:") == true })
    }

    @Test("ExecutionType must be STANDARD or EXPRESS, and only for a DISTRIBUTED Map")
    func executionTypeIsChecked() throws {
        let unknown = try Harness.definitionError(
            Self.machine(reader: Self.jsonReader).replacingOccurrences(of: "STANDARD", with: "FAST"))
        #expect(unknown.description.contains("must be STANDARD or EXPRESS, got 'FAST'"), "\(unknown)")
        let inline = try Harness.definitionError(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE", "ExecutionType": "EXPRESS"}, "StartAt": "P",
                "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#)
        #expect(inline.description.contains("applies only to Mode DISTRIBUTED"), "\(inline)")
    }

    @Test func failuresWithinToleranceLetTheMapSucceed() async throws {
        let result = try await Harness.run(
            Self.machine(reader: Self.jsonReader, extra: #""ToleratedFailurePercentage": 20,"#),
            input: ["bucket": "in"], services: Self.services(["in/items.json": Self.tenItems], work: Self.failing([3, 7])))
        let output = try #require(result.output?.arrayValue)
        #expect(output.count == 10)
        #expect(output[0] == ["copied": 0])
        #expect(output[3]["Status"] == "FAILED")
        #expect(output[3]["Error"] == "CopyFailed")
    }

    @Test("failures past the tolerance fail the Map", arguments: [
        #""ToleratedFailureCount": 1,"#, #""ToleratedFailurePercentage": 10,"#, "",
    ])
    func exceedingTheTolerance(_ tolerance: String) async throws {
        let result = try await Harness.run(
            Self.machine(reader: Self.jsonReader, extra: tolerance + #""MaxConcurrency": 1,"#),
            input: ["bucket": "in"], services: Self.services(["in/items.json": Self.tenItems], work: Self.failing([3, 7])))
        #expect(result.failure?.error == "States.ExceedToleratedFailureThreshold")
    }

    @Test func toleranceFromAPath() async throws {
        let result = try await Harness.run(
            Self.machine(reader: Self.jsonReader, extra: #""ToleratedFailureCountPath": "$.allowed","#),
            input: ["bucket": "in", "allowed": 2], services: Self.services(["in/items.json": Self.tenItems], work: Self.failing([3, 7])))
        #expect(result.output?.arrayValue?.count == 10)
    }

    @Test func resultWriterStoresAWSShapedFiles() async throws {
        let services = Self.services(["in/items.json": Self.tenItems], work: Self.failing([4]))
        let result = try await Harness.run(
            Self.machine(
                reader: Self.jsonReader,
                extra: #"""
                    "ToleratedFailureCount": 1, "ResultPath": "$.map",
                    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs/"}},
                    """#),
            input: ["bucket": "in"], services: services)
        let details = try #require(result.output?["map"])
        let runArn = try #require(details["MapRunArn"]?.stringValue)
        #expect(runArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/TransferAll:"))
        let runID = try #require(runArn.split(separator: ":").last.map(String.init))
        #expect(details["ResultWriterDetails"] == ["Bucket": "out", "Key": .string("runs/\(runID)/manifest.json")])
        #expect(services.writtenKeys == ["runs/\(runID)/SUCCEEDED_0.json", "runs/\(runID)/FAILED_0.json", "runs/\(runID)/manifest.json"])

        let manifest = try JSONValue(parsing: try #require(services.object("out/runs/\(runID)/manifest.json")))
        let succeededFile = try #require(services.object("out/runs/\(runID)/SUCCEEDED_0.json"))
        #expect(manifest["DestinationBucket"] == "out")
        #expect(manifest["MapRunArn"] == .string(runArn))
        #expect(manifest["ResultFiles"]?["PENDING"] == [])
        #expect(manifest["ResultFiles"]?["SUCCEEDED"] == [["Key": .string("runs/\(runID)/SUCCEEDED_0.json"), "Size": .int(Int64(succeededFile.count))]])

        let succeeded = try #require(try JSONValue(parsing: succeededFile).arrayValue)
        #expect(succeeded.count == 9)
        let entry = succeeded[0]
        #expect(entry["Status"] == "SUCCEEDED")
        #expect(entry["Input"] == #"{"id":0}"#)
        #expect(entry["Output"] == #"{"copied":0}"#)
        #expect(entry["InputDetails"] == ["Included": true])
        #expect(entry["ExecutionArn"]?.stringValue?.contains(":execution:StateMachine/TransferAll:") == true)
        for field in ["Name", "StartDate", "StopDate", "StateMachineArn", "RedriveStatus"] { #expect(entry[field] != nil, "\(field)") }

        let failedFile = try #require(services.object("out/runs/\(runID)/FAILED_0.json"))
        let failed = try #require(try JSONValue(parsing: failedFile).arrayValue)
        #expect(failed.count == 1)
        #expect(failed[0]["Status"] == "FAILED")
        #expect(failed[0]["Error"] == "CopyFailed")
        #expect(failed[0]["Cause"] == "item 4")
        #expect(failed[0]["Output"] == nil)
    }

    @Test func childExecutionsHaveTheirOwnContext() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass",
                "Parameters": {"input.$": "$$.Execution.Input", "name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Name"},
                "End": true}}}, "End": true}}}
            """#,
            input: ["items": ["x"]])
        let child = try #require(result.output?.arrayValue?.first)
        #expect(child["input"] == "x")
        #expect(child["name"] != "test-execution")
        #expect(child["machine"] == "StateMachine/M")
    }
}
