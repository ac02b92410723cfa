import LambdaRuntime
import Transfer

/// ListObjects: lists the source prefix as the source reader role and streams the manifest to the
/// manifest bucket; answers `{manifest_bucket, manifest_key, count, total_bytes}`.
await Lambda.run(initialise: {
    let settings = try BatchSettings.fromEnvironment()
    let clients = try RoleClients.fromEnvironment(settings: settings, sessionName: FunctionName.current)
    let listing = ObjectListing(clients: clients, settings: settings)
    return { (event: ListObjectsEvent, _: LambdaContext) throws(TransferError) -> ListingSummary in
        try listing.run(event)
    }
})
