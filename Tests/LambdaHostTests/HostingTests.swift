import Foundation
@testable import LambdaHost
import Testing

@Suite("Hosting functions: real processes behind the Runtime API")
struct HostingTests {
    let event = Array(#"{"transfer_id":"t-1","key":"in/red flower ✓.csv","size":18213}"#.utf8)

    @Test("Echo answers its event byte for byte, and a warm instance serves the next invocation")
    func echoRoundTrip() async throws {
        try await withHost { host, _ in
            let first = try await host.invoke("Echo", payload: event)
            let second = try await host.invoke("Echo", payload: event)
            #expect(first.payload == event)
            #expect(second.payload == event)
            #expect(first.succeeded && second.succeeded)
            #expect(first.requestID != second.requestID)
            #expect(first.logText.contains("START RequestId: \(first.requestID) Version: $LATEST"))
            #expect(first.logText.contains("END RequestId: \(first.requestID)"))
            #expect(first.logText.contains("REPORT RequestId: \(first.requestID)\tDuration: "))
            #expect(first.logText.contains("Init Duration: "))
            #expect(!second.logText.contains("Init Duration: "))
            await host.shutdown()
            let statistics = try await host.statistics(of: "Echo")
            #expect(statistics.exitedInstances == 1)
            #expect(statistics.invocations == 2)
        }
    }

    @Test("a function's error comes back as Unhandled with the function's errorType and message")
    func functionError() async throws {
        try await withHost { host, _ in
            let result = try await host.invoke("Echo", payload: Array(#"{"error":"partner refused"}"#.utf8))
            #expect(result.functionError == "Unhandled")
            #expect(result.errorType == "EchoRequestedError")
            let document = try result.json()
            #expect(document["errorMessage"] as? String == "partner refused")
            #expect(result.logText.contains("ERROR"))
            let next = try await host.invoke("Echo", payload: event)
            #expect(next.succeeded)
        }
    }

    @Test("an initialisation that throws fails the invocation with the init error, and the process exits")
    func initError() async throws {
        try await withHost { host, _ in
            let result = try await host.invoke("EchoBroken", payload: event)
            #expect(result.functionError == "Unhandled")
            #expect(result.errorType == "EchoRequestedError")
            #expect(try result.json()["errorMessage"] as? String == "TABLE_NAME is not set")
            let again = try await host.invoke("EchoBroken", payload: event)
            #expect(again.errorType == "EchoRequestedError")
            let statistics = try await host.statistics(of: "EchoBroken")
            #expect(statistics.exitedInstances == 2)
        }
    }

    @Test("a runtime in another language sees Lambda's environment, its CodeUri as working folder, and the invocation's headers")
    func environmentAndHeaders() async throws {
        try await withHost { host, project in
            let options = InvokeOptions(traceID: "Root=1-67891233-abcdef012345678912345678;Sampled=1", clientContext: "eyJhIjoxfQ==", tenantID: "tenant-7")
            let result = try await host.invoke("Scripted", payload: Array(#"{"do":"report"}"#.utf8), options: options)
            let seen = try result.json()
            #expect(seen["function"] as? String == "Scripted")
            #expect(seen["version"] as? String == "$LATEST")
            #expect(seen["memory"] as? String == "512")
            #expect(seen["group"] as? String == "/aws/lambda/Scripted")
            #expect(seen["root"] as? String == project.directory + "/scripted")
            #expect(seen["cwd"] as? String == project.directory + "/scripted")
            #expect(seen["region"] as? String == "us-east-1")
            #expect(seen["stage"] as? String == "test-us-east-1")
            #expect(seen["handler"] as? String == "bootstrap")
            #expect(seen["trace"] as? String == options.traceID)
            #expect(seen["tenant"] as? String == "tenant-7")
            #expect(seen["client_context"] as? String == "eyJhIjoxfQ==")
            #expect(seen["arn"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:Scripted")
            let deadline = Int64(seen["deadline"] as? String ?? "") ?? 0
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(deadline > now && deadline <= now + 60_000)
            #expect(project.logs.all.contains { $0.hasPrefix("[Scripted] handling {\"do\":\"report\"}") })
        }
    }

    @Test("an invocation past its timeout is stopped as Sandbox.Timedout, and a new instance takes the next one")
    func timeout() async throws {
        try await withHost { host, _ in
            let before = try await host.invoke("Sleepy", payload: Array(#"{"do":"report"}"#.utf8)).json()["pid"] as? Int
            let result = try await host.invoke("Sleepy", payload: Array(#"{"do":"sleep"}"#.utf8))
            #expect(result.errorType == "Sandbox.Timedout")
            #expect(result.text.contains("Task timed out after 1.00 seconds"))
            #expect(result.logText.contains("Status: timeout"))
            let after = try await host.invoke("Sleepy", payload: Array(#"{"do":"report"}"#.utf8)).json()["pid"] as? Int
            #expect(before != nil && after != nil && before != after)
        }
    }

    @Test("an instance that crashes fails its invocation with Runtime.ExitError and is replaced")
    func crash() async throws {
        try await withHost { host, _ in
            let result = try await host.invoke("Scripted", payload: Array(#"{"do":"crash"}"#.utf8))
            #expect(result.errorType == "Runtime.ExitError")
            #expect(result.text.contains("exit status 3"))
            #expect(result.logText.contains("crashing on purpose"))
            let next = try await host.invoke("Scripted", payload: Array(#"{"do":"report"}"#.utf8))
            #expect(next.succeeded)
        }
    }

    @Test("an error reported through /error keeps the runtime's document")
    func reportedError() async throws {
        try await withHost { host, _ in
            let result = try await host.invoke("Scripted", payload: Array(#"{"do":"fail"}"#.utf8))
            #expect(result.functionError == "Unhandled")
            #expect(result.errorType == "ScriptError")
            #expect(result.text == #"{"errorMessage":"partner refused the file","errorType":"ScriptError"}"#)
        }
    }

    @Test("instances run side by side up to the reserved concurrency, and no further")
    func reservedConcurrency() async throws {
        try await withHost { host, _ in
            let results = try await withThrowingTaskGroup(of: InvocationResult.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await host.invoke("Pair", payload: Array(#"{"do":"pause"}"#.utf8)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.succeeded).count == 6)
            let instances = Set(try results.map { try $0.json()["pid"] as? Int })
            #expect(instances.count == 2)
        }
    }

    @Test("reserved concurrency 0 throttles every invocation")
    func throttled() async throws {
        try await withHost { host, _ in
            let error = await #expect(throws: HostError.self) { try await host.invoke("Throttled", payload: event) }
            #expect(error?.code == .throttled)
        }
    }

    @Test("an answer over 6 MiB is refused with 413 and fails the invocation as Function.ResponseSizeTooLarge")
    func oversizedResponse() async throws {
        try await withHost { host, project in
            let result = try await host.invoke("Scripted", payload: Array(#"{"do":"big"}"#.utf8))
            #expect(result.errorType == "Function.ResponseSizeTooLarge")
            let next = try await host.invoke("Scripted", payload: Array(#"{"do":"report"}"#.utf8))
            #expect(next.succeeded)
            #expect(project.logs.all.contains("[Scripted] big response answered 413"))
        }
    }

    @Test("a response for a request id that is not running is refused with 400")
    func unknownRequestID() async throws {
        try await withHost { host, _ in
            let result = try await host.invoke("Scripted", payload: Array(#"{"do":"bogus"}"#.utf8))
            #expect(try result.json()["bogus_status"] as? String == "400")
        }
    }

    @Test("unknown functions, functions with nothing to run and oversized events are refused before anything runs")
    func refusals() async throws {
        try await withHost { host, _ in
            let unknown = await #expect(throws: HostError.self) { try await host.invoke("Nope", payload: event) }
            #expect(unknown?.code == .functionNotFound)
            #expect(unknown?.message.contains("Echo") == true)
            let unbuilt = await #expect(throws: HostError.self) { try await host.invoke("Unbuilt", payload: event) }
            #expect(unbuilt?.code == .cannotStart)
            #expect(unbuilt?.message.contains("NotBuiltAnywhere/bootstrap") == true)
            let big = [UInt8](repeating: UInt8(ascii: "a"), count: LambdaHost.requestLimit + 1)
            let tooLarge = await #expect(throws: HostError.self) { try await host.invoke("Echo", payload: big) }
            #expect(tooLarge?.code == .payloadTooLarge)
        }
    }
}
