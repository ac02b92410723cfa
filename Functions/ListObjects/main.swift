import LambdaCodable
import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// ListObjects: lists the source prefix as the source reader role (and the destination, for
/// `sync` and `delete`) and streams the manifest of the work to do to the manifest bucket, within
/// its time budget and a minute short of the invocation's deadline; answers where the manifest is,
/// the counts, and where the next invocation resumes while the listing is not complete.
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let listing = ObjectListing(stores: step.stores, settings: step.settings)
    return { (state: ExecutionState, context: LambdaContext) throws(TransferError) -> ListingSummary in
        try listing.run(state, deadline: ContinuousClock.now.advanced(by: context.remainingTime - .seconds(60)))
    }
})
