#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPTransport
import Timestamps

extension AWSClient {
    /// Signs and sends `request`, retrying transient failures per `retryPolicy`, and returns the
    /// 2xx response.
    ///
    /// Each attempt is signed afresh (new date, current credentials) and re-opens a streamed body.
    /// A successful response body goes to `sink` when one is given; error bodies are always kept
    /// and parsed into the thrown `AWSError`. Once part of a body has reached the sink the call is
    /// not retried, since the sink would see those bytes twice.
    ///
    /// When AWS rejects the credentials as expired (`ExpiredToken` and the like) and they come from
    /// a `CachingCredentialProvider`, the cache is invalidated and the call sent once more with
    /// fresh credentials, whatever the retry policy: temporary credentials can be revoked or expire
    /// early, and waiting for the cache's own refresh would fail every call until then.
    public func send(
        _ request: AWSRequest, to service: ServiceDescriptor, operation: String, resource: String? = nil,
        sink: (any ByteSink)? = nil
    ) throws(AWSError) -> AWSResponse {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        var refreshedCredentials = false
        while true {
            do throws(AWSError) {
                let credentials = try credentialProvider.resolve().credentials
                do {
                    return try sendOnce(
                        request, signedWith: credentials, to: service, operation: operation, resource: resource, sink: sink)
                } catch {
                    guard !refreshedCredentials, invalidatesCredentials(credentials, rejectedWith: error) else { throw error }
                    refreshedCredentials = true
                }
            } catch {
                guard error.isRetryable, retryPolicy.allowsRetry(after: attempt) else { throw error }
                ThreadSleep.sleep(for: retryPolicy.delay(beforeRetry: attempt, using: &generator))
                attempt += 1
            }
        }
    }

    /// Whether `error` says `credentials` have expired and the provider's cache was told to drop
    /// them, so that sending again fetches fresh ones.
    private func invalidatesCredentials(_ credentials: AWSCredentials, rejectedWith error: AWSError) -> Bool {
        guard RetryClassification.isExpiredCredentials(code: error.code),
            let cache = credentialProvider as? CachingCredentialProvider
        else { return false }
        cache.invalidate(rejected: credentials)
        return true
    }

    private func sendOnce(
        _ request: AWSRequest, signedWith credentials: AWSCredentials, to service: ServiceDescriptor, operation: String,
        resource: String?, sink: (any ByteSink)?
    ) throws(AWSError) -> AWSResponse {
        func failure(_ code: String, _ message: String, retryable: Bool = false, cause: (any Error)? = nil) -> AWSError {
            AWSError(
                service: service.name, operation: operation, resource: resource, code: code, message: message,
                isRetryable: retryable, cause: cause)
        }
        let endpoint = endpoints.endpoint(for: service, region: region)
        let (host, path) = Self.address(request, service: service, endpoint: endpoint)
        var headers = [(name: "Host", value: endpoint.hostHeader(host: host))] + request.headers
        let smallBody = sink == nil ? request.body.smallBytes : nil
        let source: (any ByteSource)?
        do {
            let signer =
                service.isS3
                ? SigV4Signer.s3(region: region)
                : SigV4Signer(service: service.signingName, region: service.globalEndpoint?.region ?? region)
            let signing = SigningRequest(
                method: request.method, path: path, query: request.query, headers: headers,
                payloadHash: try request.body.payloadHash())
            headers += try signer.sign(request: signing, credentials: credentials, date: Date())
            source = smallBody == nil ? try request.body.openSource() : nil
        } catch {
            throw failure("RequestPreparation", "could not sign or open the request body", cause: error)
        }
        let query = request.query.isEmpty ? "" : "?" + URIEncoding.canonicalQueryString(request.query)
        let target = URIEncoding.encodePath(path) + query
        let response: TransportResponse
        do throws(AWSTransportError) {
            if let smallBody {
                response = try exchange(request.method, target, headers: headers, body: smallBody, endpoint: endpoint, host: host)
            } else {
                response = try stream(
                    request.method, url: endpoint.baseURL(host: host) + target, headers: headers, source: source,
                    length: request.body.length, sink: sink)
            }
        } catch {
            let transfer = error.failure
            if let transport = transfer.underlying as? TransportError, transport.isCertificateFailure {
                throw failure(
                    "CertificateVerificationFailed",
                    "the TLS certificate of \(endpoint.hostHeader(host: host)) could not be verified, so nothing was sent: "
                        + "it must be signed by a trusted CA and name that host. For a private CA, set AWS_CA_BUNDLE to the CA's PEM file",
                    cause: transport)
            }
            if let transport = transfer.underlying as? TransportError {
                throw failure(
                    "ConnectionFailure", "no complete response from \(endpoint.host)",
                    retryable: transport.isTransient && transfer.bytesDelivered == 0, cause: transport)
            }
            throw failure("StreamFailure", "the body source or sink failed", cause: transfer.underlying)
        }
        guard (200..<300).contains(response.status) else {
            let document = ErrorDocument(status: response.status, headers: response.headers, body: response.body)
            throw AWSError(
                service: service.name, operation: operation, resource: resource, code: document.code,
                message: document.message, httpStatus: response.status, requestID: document.requestID,
                isRetryable: RetryClassification.isRetryable(code: document.code, httpStatus: response.status))
        }
        return AWSResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// The host and decoded path for a request. S3 buckets go in the host on AWS
    /// (virtual-hosted style) and in the path for custom endpoints or bucket names with dots,
    /// which would not match the wildcard TLS certificate.
    static func address(
        _ request: AWSRequest, service: ServiceDescriptor, endpoint: Endpoint
    ) -> (host: String, path: String) {
        guard service.isS3, let bucket = request.bucket else { return (endpoint.host, request.path) }
        if !endpoint.isCustom, !bucket.contains(".") {
            return ("\(bucket).\(endpoint.host)", request.path)
        }
        return (endpoint.host, request.path == "/" ? "/\(bucket)" : "/\(bucket)\(request.path)")
    }
}
