import LambdaRuntime
import Transfer

/// TransferObject: copies one manifest entry to the destination as the destination writer role,
/// or skips it when it is already there.
await Lambda.run(initialise: {
    let settings = try BatchSettings.fromEnvironment()
    let clients = try RoleClients.fromEnvironment(settings: settings, sessionName: FunctionName.current)
    let copier = ObjectCopier(clients: clients, settings: settings)
    return { (item: TransferItem, _: LambdaContext) throws(TransferError) -> TransferOutcome in
        try copier.run(item)
    }
})
