public import Jobs

extension Job {
    /// The job as the API answers it: identity, state, outcome, every move and its timings.
    public var view: JSONBody {
        func first(_ state: JobState) -> String? { history.first { $0.state == state }?.at }
        let finished = state.isFinal ? history.last?.at : nil
        return .members([
            ("id", .string(id)), ("state", .string(state.rawValue)), ("sourceEndpoint", .string(sourceEndpoint)),
            ("destinationEndpoint", .string(destinationEndpoint)), ("key", .string(object.key)), ("size", .int(object.size)),
            ("version", .string(object.version)), ("flow", .string(flow.rawValue)), ("attempts", .int(Int64(attempts))),
            ("bytes", bytes.map { .int($0) }), ("checksum", checksum.map { .string($0) }),
            ("error", failure.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
            ("createdAt", .string(createdAt)), ("updatedAt", .string(updatedAt)),
            (
                "timings",
                .members([
                    ("receivedAt", .string(createdAt)), ("queuedAt", first(.queued).map { .string($0) }),
                    ("startedAt", first(.running).map { .string($0) }), ("finishedAt", finished.map { .string($0) }),
                ])
            ),
            ("history", .array(history.map { .object(["state": .string($0.state.rawValue), "at": .string($0.at), "by": .string($0.by)]) })),
        ])
    }
}
