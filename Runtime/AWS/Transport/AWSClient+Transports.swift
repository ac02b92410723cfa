import HTTPTransport

extension AWSClient {
    /// A call whose bodies both ways fit in memory, over a pooled connection speaking HTTP/1.1
    /// itself: API calls, HEAD, small objects. libcurl's HTTP engine costs more CPU per request than
    /// such an exchange; see `ConnectionPool`.
    func exchange(
        _ method: String, _ target: String, headers: [(name: String, value: String)], body: [UInt8],
        endpoint: Endpoint, host: String
    ) throws(AWSTransportError) -> TransportResponse {
        do {
            return try connections.withConnection(to: endpoint, host: host) { connection throws(TransportError) in
                try connection.exchange(method: method, target: target, headers: headers, body: body)
            }
        } catch {
            throw AWSTransportError(failure: StreamingFailure(underlying: error, bytesDelivered: 0))
        }
    }

    /// A call whose request or response body streams, through a pooled libcurl easy handle.
    func stream(
        _ method: String, url: String, headers: [(name: String, value: String)], source: (any ByteSource)?,
        length: Int64, sink: (any ByteSink)?
    ) throws(AWSTransportError) -> TransportResponse {
        let chooser: ((Int, [(name: String, value: String)]) -> BodyWriter?)? =
            if let sink { { status, _ in (200..<300).contains(status) ? { try sink.write($0) } : nil } } else { nil }
        let reader: BodyReader? = source.map { source in { try source.read(into: $0) } }
        let request = TransportRequest(method: method, url: url, headers: headers)
        return try pool.withHandle { (easy: CurlStreamingEasy) throws(AWSTransportError) -> TransportResponse in
            do throws(StreamingFailure) {
                return try easy.perform(request, source: reader, bodyLength: length, sink: chooser)
            } catch {
                throw AWSTransportError(failure: error)
            }
        }
    }
}
