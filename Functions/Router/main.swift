#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Events
import FunctionErrors
import LambdaCodable
import LambdaRuntime
import Routing

/// Router: the ingest queue's batches become jobs, each dispatched once; the answer names the
/// messages to return to the queue (`ReportBatchItemFailures`).
await Lambda.run(initialise: {
    let router = try Router.fromEnvironment(log: LambdaLogger(environment: ProcessInfo.processInfo.environment))
    return { (event: SQSEvent, _: LambdaContext) -> SQSBatchResponse in router.route(event) }
})
