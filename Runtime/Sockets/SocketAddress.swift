#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One resolved address, copied out of `getaddrinfo`'s list so it outlives it and can be kept for
/// reconnecting without resolving again.
public struct SocketAddress: Sendable {
    public let family: Int32
    private let storage: [UInt8]

    /// Every address `getaddrinfo` finds for a TCP connection to `host` (a name, or an IP address;
    /// IPv6 with or without brackets), in its order of preference.
    public static func resolve(host: String, port: Int) throws(SocketError) -> [SocketAddress] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0 else {
            throw SocketError(.resolve, "cannot resolve \(name): \(String(cString: gai_strerror(status)))")
        }
        var found: [SocketAddress] = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr {
                let bytes = UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen))
                found.append(SocketAddress(family: current.pointee.ai_family, storage: Array(bytes)))
            }
            entry = current.pointee.ai_next
        }
        guard !found.isEmpty else { throw SocketError(.resolve, "cannot resolve \(name): no addresses") }
        return found
    }

    /// Runs `body` with the address as the C API takes it.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        storage.withUnsafeBytes { bytes in
            body(bytes.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(bytes.count))
        }
    }
}
