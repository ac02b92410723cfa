/// The `config` object of the suite: who signs, where, for which service.
struct SuiteConfig: Decodable, Sendable {
    let service: String
    let region: String
    let accessKeyId: String
    let secretAccessKey: String
}
