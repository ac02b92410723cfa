import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The pipe a function instance writes its logs into, read line by line.
///
/// A reader thread forwards each line as it arrives. When an invocation ends, the host drains the
/// pipe itself before it collects that invocation's lines: the function wrote them before it sent
/// its response, so they are in the pipe, though perhaps not yet read. The lock makes the drain
/// and the reader take turns, so no line is lost, repeated or given to the wrong invocation.
final class OutputPipe: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32
    private let state: Mutex<State>
    private let forward: @Sendable (String) -> Void

    private struct State {
        var partialLine: [UInt8] = []
        var capture: [UInt8]?
        var writeEndOpen = true
        var closed = false
    }

    /// - Parameter forward: receives every line, without its newline.
    init(forward: @escaping @Sendable (String) -> Void) throws(HostError) {
        var descriptors: [Int32] = [0, 0]
        guard cspawn_pipe_cloexec(&descriptors) == 0 else {
            throw HostError(.cannotStart, "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        _ = fcntl(readDescriptor, F_SETFL, fcntl(readDescriptor, F_GETFL) | O_NONBLOCK)
        state = Mutex(State())
        self.forward = forward
    }

    /// Starts reading on a thread of its own, until the process's last writer closes the pipe.
    func startReading() {
        Thread.detachNewThread { [self] in
            var poller = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                poller.revents = 0
                if poll(&poller, 1, -1) < 0 && errno != EINTR { break }
                if drain() { break }
            }
            state.withLock { state in
                state.closed = true
                close(readDescriptor)
            }
        }
    }

    /// The parent's copy of the write end, closed once the child has its own.
    func closeWriteEnd() {
        state.withLock { state in
            guard state.writeEndOpen else { return }
            state.writeEndOpen = false
            close(writeDescriptor)
        }
    }

    /// Starts keeping lines for an invocation.
    func beginCapture() {
        state.withLock { $0.capture = [] }
    }

    /// Drains the pipe, adds the host's closing lines (END, REPORT), and returns every line kept
    /// since ``beginCapture()``, newlines included.
    func finishCapture(appending hostLines: [String]) -> [UInt8] {
        drain()
        return state.withLock { state in
            for line in hostLines { keep(Array(line.utf8), in: &state) }
            defer { state.capture = nil }
            return state.capture ?? []
        }
    }

    /// Adds a line of the host's own (START) as if the function had written it.
    func addHostLine(_ line: String) {
        state.withLock { keep(Array(line.utf8), in: &$0) }
    }

    /// Reads all that is available now; returns true at end of file.
    @discardableResult
    private func drain() -> Bool {
        state.withLock { state in
            guard !state.closed else { return true }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { buffer in
                while true {
                    let count = read(readDescriptor, buffer.baseAddress, buffer.count)
                    if count > 0 {
                        take(UnsafeBufferPointer(rebasing: buffer[..<count]), into: &state)
                        continue
                    }
                    if count < 0 && errno == EINTR { continue }
                    if count == 0, !state.partialLine.isEmpty {
                        keep(state.partialLine, in: &state)
                        state.partialLine = []
                    }
                    return count == 0
                }
            }
        }
    }

    private func take(_ bytes: UnsafeBufferPointer<UInt8>, into state: inout State) {
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            state.partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<newline]))
            keep(state.partialLine, in: &state)
            state.partialLine.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        state.partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private func keep(_ line: [UInt8], in state: inout State) {
        state.capture?.append(contentsOf: line)
        state.capture?.append(UInt8(ascii: "\n"))
        forward(String(decoding: line, as: UTF8.self))
    }
}
