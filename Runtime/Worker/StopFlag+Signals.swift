public import Dispatch
import Glibc
public import TransferCore

extension StopFlag {
    /// Raises the flag when the process receives one of `signals`, instead of dying of it.
    ///
    /// Call it first in `main`, before any thread starts: the signals are blocked in the calling
    /// thread, every thread started later inherits that mask, and so the signals wait for the
    /// dispatch sources (a signalfd on Linux) rather than reaching a thread that would die of them.
    /// Keep the returned sources alive for as long as the process should listen.
    public func raiseOnSignals(_ signals: [Int32]) -> [any DispatchSourceSignal] {
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in signals { sigaddset(&mask, number) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        return signals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in request() }
            source.resume()
            return source
        }
    }
}
