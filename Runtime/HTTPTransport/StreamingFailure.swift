/// Why a streaming transfer failed, and how much of the response body had already been handed on.
///
/// `bytesDelivered` matters to a caller deciding whether to retry: once part of a body has reached
/// a sink (a file, a multipart upload), sending the request again would deliver those bytes twice.
public struct StreamingFailure: Error, CustomStringConvertible {
    /// A ``TransportError``, or the error a body reader or writer threw.
    public let underlying: any Error
    /// Response body bytes the sink accepted before the failure.
    public let bytesDelivered: Int64

    public init(underlying: any Error, bytesDelivered: Int64) {
        self.underlying = underlying
        self.bytesDelivered = bytesDelivered
    }

    public var description: String {
        "\(underlying) after \(bytesDelivered) response bytes delivered"
    }
}
