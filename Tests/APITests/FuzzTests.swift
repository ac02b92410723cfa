import AWS
import Foundation
import MotoPeer
import Testing

/// Schemathesis fuzzes the running API from api/openapi.yaml (`scripts/api-fuzz.py`): valid and
/// invalid examples of every operation, signed as alice; no answer is a 5xx, every one is
/// documented for its operation (status, content type, body), and invalid data gets a 4xx.
@Suite("The self-serve API fuzzed from its OpenAPI document", .serialized)
struct FuzzTests {
    @Test("no 5xx and every answer as the document says, over bounded examples of every operation")
    func fuzz() throws {
        let fixture = try ProductAPIFixture.get()
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = fixture.alice.credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = fixture.alice.credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AWS_REGION"] = "us-east-1"
        let run = try CommandRun.run(
            "/usr/bin/env",
            ["python3", ProjectFiles.repository + "/scripts/api-fuzz.py", ProjectFiles.repository + "/api/openapi.yaml", fixture.base, "15"],
            environment: environment)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr.suffix(3000))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(summary["operations"] as? Int == 16)
        #expect((summary["cases"] as? Int ?? 0) > 200)
        let statuses = (summary["statuses"] as? [String: Int] ?? [:]).keys
        #expect(!statuses.contains { $0.hasPrefix("5") }, "\(summary)")
        #expect(statuses.contains("200") && statuses.contains("400") && statuses.contains("404"), "\(summary)")
    }
}
