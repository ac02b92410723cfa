public import AWS

extension CustomerEndpoint {
    /// The endpoint as the endpoint table stores it.
    public var record: DynamoDBItem {
        var item: DynamoDBItem = [
            "pk": .s("endpoint#\(id)"), "id": .s(id), "customer": .s(customer), "active": .bool(active),
            "pushTo": .l(pushTo.map { .s($0) }),
        ]
        switch location {
        case .s3(let bucket, let prefix):
            item["type"] = .s("s3")
            item["bucket"] = .s(bucket)
            item["prefix"] = .s(prefix)
        case .sftp(let location):
            item["type"] = .s("sftp")
            item["host"] = .s(location.host)
            item["port"] = .number(location.port)
            item["username"] = .s(location.username)
            item["path"] = .s(location.path)
            item["hostKeyFingerprint"] = .s(location.hostKeyFingerprint)
            item["secretId"] = .s(location.secretID)
            item["credential"] = .s(location.credential.rawValue)
            if let channels = location.channelsPerFile { item["channelsPerFile"] = .number(channels) }
        }
        return item
    }

    /// Reads a stored endpoint; nil when the item is not one.
    public init?(record item: DynamoDBItem) {
        guard let id = item["id"]?.stringValue, let customer = item["customer"]?.stringValue else { return nil }
        let location: Location
        switch item["type"]?.stringValue {
        case "s3":
            guard let bucket = item["bucket"]?.stringValue else { return nil }
            location = .s3(bucket: bucket, prefix: item["prefix"]?.stringValue ?? "")
        case "sftp":
            guard let host = item["host"]?.stringValue, let port = item["port"]?.int64Value.flatMap(UInt16.init(exactly:)),
                let username = item["username"]?.stringValue, let path = item["path"]?.stringValue,
                let fingerprint = item["hostKeyFingerprint"]?.stringValue, let secret = item["secretId"]?.stringValue,
                let credential = item["credential"]?.stringValue.flatMap(SFTPLocation.Credential.init(rawValue:))
            else { return nil }
            location = .sftp(
                SFTPLocation(
                    host: host, port: port, username: username, path: path, hostKeyFingerprint: fingerprint, secretID: secret,
                    credential: credential, channelsPerFile: item["channelsPerFile"]?.int64Value.map { Int($0) }))
        default: return nil
        }
        self.init(
            id: id, customer: customer, location: location, active: item["active"]?.boolValue ?? false,
            pushTo: item["pushTo"]?.listValue?.compactMap(\.stringValue) ?? [])
    }
}
