import LambdaRuntime
import Transfer

/// GenerateReport: writes `report.json` beside the manifest and publishes the summary.
await Lambda.run(initialise: {
    let settings = try BatchSettings.fromEnvironment()
    let clients = try RoleClients.fromEnvironment(settings: settings, sessionName: FunctionName.current)
    let generator = ReportGenerator(clients: clients, settings: settings)
    return { (event: ReportEvent, _: LambdaContext) throws(TransferError) -> ReportSummary in
        try generator.run(event)
    }
})
