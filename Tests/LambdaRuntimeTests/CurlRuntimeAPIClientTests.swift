import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
@testable import LambdaRuntime
import Sockets
import Testing

@Suite("The Runtime API client over a real socket", .serialized)
struct CurlRuntimeAPIClientTests {
    let logs = LogCapture()

    static let invocationHeaders: HTTPFields = [
        .named("Lambda-Runtime-Aws-Request-Id"): "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
        .named("Lambda-Runtime-Deadline-Ms"): "1542409706888",
        .named("Lambda-Runtime-Invoked-Function-Arn"): "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
        .named("Lambda-Runtime-Trace-Id"): "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
        .named("Lambda-Runtime-Client-Context"): #"{"client":{"app_title":"uploader"}}"#,
        .named("Lambda-Runtime-Cognito-Identity"): #"{"cognitoIdentityId":"us-east-1:abc"}"#,
        .named("Lambda-Runtime-Aws-Tenant-Id"): "tenant-42",
    ]

    @Test("/next yields the event and every Lambda-Runtime header in the context")
    func readsEveryHeader() async throws {
        try await RuntimeServerHarness.with({ router, _ in
            router.get("/2018-06-01/runtime/invocation/next") { _, _ in
                Response.json(.ok, #"{"bucket":"in"}"#, headers: Self.invocationHeaders)
            }
        }) { port, _ in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let invocation = try client.nextInvocation(logger: logs.logger())
            let context = invocation.context
            #expect(String(decoding: invocation.event, as: UTF8.self) == #"{"bucket":"in"}"#)
            #expect(context.requestID == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
            #expect(context.deadlineMilliseconds == 1_542_409_706_888)
            #expect(context.invokedFunctionARN == "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime")
            #expect(context.traceID == "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
            #expect(context.clientContext == #"{"client":{"app_title":"uploader"}}"#)
            #expect(context.cognitoIdentity == #"{"cognitoIdentityId":"us-east-1:abc"}"#)
            #expect(context.tenantID == "tenant-42")
            #expect(context.logger.requestID == context.requestID)
        }
    }

    @Test("a /next without a request id is refused with an error that names the header")
    func missingRequestID() async throws {
        try await RuntimeServerHarness.with({ router, _ in
            router.get("/2018-06-01/runtime/invocation/next") { _, _ in
                Response.json(.ok, "{}", headers: [.named("Lambda-Runtime-Deadline-Ms"): "1"])
            }
        }) { port, _ in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let error = #expect(throws: RuntimeAPIError.self) { try client.nextInvocation(logger: logs.logger()) }
            #expect(error?.code == .missingHeader("Lambda-Runtime-Aws-Request-Id"))
        }
    }

    @Test("responses, errors and init errors are posted where and how the contract says")
    func postsResponsesAndErrors() async throws {
        try await RuntimeServerHarness.with({ router, _ in
            router.post("/2018-06-01/runtime/invocation/:id/response") { _, _ in Response.json(.accepted, #"{"status":"OK"}"#) }
            router.post("/2018-06-01/runtime/invocation/:id/error") { _, _ in Response.json(.accepted, #"{"status":"OK"}"#) }
            router.post("/2018-06-01/runtime/init/error") { _, _ in Response.json(.accepted, #"{"status":"OK"}"#) }
        }) { port, harness in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            try client.sendResponse(LambdaResponse(body: Array("plain answer".utf8), contentType: "text/plain"), requestID: "r1")
            let report = ErrorReport(errorType: "NonRetryableError", errorMessage: "denied", category: "Function.Unhandled")
            try client.sendError(report, requestID: "r2")
            try client.sendInitError(ErrorReport(errorType: "ConfigMissing", errorMessage: "no bucket", category: "Function.InitError"))

            let requests = harness.requests
            #expect(requests.map(\.path) == [
                "/2018-06-01/runtime/invocation/r1/response", "/2018-06-01/runtime/invocation/r2/error",
                "/2018-06-01/runtime/init/error",
            ])
            #expect(requests[0].body == "plain answer")
            #expect(requests[0].headers[.contentType] == "text/plain")
            #expect(requests[1].headers[.named("Lambda-Runtime-Function-Error-Type")] == "Function.Unhandled")
            #expect(requests[1].body == #"{"errorMessage":"denied","errorType":"NonRetryableError","stackTrace":[]}"#)
            #expect(requests[2].headers[.named("Lambda-Runtime-Function-Error-Type")] == "Function.InitError")
            #expect(requests.allSatisfy { $0.headers[.expect] == nil })
        }
    }

    @Test("an answer other than 202 to a response is an error carrying the status and the server's reason")
    func rejectedResponse() async throws {
        try await RuntimeServerHarness.with({ router, _ in
            router.post("/2018-06-01/runtime/invocation/:id/response") { _, _ in
                Response.json(.contentTooLarge, #"{"errorType":"RequestEntityTooLarge"}"#)
            }
        }) { port, _ in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let error = #expect(throws: RuntimeAPIError.self) {
                try client.sendResponse(LambdaResponse(body: []), requestID: "big")
            }
            #expect(error?.code == .unexpectedStatus(413))
            #expect(error?.message.contains("RequestEntityTooLarge") == true)
        }
    }

    @Test("a chunked /next body is reassembled")
    func chunkedEvent() async throws {
        try await RuntimeServerHarness.with({ router, _ in
            router.get("/2018-06-01/runtime/invocation/next") { _, _ in
                Response(status: .ok, headers: Self.invocationHeaders, body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: #"{"part":"one","#))
                    try await writer.write(ByteBuffer(string: #""rest":"two"}"#))
                    try await writer.finish(nil)
                })
            }
        }) { port, _ in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let invocation = try client.nextInvocation(logger: logs.logger())
            #expect(String(decoding: invocation.event, as: UTF8.self) == #"{"part":"one","rest":"two"}"#)
        }
    }

    @Test("when the API closes the connection after answering, the next call opens a new one")
    func reconnectsAfterClose() async throws {
        try await RuntimeServerHarness.with({ router, harness in
            router.get("/2018-06-01/runtime/invocation/next") { _, _ in
                let served = harness.requests.filter { $0.path.hasSuffix("/next") }.count
                var headers = Self.invocationHeaders
                headers[.named("Lambda-Runtime-Aws-Request-Id")] = "id-\(served)"
                headers[.connection] = "close"
                return Response.json(.ok, "{}", headers: headers)
            }
        }) { port, _ in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let ids = try (1...3).map { _ in try client.nextInvocation(logger: logs.logger()).context.requestID }
            #expect(ids == ["id-1", "id-2", "id-3"])
        }
    }

    @Test("a closed port is a connection failure, the kind the loop retries")
    func connectionRefused() throws {
        let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(try TCPListener(backlog: nil).port)")
        let error = #expect(throws: RuntimeAPIError.self) { try client.nextInvocation(logger: logs.logger()) }
        #expect(error?.code == .connectionFailed)
    }

    @Test("the whole loop over a socket: events in, answers out, on one reused connection, until the API fails")
    func loopOverSocket() async throws {
        try await RuntimeServerHarness.with({ router, harness in
            router.get("/2018-06-01/runtime/invocation/next") { _, context in
                let served = harness.requests.filter { $0.path.hasSuffix("/next") }.count
                guard served <= 3 else { return Response.json(.internalServerError, #"{"errorType":"Gone"}"#) }
                var headers = Self.invocationHeaders
                headers[.named("Lambda-Runtime-Aws-Request-Id")] = "id-\(served)"
                return Response.json(.ok, #"{"n":\#(served)}"#, headers: headers)
            }
            router.post("/2018-06-01/runtime/invocation/:id/response") { _, _ in Response.json(.accepted, #"{"status":"OK"}"#) }
        }) { port, harness in
            let client = try CurlRuntimeAPIClient(endpoint: "127.0.0.1:\(port)")
            let loop = RuntimeLoop(client: client, logger: logs.logger())
            let error = await #expect(throws: RuntimeAPIError.self) {
                try await loop.run { event, _ in LambdaResponse(body: event) }
            }
            #expect(error?.code == .unexpectedStatus(500))
            let answers = harness.requests.filter { $0.method == "POST" }
            #expect(answers.map(\.path) == (1...3).map { "/2018-06-01/runtime/invocation/id-\($0)/response" })
            #expect(answers.map(\.body) == (1...3).map { #"{"n":\#($0)}"# })
        }
    }
}


