import LambdaRuntime
import Transfer

/// ValidateTransfer: compares the destination with the manifest and names every mismatch.
await Lambda.run(initialise: {
    let settings = try BatchSettings.fromEnvironment()
    let clients = try RoleClients.fromEnvironment(settings: settings, sessionName: FunctionName.current)
    let validator = TransferValidator(clients: clients)
    return { (event: ValidationEvent, _: LambdaContext) throws(TransferError) -> ValidationResult in
        try validator.run(event)
    }
})
