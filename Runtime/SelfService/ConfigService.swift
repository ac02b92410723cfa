#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import AWS
public import Jobs
public import LineLogging
import Timestamps
import TransferCore

/// The routes that change things: endpoints (with their activation check and credentials),
/// schedules, transfer requests and cancellation. Every body is checked whole before anything is
/// written, so a refused request leaves the tables and secrets as they were.
public struct ConfigService: APIService {
    public var endpoints: EndpointStore
    public var vault: CredentialVault
    public var checks: ConnectivityChecks
    public var transfers: TransferRequests
    public var schedules: ScheduleRoutes
    public var now: @Sendable () -> Date

    public init(
        endpoints: EndpointStore, vault: CredentialVault, checks: ConnectivityChecks, transfers: TransferRequests, schedules: ScheduleRoutes,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoints = endpoints
        self.vault = vault
        self.checks = checks
        self.transfers = transfers
        self.schedules = schedules
        self.now = now
    }

    public func respond(to request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        switch request.route {
        case "POST /endpoints": return try create(request, customer: customer, log: log)
        case "GET /endpoints":
            return APIResponse(status: 200, body: .object(["endpoints": .array(try endpoints.endpoints(of: customer).map(\.json))]))
        case "GET /endpoints/{id}": return APIResponse(status: 200, body: try endpoints.endpoint(request.id, of: customer).json)
        case "PUT /endpoints/{id}": return try replace(request, customer: customer, log: log)
        case "DELETE /endpoints/{id}": return try delete(request.id, customer: customer, log: log)
        case "POST /endpoints/{id}/activate": return try activate(request.id, customer: customer, log: log)
        case "POST /endpoints/{id}/deactivate":
            var record = try endpoints.endpoint(request.id, of: customer)
            record.endpoint.active = false
            record.updatedAt = timestamp
            try endpoints.put(record)
            log.info("endpoint deactivated", ["endpoint": record.id])
            return APIResponse(status: 200, body: record.json)
        case "POST /transfers": return try transfers.request(request, customer: customer, log: log)
        case "POST /jobs/{id}/cancel": return try transfers.cancel(request.id, customer: customer, log: log)
        default:
            guard let response = try schedules.respond(to: request, customer: customer, endpoints: endpoints, now: now(), log: log) else {
                throw request.unknownRoute()
            }
            return response
        }
    }

    var timestamp: String { ISO8601Timestamp.format(now()) }

    private func create(_ request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        let input = try EndpointInput(body: request.body, requireCredential: true)
        try checkPushTo(input.pushTo, customer: customer)
        let id = EndpointIDs.make()
        let at = timestamp
        let record = makeRecord(id: id, customer: customer, input: input, createdAt: at, updatedAt: at)
        if let credential = input.credential { try vault.store(credential.secretString, for: id) }
        do throws(APIError) {
            try endpoints.put(record, mustBeNew: true)
        } catch {
            if input.credential != nil { try? vault.delete(for: id) }
            throw error
        }
        log.info("endpoint created", ["endpoint": id, "type": record.json["type"]?.stringValue])
        return APIResponse(status: 201, body: record.json, headers: ["Location": "/endpoints/\(id)"])
    }

    /// Replaces the endpoint's definition; it is inactive until activated again, since its check
    /// no longer says anything about it.
    private func replace(_ request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        let existing = try endpoints.endpoint(request.id, of: customer)
        let input = try EndpointInput(body: request.body, requireCredential: !existing.isSFTP)
        try checkPushTo(input.pushTo, customer: customer)
        var keptCredential: SFTPLocation.Credential?
        if case .sftp(let location) = existing.endpoint.location { keptCredential = location.credential }
        let record = makeRecord(
            id: existing.id, customer: customer, input: input, createdAt: existing.createdAt, updatedAt: timestamp, keptCredential: keptCredential)
        if let credential = input.credential { try vault.store(credential.secretString, for: existing.id) }
        try endpoints.put(record)
        if existing.isSFTP, !record.isSFTP { try vault.delete(for: existing.id) }
        log.info("endpoint replaced", ["endpoint": existing.id, "credentialReplaced": input.credential == nil ? "false" : "true"])
        return APIResponse(status: 200, body: record.json)
    }

