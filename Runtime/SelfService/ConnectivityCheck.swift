public import AWS
import Jobs

/// Whether an endpoint can be reached as a transfer will reach it; activation runs it first.
public protocol ConnectivityCheck: Sendable {
    /// nil when the endpoint answers as it should, else why not (said to the customer: no secret in it).
    func problem(with endpoint: EndpointRecord) -> String?
}

/// The S3 check: assume the endpoint's role (with its ExternalId), `HeadBucket`, and list one key
/// of the prefix, in the endpoint's region.
public struct S3ConnectivityCheck: ConnectivityCheck {
    /// The service's own client, whose credentials assume the role.
    public var client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public func problem(with record: EndpointRecord) -> String? {
        guard case .s3(let bucket, let prefix) = record.endpoint.location, let access = record.s3Access else {
            return "the endpoint is not an S3 endpoint with a role"
        }
        let role = AssumeRoleCredentialProvider(
            sts: STSClient(client: client), roleARN: access.roleARN, sessionName: "activate-\(record.id)", externalID: access.externalID)
        let assumed: ExpiringCredentials
        do throws(AWSError) {
            assumed = try role.resolve()
        } catch {
            return "cannot assume \(access.roleARN): \(error.code): \(error.message)"
        }
        let s3 = S3Client(
            client: AWSClient(
                region: access.region, credentials: StaticCredentialProvider(assumed.credentials), endpoints: client.endpoints,
                retryPolicy: client.retryPolicy))
        do throws(AWSError) {
            try s3.headBucket(bucket: bucket)
        } catch {
            return "HeadBucket \(bucket) as \(access.roleARN) failed: \(error.code)"
        }
        do throws(AWSError) {
            _ = try s3.listObjectsV2(bucket: bucket, prefix: prefix, maxKeys: 1)
        } catch {
            return "listing s3://\(bucket)/\(prefix) as \(access.roleARN) failed: \(error.code)"
        }
        return nil
    }
}

/// One check per kind of endpoint: S3 always, SFTP where the function links it (ConfigService).
public struct ConnectivityChecks: Sendable {
    public var s3: any ConnectivityCheck
    public var sftp: (any ConnectivityCheck)?

    public init(s3: any ConnectivityCheck, sftp: (any ConnectivityCheck)?) {
        self.s3 = s3
        self.sftp = sftp
    }

    func problem(with record: EndpointRecord) -> String? {
        switch record.endpoint.location {
        case .s3: return s3.problem(with: record)
        case .sftp:
            guard let sftp else { return "this service cannot check SFTP endpoints" }
            return sftp.problem(with: record)
        }
    }
}
