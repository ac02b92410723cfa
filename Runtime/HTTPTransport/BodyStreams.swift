/// Supplies the next bytes of a request body while it is sent: copies up to `buffer.count` bytes
/// into `buffer` and returns how many; 0 means the body has ended. Throwing aborts the transfer and
/// the error reaches the caller as the ``StreamingFailure``'s `underlying` error. A reader is used
/// once, from the start, by one transfer.
public typealias BodyReader = (_ buffer: UnsafeMutableRawBufferPointer) throws -> Int

/// Takes the next bytes of a response body as they arrive; the buffer is valid only during the
/// call. Throwing aborts the transfer, as for ``BodyReader``.
public typealias BodyWriter = (_ bytes: UnsafeRawBufferPointer) throws -> Void
