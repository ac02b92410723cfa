import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// TransferObject: copies one manifest entry to the destination as the destination writer role,
/// or skips it when it is already there.
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let copier = ObjectCopier(stores: step.stores, settings: step.settings)
    return { (item: TransferItem, _: LambdaContext) throws(TransferError) -> TransferOutcome in try copier.run(item) }
})
