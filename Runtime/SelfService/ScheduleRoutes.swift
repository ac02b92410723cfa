#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
public import Jobs
public import LineLogging
import Schedules
import Timestamps

/// `POST /schedules`, `GET /schedules`, `GET|DELETE /schedules/{id}`: a customer's pull schedules,
/// which the Router's ticks run. Body: `{"expression": "rate(…)" | "cron(…)", "sourceEndpoint"
/// (an SFTP endpoint), "pattern" (a glob of file names), "destinationEndpoint", "active"?}`.
public struct ScheduleRoutes: Sendable {
    public var catalog: DynamoDBScheduleCatalog

    public init(catalog: DynamoDBScheduleCatalog) {
        self.catalog = catalog
    }

    static let fields: Set<String> = ["expression", "sourceEndpoint", "pattern", "destinationEndpoint", "active"]

    /// The answer to a schedule route; nil for any other route.
    func respond(to request: APIRequest, customer: String, endpoints: EndpointStore, now: Date, log: LineLogger) throws(APIError) -> APIResponse? {
        switch request.route {
        case "POST /schedules": return try create(request, customer: customer, endpoints: endpoints, now: now, log: log)
        case "GET /schedules":
            let all: [TransferSchedule]
            do throws(AWSError) {
                all = try catalog.schedules(of: customer)
            } catch {
                throw .unavailable("the schedule table cannot be read: \(error.code)")
            }
            return APIResponse(status: 200, body: .object(["schedules": .array(all.map(\.view))]))
        case "GET /schedules/{id}": return APIResponse(status: 200, body: try schedule(request.id, of: customer).view)
        case "DELETE /schedules/{id}":
            _ = try schedule(request.id, of: customer)
            do throws(AWSError) {
                try catalog.delete(id: request.id)
            } catch {
                throw .unavailable("the schedule table cannot be written: \(error.code)")
            }
            log.info("schedule deleted", ["schedule": request.id])
            return APIResponse(status: 204, body: nil)
        default: return nil
        }
    }

    private func create(_ request: APIRequest, customer: String, endpoints: EndpointStore, now: Date, log: LineLogger) throws(APIError) -> APIResponse {
        let fields = try FieldReader(body: request.body, allowed: Self.fields)
        let text = try fields.string("expression", maxLength: 256) ?? ""
        let expression: ScheduleExpression
        do throws(ScheduleError) {
            expression = try ScheduleExpression(text)
        } catch {
            throw .invalid("expression", error.message)
        }
        if case .at = expression { throw .invalid("expression", "must be rate(…) or cron(…): a pull schedule repeats") }
        let pattern = try fields.string("pattern", maxLength: 256) ?? ""
        guard !pattern.isEmpty, !pattern.contains("/") else { throw .invalid("pattern", "must be a glob of file names (no '/'), e.g. *.csv") }
        let sourceID = try fields.string("sourceEndpoint", maxLength: 64) ?? ""
        let destinationID = try fields.string("destinationEndpoint", maxLength: 64) ?? ""
        let active = try fields.bool("active") ?? true
        let source = try own(sourceID, field: "sourceEndpoint", customer: customer, endpoints: endpoints)
        guard source.isSFTP else { throw .invalid("sourceEndpoint", "must be an SFTP endpoint: schedules poll a partner's directory") }
        _ = try own(destinationID, field: "destinationEndpoint", customer: customer, endpoints: endpoints)
        guard sourceID != destinationID else { throw .invalid("destinationEndpoint", "is the source endpoint") }
        let schedule = TransferSchedule(
            id: "sch-" + RandomHex.make(count: 20), customer: customer, expression: text, sourceEndpoint: sourceID, pattern: pattern,
            destinationEndpoint: destinationID, active: active,
            nextRunAt: expression.nextFire(after: now, start: now).map(ISO8601Timestamp.format), createdAt: ISO8601Timestamp.format(now))
        do throws(AWSError) {
            try catalog.put(schedule)
        } catch {
            throw .unavailable("the schedule table cannot be written: \(error.code)")
        }
        log.info("schedule created", ["schedule": schedule.id])
        return APIResponse(status: 201, body: schedule.view, headers: ["Location": "/schedules/\(schedule.id)"])
    }

    private func schedule(_ id: String, of customer: String) throws(APIError) -> TransferSchedule {
        guard id.hasPrefix("sch-"), id.count <= 64 else { throw .notFound("schedule", id) }
        let found: TransferSchedule?
        do throws(AWSError) {
            found = try catalog.schedule(id: id)
        } catch {
            throw .unavailable("the schedule table cannot be read: \(error.code)")
        }
        guard let found, found.customer == customer else { throw .notFound("schedule", id) }
        return found
    }

    private func own(_ id: String, field: String, customer: String, endpoints: EndpointStore) throws(APIError) -> EndpointRecord {
        do throws(APIError) {
            return try endpoints.endpoint(id, of: customer)
        } catch where error.status == 404 {
            throw .invalid(field, "no endpoint \(id)")
        }
    }
}

extension TransferSchedule {
    var view: JSONBody {
        .members([
            ("id", .string(id)), ("expression", .string(expression)), ("sourceEndpoint", .string(sourceEndpoint)),
            ("pattern", .string(pattern)), ("destinationEndpoint", .string(destinationEndpoint)), ("active", .bool(active)),
            ("nextRunAt", nextRunAt.map { .string($0) }), ("createdAt", .string(createdAt)),
        ])
    }
}
