import FuzzTargets
import MotoPeer
import Testing

/// Every parser of untrusted input, on seeded mutations of its samples: each input is accepted or
/// refused with the parser's own error, never a crash or another error. `fuzz` runs the same
/// targets longer, and `make fuzz` under libFuzzer.
@Suite("Fuzzed inputs")
struct FuzzTests {
    @Test("accepted or refused with the parser's own error", arguments: FuzzTarget.all.map(\.name))
    func target(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = try FuzzCorpus.seeds(of: target, root: ProjectFiles.repository)
        for (index, seed) in seeds.enumerated() {
            #expect(target.run(seed) == .accepted, "seed \(index) of \(name) is a valid input")
        }
        let summary = FuzzCampaign.run(target, seeds: seeds, runs: 1_000, seed: 2026)
        #expect(summary.unexpected.isEmpty, "\(summary.unexpected.prefix(3).map(\.message))")
        #expect(summary.refused > 0, "the mutations reach the parser's refusals: \(summary.description)")
    }
}
