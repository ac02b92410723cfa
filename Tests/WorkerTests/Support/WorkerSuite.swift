import Testing

/// The parent of the suites that share the moto fixture: serialized, so they never race on its
/// state or on the machine's two cores.
@Suite("TransferWorker against sshd and moto", .serialized)
enum WorkerSuite {}
