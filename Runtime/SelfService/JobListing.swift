#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
public import Jobs
import Timestamps

/// A customer's jobs, newest first, a page at a time, through the job table's `ByCustomer` index
/// (`customer`, `createdAt`): a query, never a scan. The page token is the index position,
/// base64url-encoded; it is accepted only back from the customer it was given to.
public struct JobListing: Sendable {
    public static let customerIndex = "ByCustomer"
    public static let defaultLimit = 50
    public static let maximumLimit = 100
    /// DynamoDB pages read for one answer at most, so a rare state cannot make one call read a
    /// whole history: the answer then carries fewer jobs and a token to go on.
    static let pagesPerAnswer = 10

    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    /// What to list.
    public struct Filter: Sendable {
        public var state: JobState?
        /// Jobs from or to this endpoint.
        public var endpoint: String?
        /// Jobs created at or after this RFC 3339 instant.
        public var since: String?
        public var limit: Int
        public var nextToken: String?
    }

    /// Reads the filter from the query string, refusing unknown parameters and bad values.
    static func filter(from request: APIRequest, allowEndpoint: Bool) throws(APIError) -> Filter {
        let allowed: Set<String> = allowEndpoint ? ["state", "endpoint", "since", "limit", "nextToken"] : ["state", "since", "limit", "nextToken"]
        if let unknown = request.query.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalid(unknown, "is not a parameter of this listing (parameters: \(allowed.sorted().joined(separator: ", ")))")
        }
        var filter = Filter(limit: defaultLimit)
        if let state = request.queryValue("state") {
            guard let parsed = JobState(rawValue: state) else {
                throw .invalid("state", "must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.state = parsed
        }
        if let endpoint = request.queryValue("endpoint") {
            guard EndpointIDs.isWellFormed(endpoint) else { throw .invalid("endpoint", "is not an endpoint id") }
            filter.endpoint = endpoint
        }
        if let since = request.queryValue("since") {
            guard let date = ISO8601Timestamp.parse(since) else { throw .invalid("since", "must be an RFC 3339 time, e.g. 2026-11-27T09:00:00Z") }
            filter.since = ISO8601Timestamp.format(date)
        }
        if let limit = request.queryValue("limit") {
            guard let number = Int(limit), (1...maximumLimit).contains(number) else { throw .invalid("limit", "must be a whole number from 1 to \(maximumLimit)") }
            filter.limit = number
        }
        filter.nextToken = request.queryValue("nextToken")
        return filter
    }

    /// One page of `customer`'s jobs and the token of the next, nil on the last.
    public func page(of customer: String, _ filter: Filter) throws(APIError) -> (jobs: [Job], nextToken: String?) {
        var startKey = try filter.nextToken.map { token throws(APIError) in try Self.position(token, customer: customer) }
        var names: [String: String] = [:]
        var values: [String: AttributeValue] = [":customer": .s(customer)]
        var keyCondition = "customer = :customer"
        if let since = filter.since {
            keyCondition += " AND createdAt >= :since"
            values[":since"] = .s(since)
        }
        var conditions: [String] = []
        if let state = filter.state {
            conditions.append("#state = :state")
            names["#state"] = "state"
            values[":state"] = .s(state.rawValue)
        }
        if let endpoint = filter.endpoint {
            conditions.append("(#source = :endpoint OR destination = :endpoint)")
            names["#source"] = "source"
            values[":endpoint"] = .s(endpoint)
        }
        var jobs: [Job] = []
        var pages = 0
        repeat {
            let page: QueryPage
            do throws(AWSError) {
                page = try dynamoDB.query(
                    table: table, index: Self.customerIndex, keyCondition: keyCondition,
                    filter: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                    attributes: ExpressionAttributes(names: names, values: values), limit: filter.limit - jobs.count, ascending: false,
                    startKey: startKey)
            } catch {
                throw .unavailable("the job table cannot be read: \(error.code)")
            }
            jobs += page.items.compactMap(Job.init(record:))
            startKey = page.lastEvaluatedKey
            pages += 1
        } while jobs.count < filter.limit && startKey != nil && pages < Self.pagesPerAnswer
        return (jobs, try startKey.map { key throws(APIError) in try Self.token(key) })
    }

    static func token(_ key: DynamoDBItem) throws(APIError) -> String {
        guard let data = try? JSONEncoder().encode(key) else { throw .unavailable("the page token cannot be made") }
        return data.base64EncodedString().replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
    }

    static func position(_ token: String, customer: String) throws(APIError) -> DynamoDBItem {
        var base64 = token.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 2048, let data = Data(base64Encoded: base64), let key = try? JSONDecoder().decode(DynamoDBItem.self, from: data),
            Set(key.keys) == ["pk", "customer", "createdAt"], key["customer"]?.stringValue == customer,
            key["pk"]?.stringValue?.hasPrefix("job#") == true
        else { throw .invalid("nextToken", "is not a token this listing gave") }
        return key
    }
}