    private func delete(_ id: String, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        let existing = try endpoints.endpoint(id, of: customer)
        try endpoints.delete(id)
        if existing.isSFTP { try vault.delete(for: id) }
        log.info("endpoint deleted", ["endpoint": id])
        return APIResponse(status: 204, body: nil)
    }

    /// Runs the connectivity check and stores its outcome; activates only when it passes.
    private func activate(_ id: String, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        var record = try endpoints.endpoint(id, of: customer)
        let problem = checks.problem(with: record)
        record.lastCheck = EndpointRecord.Check(succeeded: problem == nil, at: timestamp, message: problem ?? "reachable")
        record.updatedAt = record.lastCheck?.at ?? record.updatedAt
        if problem == nil { record.endpoint.active = true }
        try endpoints.put(record)
        if let problem {
            log.warn("endpoint check failed", ["endpoint": id, "problem": problem])
            throw APIError(status: 400, code: "ConnectivityCheckFailed", message: "endpoint \(id) was not activated: \(problem)")
        }
        log.info("endpoint activated", ["endpoint": id])
        return APIResponse(status: 200, body: record.json)
    }

    private func checkPushTo(_ ids: [String], customer: String) throws(APIError) {
        for (index, id) in ids.enumerated() {
            do throws(APIError) {
                _ = try endpoints.endpoint(id, of: customer)
            } catch where error.status == 404 {
                throw .invalid("pushTo[\(index)]", "no endpoint \(id)")
            }
        }
    }

    private func makeRecord(
        id: String, customer: String, input: EndpointInput, createdAt: String, updatedAt: String,
        keptCredential: SFTPLocation.Credential? = nil
    ) -> EndpointRecord {
        let location: CustomerEndpoint.Location
        var access: EndpointRecord.S3Access?
        switch input.location {
        case .s3(let bucket, let prefix, let s3Access):
            location = .s3(bucket: bucket, prefix: prefix)
            access = s3Access
        case .sftp(let host, let port, let username, let path, let fingerprint, let channels):
            location = .sftp(
                SFTPLocation(
                    host: host, port: port, username: username, path: path, hostKeyFingerprint: fingerprint,
                    secretID: vault.secretName(for: id), credential: input.credential?.kind ?? keptCredential ?? .privateKey,
                    channelsPerFile: channels))
        }
        return EndpointRecord(
            endpoint: CustomerEndpoint(id: id, customer: customer, location: location, active: false, pushTo: input.pushTo),
            name: input.name, s3Access: access, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension EndpointRecord {
    var isSFTP: Bool {
        if case .sftp = endpoint.location { return true }
        return false
    }
}

extension ConfigService {
    /// From the environment the template sets: `ENDPOINT_TABLE`, `JOB_TABLE`, `SCHEDULE_TABLE`,
    /// `INGEST_QUEUE_URL`, `PARTNER_SECRET_PREFIX` (required), `JOBS_TOPIC_ARN` (none: no notifications).
    /// - Parameter sftpCheck: how SFTP endpoints are checked (the function that links SFTP gives it).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, sftpCheck: (any ConnectivityCheck)?
    ) throws -> ConfigService {
        let settings = SettingsEnvironment(environment)
        let client = try AWSClient.fromEnvironment(environment)
        let dynamoDB = DynamoDBClient(client: client)
        let endpoints = EndpointStore(dynamoDB: dynamoDB, table: try settings.required("ENDPOINT_TABLE"))
        let lifecycle = JobLifecycle(
            store: DynamoDBJobStore(dynamoDB: dynamoDB, table: try settings.required("JOB_TABLE")),
            notifier: settings.value("JOBS_TOPIC_ARN").map { JobNotifier(sns: SNSClient(client: client), topicARN: $0) },
            actor: "\(environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "ConfigService")@\(client.region)")
        return ConfigService(
            endpoints: endpoints,
            vault: CredentialVault(secrets: SecretsManagerClient(client: client), prefix: try settings.required("PARTNER_SECRET_PREFIX")),
            checks: ConnectivityChecks(s3: S3ConnectivityCheck(client: client), sftp: sftpCheck),
            transfers: TransferRequests(
                lifecycle: lifecycle, endpoints: endpoints, sqs: SQSClient(client: client), ingestQueueURL: try settings.required("INGEST_QUEUE_URL")),
            schedules: ScheduleRoutes(catalog: DynamoDBScheduleCatalog(dynamoDB: dynamoDB, table: try settings.required("SCHEDULE_TABLE"))))
    }
}
