import Foundation
import MotoPeer
import Testing

/// Pull schedules through the product's API: made on a customer's SFTP source, listed, read and
/// deleted; expressions EventBridge would refuse and sources that cannot be polled are refused
/// naming the field, with nothing written; another customer's schedule answers 404.
@Suite("The self-serve API: schedules", .serialized)
struct ScheduleAPITests {
    let fixture: ProductAPIFixture

    init() throws {
        fixture = try ProductAPIFixture.get()
    }

    private func endpoint(_ body: String) throws -> String {
        let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: body)
        return try #require(created.json["id"] as? String, "\(created.text)")
    }

    @Test("a schedule is made with its next run, listed, read and deleted; bad ones are refused; bob sees none of alice's")
    func lifecycle() throws {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\\nnot a real key\\n-----END OPENSSH PRIVATE KEY-----"
        let sftp = try endpoint(
            #"{"type":"sftp","host":"sftp.partner.example","username":"acme","path":"/outgoing","hostKeyFingerprint":"SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","credential":{"privateKey":"\#(key)"}}"#)
        let s3 = try endpoint(#"{"type":"s3","bucket":"alice-landing","region":"us-east-1","roleArn":"\#(fixture.roleARN)"}"#)
        let body = #"{"expression":"cron(0 6 * * ? *)","sourceEndpoint":"\#(sftp)","pattern":"*.csv","destinationEndpoint":"\#(s3)"}"#
        let created = try fixture.request("POST", "/schedules", as: fixture.alice, body: body)
        #expect(created.status == 201, "\(created.text)\n\(fixture.emulator.lines.filter { $0.contains("[ConfigService]") }.suffix(20).joined(separator: "\n"))")
        let id = try #require(created.json["id"] as? String)
        let next = try #require(created.json["nextRunAt"] as? String)
        #expect(next.contains("T06:00:00"), "\(next)")
        #expect(created.json["active"] as? Bool == true)
        let listed = try fixture.request("GET", "/schedules", as: fixture.alice)
        #expect((listed.json["schedules"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        #expect(try fixture.request("GET", "/schedules/\(id)", as: fixture.alice).json["pattern"] as? String == "*.csv")
        #expect(try fixture.request("GET", "/schedules/\(id)", as: fixture.bob).status == 404)
        #expect(try fixture.request("DELETE", "/schedules/\(id)", as: fixture.bob).status == 404)
        let bobs = try fixture.request("GET", "/schedules", as: fixture.bob)
        #expect((bobs.json["schedules"] as? [Any])?.isEmpty == true)

        let before = try fixture.items(of: "ScheduleTable").count
        for (bad, field) in [
            (body.replacingOccurrences(of: "cron(0 6 * * ? *)", with: "cron(0 6 * * * *)"), "expression:"),
            (body.replacingOccurrences(of: "cron(0 6 * * ? *)", with: "rate(0 minutes)"), "expression:"),
            (body.replacingOccurrences(of: "cron(0 6 * * ? *)", with: "at(2030-01-01T00:00:00)"), "expression:"),
            (body.replacingOccurrences(of: "*.csv", with: "in/*.csv"), "pattern:"),
            (#"{"expression":"rate(1 hour)","sourceEndpoint":"\#(s3)","pattern":"*","destinationEndpoint":"\#(sftp)"}"#, "sourceEndpoint:"),
            (body.replacingOccurrences(of: sftp, with: "ep-00000000000000000000"), "sourceEndpoint:"),
        ] {
            let refused = try fixture.request("POST", "/schedules", as: fixture.alice, body: bad)
            #expect(refused.status == 400 && (refused.json["message"] as? String)?.hasPrefix(field) == true, "\(bad): \(refused.text)")
        }
        #expect(try fixture.items(of: "ScheduleTable").count == before)
        let asBob = try fixture.request("POST", "/schedules", as: fixture.bob, body: body)
        #expect(asBob.status == 400 && (asBob.json["message"] as? String)?.hasPrefix("sourceEndpoint: no endpoint") == true)

        #expect(try fixture.request("DELETE", "/schedules/\(id)", as: fixture.alice).status == 204)
        #expect(try fixture.request("GET", "/schedules/\(id)", as: fixture.alice).status == 404)
    }
}
