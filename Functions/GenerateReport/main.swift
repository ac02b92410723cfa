import LambdaCodable
import LambdaRuntime
import BatchTransfer
import FunctionErrors
import TransferCore

/// GenerateReport: writes `report.json` beside the manifest and publishes the summary.
await Lambda.run(initialise: {
    let step = try BatchStep.fromEnvironment()
    let generator = ReportGenerator(stores: step.stores, topic: step.topic, settings: step.settings)
    return { (state: ExecutionState, _: LambdaContext) throws(TransferError) -> ReportSummary in try generator.run(state) }
})
