extension SFTPRangeWriter {
    /// What one step of a range did.
    enum Step: Equatable {
        /// It moved and may move again at once.
        case again
        /// libssh2 answered `EAGAIN`: call again once the socket is ready.
        case wouldBlock
        /// Nothing to do until its source has bytes (or it may start, or it is done).
        case idle
    }

    /// One range: a channel started, a handle opened, the source's bytes written through the
    /// handle's window, the handle closed; every step non-blocking.
    struct Lane {
        private enum Phase {
            case starting
            case opening(SFTPSession)
            case writing(SFTPFile)
            case closing(SFTPFile)
            case done
        }

        let path: String
        let offset: UInt64
        let writeWindow: Int
        let next: () throws -> SFTPRange.Input
        private var phase = Phase.starting
        /// The source's current bytes and how many the window has taken.
        private var input: [UInt8] = []
        private var used = 0
        private var sourceEnded = false
        /// Counts every step that moved (bytes taken or acknowledged, a phase finished).
        private(set) var moves = 0

        init(path: String, offset: UInt64, writeWindow: Int, next: @escaping () throws -> SFTPRange.Input) {
            self.path = path
            self.offset = offset
            self.writeWindow = writeWindow
            self.next = next
        }

        var isDone: Bool {
            if case .done = phase { return true }
            return false
        }

        var isStarting: Bool {
            if case .starting = phase { return true }
            return false
        }

        /// Whether it waits for an answer from the server (rather than for its source).
        var awaitsServer: Bool {
            switch phase {
            case .starting, .opening, .closing: true
            case .writing(let file): !file.window.isEmpty
            case .done: false
            }
        }

        /// One non-blocking step of the range.
        mutating func step(ssh: SSHSession, mayStart: Bool) throws -> Step {
            switch phase {
            case .starting:
                guard mayStart else { return .idle }
                guard let channel = try SFTPSession.startOnce(on: ssh) else { return .wouldBlock }
                phase = .opening(channel)
            case .opening(let channel):
                guard let file = try channel.openOnce(path, mode: .update, writeWindow: writeWindow) else { return .wouldBlock }
                try file.seek(to: offset)
                phase = .writing(file)
            case .writing(let file):
                let taken = try refill(file)
                if taken { moves += 1 }
                if file.window.isEmpty {
                    guard sourceEnded && used == input.count else { return taken ? .again : .idle }
                    phase = .closing(file)
                } else {
                    guard let acknowledged = try file.sendWindowOnce() else { return .wouldBlock }
                    guard acknowledged > 0 || taken else { return .idle }
                }
            case .closing(let file):
                guard try file.closeOnce() else { return .wouldBlock }
                phase = .done
                moves += 1
                return .idle
            case .done:
                return .idle
            }
            moves += 1
            return .again
        }

        /// Marks a writing range failed so its handle is neither flushed nor closed.
        func abandon(_ failure: SFTPError) {
            guard case .writing(let file) = phase, file.writeFailure == nil else { return }
            _ = file.recordFailure(failure)
        }

        /// Moves source bytes into the window while it has room; returns whether any moved.
        private mutating func refill(_ file: SFTPFile) throws -> Bool {
            var moved = false
            while file.window.room > 0 {
                if used == input.count {
                    guard !sourceEnded else { break }
                    switch try next() {
                    case .bytes(let bytes):
                        input = bytes
                        used = 0
                    case .notYet:
                        return moved
                    case .end:
                        sourceEnded = true
                        return moved
                    }
                }
                let taken = input.withUnsafeBytes { file.window.append(UnsafeRawBufferPointer(rebasing: $0[used...])) }
                used += taken
                moved = moved || taken > 0
            }
            return moved
        }
    }
}
