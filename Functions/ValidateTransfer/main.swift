import LambdaCodable
import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// ValidateTransfer: compares the destination with the manifest and names every mismatch.
await Lambda.run(initialise: {
    let validator = TransferValidator(stores: try BatchStep.fromEnvironment().stores)
    return { (state: ExecutionState, _: LambdaContext) throws(TransferError) -> ValidationResult in try validator.run(state) }
})
