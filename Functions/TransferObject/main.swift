import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// TransferObject: copies one manifest entry to the destination as the destination writer role,
/// or skips it when it is already there; for a job the Router made, it also moves the job.
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let copier = ReportingCopier(copier: ObjectCopier(stores: step.stores, settings: step.settings), jobs: step.jobs)
    return { (event: JobTransferItem, _: LambdaContext) throws(TransferError) -> TransferOutcome in try copier.run(event) }
})
