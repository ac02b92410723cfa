import LambdaCodable
import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// TransferObject: copies a batch of manifest entries to the destination as the destination
/// writer role, reporting each (the batch workflow), or one object of a job the Router made,
/// moving the job (JobStateMachine).
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let handler = TransferObjectHandler(
        copier: ObjectCopier(stores: step.stores, settings: step.settings), jobs: step.jobs, cancelCheckSeconds: step.cancelCheckSeconds)
    return { (event: TransferObjectEvent, _: LambdaContext) throws(TransferError) -> TransferObjectResult in
        try handler.run(event)
    }
})
