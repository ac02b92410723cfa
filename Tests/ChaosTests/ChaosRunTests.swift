import ChaosHarness
import Foundation
import MotoPeer
import Testing

/// The chaos run at CI size: a batch execution, S3 events through the Router and SFTP jobs through
/// the workers, first untouched and then under a fixed number of blows of every kind and 1 % of AWS
/// requests failed. The blows' moments are seeded within the first half of the untouched run's
/// parts (the batch for functions and the emulator, the files for the workers and sshd; the Router
/// is killed in the first batch it routes), and each waits for a victim, so they land on a loaded
/// machine too; three function kills stay below the six `Lambda.Unknown` retries of one batch, and
/// the one emulator kill is followed by a redrive. Nothing may be lost, written twice, left partial
/// or unfinished.
@Suite("Chaos run")
struct ChaosRunTests {
    @Test("a mixed load under kills of functions, the emulator, workers, the Router and sshd, sshd stalled, requests failed: lost 0, duplicated 0, partial 0, stuck 0")
    func mixedLoadUnderBlows() async throws {
        try await offCooperativePool {
            let world = try ChaosWorld(batchItems: 20)
            defer { world.stop() }
            let calm = try ChaosRun(name: "calm", objects: 100, events: 10, files: 4).run(in: world, plan: nil, progress: Self.progress)
            try #require(calm.truth.lost == 0 && calm.truth.stuck == 0, "the untouched run: \(calm.truth.findings)")
            let plan = ChaosPlan(
                paces: [
                    .function: .times(3, within: calm.batchSeconds / 2), .emulator: .times(1, within: calm.batchSeconds / 2),
                    .router: .times(1, within: 0.2), .worker: .times(2, within: calm.filesSeconds / 2),
                    .sshdStall: .times(1, within: calm.filesSeconds / 2), .sshdKill: .times(1, within: calm.filesSeconds / 2),
                ],
                faultRate: 0.01, stallSeconds: 2, seed: 17)
            let chaos = try ChaosRun(name: "chaos", objects: 100, events: 10, files: 4).run(in: world, plan: plan, progress: Self.progress)
            Self.progress("chaos: \(Int(chaos.seconds)) s against \(Int(calm.seconds)) s untouched; blows \(chaos.blows), \(chaos.faults) faults")
            let truth = chaos.truth
            #expect(truth.checked == 100 + 10 + 4)
            #expect(truth.lost == 0, "\(truth.findings)")
            #expect(truth.duplicated == 0, "\(truth.duplicates)")
            #expect(truth.partial == 0)
            #expect(truth.stuck == 0, "\(truth.findings)")
            #expect(chaos.redrives != nil && chaos.redrives! >= 1, "the killed emulator's execution was redriven")
            for blow in Blow.allCases {
                #expect((chaos.blows[blow] ?? 0) >= 1, "\(blow) dealt: \(chaos.blows)")
            }
            #expect(chaos.faults > 0)
        }
    }

    @Sendable static func progress(_ line: String) {
        FileHandle.standardError.write(Data("ChaosTests: \(line)\n".utf8))
    }
}
