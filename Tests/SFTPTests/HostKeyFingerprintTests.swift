@testable import SFTP
import Testing

@Suite("Host key fingerprints")
struct HostKeyFingerprintTests {
    @Test("base64 matches RFC 4648's test vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64(input: String, expected: String) {
        #expect(HostKeyFingerprint.base64(Array(input.utf8), padded: true) == expected)
        #expect(HostKeyFingerprint.base64(Array(input.utf8), padded: false) == expected.replacingOccurrences("=", ""))
    }

    @Test("a SHA-256 digest prints as OpenSSH prints it: 43 characters, no padding")
    func format() {
        let text = HostKeyFingerprint.format(sha256: [UInt8](repeating: 0xFF, count: 32))
        #expect(text == "SHA256:" + String(repeating: "/", count: 42) + "8")
    }

    @Test("configured fingerprints are accepted with or without prefix and padding", arguments: [
        "SHA256:abc", "abc", "SHA256:abc=", " SHA256:abc\n",
    ])
    func normalize(configured: String) {
        #expect(HostKeyFingerprint.normalize(configured) == "SHA256:abc")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        String(filter { $0 != target })
    }
}
