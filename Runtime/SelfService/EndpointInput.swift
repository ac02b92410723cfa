import JSONText
import Jobs
import TransferCore

/// The body of `POST /endpoints` and `PUT /endpoints/{id}`, checked field by field.
///
/// S3: `{"type": "s3", "bucket", "prefix", "region", "roleArn", "externalId"?, "name"?, "pushTo"?}`.
/// SFTP: `{"type": "sftp", "host", "port"?, "username", "path", "hostKeyFingerprint",
/// "credential": {"privateKey", "passphrase"?} | {"password"}, "channelsPerFile"?, "name"?, "pushTo"?}`.
struct EndpointInput {
    enum Location {
        case s3(bucket: String, prefix: String, access: EndpointRecord.S3Access)
        case sftp(host: String, port: UInt16, username: String, path: String, hostKeyFingerprint: String, channelsPerFile: Int?)
    }

    /// An SFTP login secret as the caller sent it; only ever written to Secrets Manager.
    enum Credential {
        case privateKey(String, passphrase: String?)
        case password(String)

        var kind: SFTPLocation.Credential {
            switch self {
            case .privateKey: .privateKey
            case .password: .password
            }
        }

        /// The secret's string, in the shape the worker reads (see the worker's `SFTPSecret`).
        var secretString: String {
            switch self {
            case .privateKey(let key, nil): key
            case .privateKey(let key, let passphrase?): "{\"privateKey\":\(JSONText.quoted(key)),\"passphrase\":\(JSONText.quoted(passphrase))}"
            case .password(let password): "{\"password\":\(JSONText.quoted(password))}"
            }
        }
    }

    var name: String?
    var location: Location
    /// SFTP only; nil on a `PUT` that keeps the stored one.
    var credential: Credential?
    var pushTo: [String]

    static let common: Set<String> = ["type", "name", "pushTo"]
    static let s3Fields = common.union(["bucket", "prefix", "region", "roleArn", "externalId"])
    static let sftpFields = common.union(["host", "port", "username", "path", "hostKeyFingerprint", "credential", "channelsPerFile"])

    /// - Parameter requireCredential: an SFTP endpoint being made needs its credential; a replaced
    ///   one may keep the stored credential.
    init(body: [UInt8], requireCredential: Bool) throws(APIError) {
        let probe = try FieldReader(body: body, allowed: Self.s3Fields.union(Self.sftpFields))
        let type = try probe.string("type", maxLength: 8)
        let fields: FieldReader
        switch type {
        case "s3": fields = try FieldReader(body: body, allowed: Self.s3Fields)
        case "sftp": fields = try FieldReader(body: body, allowed: Self.sftpFields)
        default: throw .invalid("type", "must be \"s3\" or \"sftp\"")
        }
        name = try fields.string("name", required: false, maxLength: 128)
        pushTo = try fields.strings("pushTo", maxCount: 20) ?? []
        for (index, id) in pushTo.enumerated() where !EndpointIDs.isWellFormed(id) {
            throw .invalid("pushTo[\(index)]", "is not an endpoint id")
        }
        if type == "s3" {
            let bucket = try fields.string("bucket", maxLength: 63) ?? ""
            try FieldRules.bucket(bucket, field: "bucket")
            let prefix = try fields.string("prefix", required: false, maxLength: 1024) ?? ""
            try FieldRules.relativePath(prefix, field: "prefix", allowEmpty: true, directory: true)
            let region = try fields.string("region", maxLength: 32) ?? ""
            try FieldRules.region(region, field: "region")
            let role = try fields.string("roleArn", maxLength: 2048) ?? ""
            try FieldRules.roleARN(role, field: "roleArn")
            let externalID = try fields.token("externalId", required: false, maxLength: 1224, allowed: "+=,.@:/-_")
            location = .s3(bucket: bucket, prefix: prefix, access: EndpointRecord.S3Access(region: region, roleARN: role, externalID: externalID))
            credential = nil
            return
        }
        let host = try fields.string("host", maxLength: 253) ?? ""
        try FieldRules.host(host, field: "host")
        let port = try fields.integer("port", in: 1...65535) ?? 22
        let username = try fields.token("username", maxLength: 64, allowed: "._-@") ?? ""
        let path = try fields.string("path", maxLength: 1024) ?? ""
        try FieldRules.directoryPath(path, field: "path")
        let fingerprint = try fields.string("hostKeyFingerprint", maxLength: 64) ?? ""
        try FieldRules.hostKeyFingerprint(fingerprint, field: "hostKeyFingerprint")
        let channels = try fields.integer("channelsPerFile", in: 1...Int64(maximumSFTPChannelsPerFile)).map { Int($0) }
        location = .sftp(
            host: host, port: UInt16(port), username: username, path: path, hostKeyFingerprint: fingerprint, channelsPerFile: channels)
        credential = try Self.credential(fields, required: requireCredential)
    }

    private static func credential(_ fields: FieldReader, required: Bool) throws(APIError) -> Credential? {
        guard let object = try fields.object("credential", allowed: ["privateKey", "passphrase", "password"]) else {
            if required { throw .invalid("credential", "is required: {\"privateKey\", \"passphrase\"?} or {\"password\"}") }
            return nil
        }
        // Keys and passwords hold what they hold: only their size is checked, and no message repeats them.
        func secret(_ name: String, limit: Int) throws(APIError) -> String? {
            guard let value = object.members[name], value != .null else { return nil }
            guard case .string(let text) = value else { throw .invalid(object.field(name), "must be a string, not \(value.kind)") }
            guard !text.isEmpty, text.utf8.count <= limit else { throw .invalid(object.field(name), "must hold 1 to \(limit) bytes") }
            return text
        }
        let key = try secret("privateKey", limit: 16 * 1024)
        let passphrase = try secret("passphrase", limit: 1024)
        let password = try secret("password", limit: 1024)
        switch (key, password) {
        case (let key?, nil):
            guard key.contains("PRIVATE KEY-----") else { throw .invalid("credential.privateKey", "is not a PEM or OpenSSH private key") }
            return .privateKey(key, passphrase: passphrase)
        case (nil, let password?):
            guard passphrase == nil else { throw .invalid("credential.passphrase", "goes with a privateKey only") }
            return .password(password)
        default:
            throw .invalid("credential", "must hold either privateKey (and passphrase) or password")
        }
    }
}

/// Endpoint ids: `ep-` and 20 lowercase hex digits, made by the service.
enum EndpointIDs {
    static func isWellFormed(_ id: String) -> Bool {
        id.hasPrefix("ep-") && id.count == 23 && id.dropFirst(3).unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    static func make() -> String {
        "ep-" + RandomHex.make(count: 20)
    }
}

enum RandomHex {
    static func make(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }
}
