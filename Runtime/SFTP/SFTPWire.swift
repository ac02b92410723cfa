/// The few SFTP v3 packets (draft-ietf-secsh-filexfer-02) that `OpenSSHExtensionChannel` speaks
/// itself, encoded and decoded without I/O.
///
/// A packet is `uint32 length`, `byte type`, then the payload; strings are `uint32 length` + bytes.
enum SFTPWire {
    static let initType: UInt8 = 1
    static let versionType: UInt8 = 2
    static let statusType: UInt8 = 101
    static let extendedType: UInt8 = 200
    /// Larger answers to INIT or EXTENDED mean a confused stream, not a real reply.
    static let maximumPacketLength = 256 * 1024

    /// `SSH_FXP_INIT` asking for version 3.
    static func initPacket() -> [UInt8] {
        packet(type: initType, payload: uint32(3))
    }

    /// `SSH_FXP_EXTENDED` with request `id`, the extension's `name` and its string arguments.
    static func extendedRequest(id: UInt32, name: String, arguments: [String]) -> [UInt8] {
        var payload = uint32(id) + string(name)
        for argument in arguments { payload += string(argument) }
        return packet(type: extendedType, payload: payload)
    }

    /// The names of the extensions an `SSH_FXP_VERSION` payload announces.
    static func extensionNames(inVersion payload: [UInt8]) throws(Malformed) -> Set<String> {
        var reader = Reader(bytes: payload)
        _ = try reader.uint32()
        var names: Set<String> = []
        while !reader.isAtEnd {
            names.insert(try reader.string())
            _ = try reader.string()
        }
        return names
    }

    /// The request id, status code and message of an `SSH_FXP_STATUS` payload.
    static func status(_ payload: [UInt8]) throws(Malformed) -> (id: UInt32, code: UInt32, message: String) {
        var reader = Reader(bytes: payload)
        let id = try reader.uint32()
        let code = try reader.uint32()
        let message = reader.isAtEnd ? "" : try reader.string()
        return (id, code, message)
    }

    /// A packet that does not parse.
    struct Malformed: Error {}

    /// Reads big-endian integers and strings from a payload.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset >= bytes.count }

        mutating func uint32() throws(Malformed) -> UInt32 {
            guard bytes.count - offset >= 4 else { throw Malformed() }
            defer { offset += 4 }
            return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func string() throws(Malformed) -> String {
            let length = Int(try uint32())
            guard bytes.count - offset >= length else { throw Malformed() }
            defer { offset += length }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }
    }

    static func packet(type: UInt8, payload: [UInt8]) -> [UInt8] {
        uint32(UInt32(payload.count + 1)) + [type] + payload
    }

    static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func string(_ text: String) -> [UInt8] {
        uint32(UInt32(text.utf8.count)) + Array(text.utf8)
    }
}
