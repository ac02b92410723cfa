import Foundation
import Glibc
import SSHPeer

/// The processes below `ancestor` (its children, theirs, and so on) whose command is `name`.
func processes(below ancestor: pid_t, named name: String) -> [pid_t] {
    SSHServer.descendants(of: ancestor).filter { pid in
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) == name
    }
}
