import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// ListObjects: lists the source prefix as the source reader role and streams the manifest to the
/// manifest bucket; answers `{manifest_bucket, manifest_key, count, total_bytes}`.
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let listing = ObjectListing(stores: step.stores, settings: step.settings)
    return { (state: ExecutionState, _: LambdaContext) throws(TransferError) -> ListingSummary in try listing.run(state) }
})
