public import AWS
public import Jobs

/// An endpoint as the API keeps it: the ``CustomerEndpoint`` the Router reads, plus what only the
/// API needs (a name, an S3 endpoint's region and role, when it was made, the last connectivity
/// check), stored as further attributes of the same item.
public struct EndpointRecord: Sendable, Hashable {
    /// The outcome of one connectivity check.
    public struct Check: Sendable, Hashable {
        public var succeeded: Bool
        public var at: String
        public var message: String

        public init(succeeded: Bool, at: String, message: String) {
            self.succeeded = succeeded
            self.at = at
            self.message = message
        }
    }

    /// The role an S3 endpoint is reached through.
    public struct S3Access: Sendable, Hashable {
        public var region: String
        public var roleARN: String
        public var externalID: String?

        public init(region: String, roleARN: String, externalID: String?) {
            self.region = region
            self.roleARN = roleARN
            self.externalID = externalID
        }
    }

    public var endpoint: CustomerEndpoint
    public var name: String?
    /// For S3 endpoints.
    public var s3Access: S3Access?
    public var createdAt: String
    public var updatedAt: String
    public var lastCheck: Check?

    public init(
        endpoint: CustomerEndpoint, name: String?, s3Access: S3Access?, createdAt: String, updatedAt: String, lastCheck: Check? = nil
    ) {
        self.endpoint = endpoint
        self.name = name
        self.s3Access = s3Access
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastCheck = lastCheck
    }

    public var id: String { endpoint.id }

    /// The item in the endpoint table.
    public var item: DynamoDBItem {
        var item = endpoint.record
        item["createdAt"] = .s(createdAt)
        item["updatedAt"] = .s(updatedAt)
        if let name { item["name"] = .s(name) }
        if let s3Access {
            item["region"] = .s(s3Access.region)
            item["roleArn"] = .s(s3Access.roleARN)
            if let externalID = s3Access.externalID { item["externalId"] = .s(externalID) }
        }
        if let lastCheck {
            item["lastCheck"] = .m(["succeeded": .bool(lastCheck.succeeded), "at": .s(lastCheck.at), "message": .s(lastCheck.message)])
        }
        return item
    }

    public init?(item: DynamoDBItem) {
        guard let endpoint = CustomerEndpoint(record: item) else { return nil }
        self.endpoint = endpoint
        name = item["name"]?.stringValue
        if let region = item["region"]?.stringValue, let role = item["roleArn"]?.stringValue {
            s3Access = S3Access(region: region, roleARN: role, externalID: item["externalId"]?.stringValue)
        }
        createdAt = item["createdAt"]?.stringValue ?? ""
        updatedAt = item["updatedAt"]?.stringValue ?? createdAt
        if let check = item["lastCheck"]?.mapValue, let succeeded = check["succeeded"]?.boolValue, let at = check["at"]?.stringValue {
            lastCheck = Check(succeeded: succeeded, at: at, message: check["message"]?.stringValue ?? "")
        }
    }

    /// The endpoint as the API answers it. The SFTP credential is named by its kind only: its
    /// value is never read back, and its secret's name is the service's business.
    public var json: JSONBody {
        var fields: [(String, JSONBody?)] = [
            ("id", .string(id)), ("name", name.map { .string($0) }), ("active", .bool(endpoint.active)),
            ("pushTo", .array(endpoint.pushTo.map { .string($0) })), ("createdAt", .string(createdAt)),
            ("updatedAt", .string(updatedAt)),
        ]
        switch endpoint.location {
        case .s3(let bucket, let prefix):
            fields += [
                ("type", .string("s3")), ("bucket", .string(bucket)), ("prefix", .string(prefix)),
                ("region", s3Access.map { .string($0.region) }), ("roleArn", s3Access.map { .string($0.roleARN) }),
                ("externalId", s3Access?.externalID.map { .string($0) }),
            ]
        case .sftp(let location):
            fields += [
                ("type", .string("sftp")), ("host", .string(location.host)), ("port", .int(Int64(location.port))),
                ("username", .string(location.username)), ("path", .string(location.path)),
                ("hostKeyFingerprint", .string(location.hostKeyFingerprint)),
                ("credential", .object(["type": .string(location.credential.rawValue)])),
                ("channelsPerFile", location.channelsPerFile.map { .int(Int64($0)) }),
            ]
        }
        if let lastCheck {
            fields.append(("lastCheck", .object(["succeeded": .bool(lastCheck.succeeded), "at": .string(lastCheck.at), "message": .string(lastCheck.message)])))
        }
        return .members(fields)
    }
}
