/// Receives a response body as libcurl delivers it, so a download never has to sit in memory whole.
public protocol CurlBodySink: AnyObject {
    /// Takes the next bytes of the body. The buffer is only valid during the call. Throwing aborts
    /// the transfer and the error reaches the caller of `perform`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
