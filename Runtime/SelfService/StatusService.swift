#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import AWS
public import Jobs
public import LineLogging
import TransferCore

/// `GET /jobs/{id}`, `GET /jobs` and `GET /endpoints/{id}/jobs`: a customer's jobs, read only.
public struct StatusService: APIService {
    public var jobs: any JobStore
    public var listing: JobListing
    public var endpoints: EndpointStore

    public init(jobs: any JobStore, listing: JobListing, endpoints: EndpointStore) {
        self.jobs = jobs
        self.listing = listing
        self.endpoints = endpoints
    }

    /// From the environment the template sets: `JOB_TABLE`, `ENDPOINT_TABLE`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StatusService {
        let settings = SettingsEnvironment(environment)
        let dynamoDB = DynamoDBClient(client: try AWSClient.fromEnvironment(environment))
        let table = try settings.required("JOB_TABLE")
        return StatusService(
            jobs: DynamoDBJobStore(dynamoDB: dynamoDB, table: table), listing: JobListing(dynamoDB: dynamoDB, table: table),
            endpoints: EndpointStore(dynamoDB: dynamoDB, table: try settings.required("ENDPOINT_TABLE")))
    }

    public func respond(to request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        switch request.route {
        case "GET /jobs/{id}":
            return APIResponse(status: 200, body: try job(request.id, of: customer, in: jobs).view)
        case "GET /jobs":
            return try page(of: customer, JobListing.filter(from: request, allowEndpoint: true))
        case "GET /endpoints/{id}/jobs":
            _ = try endpoints.endpoint(request.id, of: customer)
            var filter = try JobListing.filter(from: request, allowEndpoint: false)
            filter.endpoint = request.id
            return try page(of: customer, filter)
        default:
            throw request.unknownRoute()
        }
    }

    private func page(of customer: String, _ filter: JobListing.Filter) throws(APIError) -> APIResponse {
        let (found, token) = try listing.page(of: customer, filter)
        return APIResponse(status: 200, body: .members([("jobs", .array(found.map(\.view))), ("nextToken", token.map { .string($0) })]))
    }
}

/// The job `id` of `customer`; another customer's job is as missing as no job.
func job(_ id: String, of customer: String, in store: any JobStore) throws(APIError) -> Job {
    guard id.hasPrefix("job-"), id.count <= 64 else { throw .notFound("job", id) }
    let found: Job?
    do throws(JobStoreError) {
        found = try store.job(id: id)
    } catch {
        throw .unavailable("the job table cannot be read")
    }
    guard let found, found.customer == customer else { throw .notFound("job", id) }
    return found
}
