import Testing

/// The parent of every suite that talks to moto: serialized, so the suites share one server and
/// never race on its state.
@Suite("Against moto", .serialized)
enum MotoSuite {}
