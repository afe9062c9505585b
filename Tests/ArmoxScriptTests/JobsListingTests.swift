import ArmoxAPI
import ArmoxSandbox
import Testing

@testable import ArmoxScript

/// `jobs` where the server's list holds entries armox cannot read: they are
/// left out, and stderr says how many, so a short or empty table is not
/// taken for the whole story.
@Suite("jobs: entries the server sent that cannot be read")
struct JobsListingTests {
    static let good = #"{"id": "job_ok", "object": "job", "status": "completed", "model": "google/nano-banana", "created_at": "2026-12-04T10:00:00Z"}"#

    @Test func unreadableEntriesAreCountedNotHidden() async throws {
        try await withEvaluator { evaluator, captured, server in
            let body = #"{"object": "list", "data": [\#(Self.good), {"status": "completed"}, {"id": 7}], "has_more": false}"#
            await server.inject(.body(status: 200, body: body), on: .jobsList)
            try await evaluator.evaluate("jobs", name: "t")
            #expect(captured.out.contains("job_ok"), "\(captured.out)")
            #expect(captured.err.contains("note: GET /jobs: 2 entries of the server's list could not be read and are left out"), "\(captured.err)")
        }
    }

    @Test func aListOfOnlyUnreadableEntriesIsNotCalledEmpty() async throws {
        try await withEvaluator { evaluator, captured, server in
            await server.inject(.body(status: 200, body: #"{"object": "list", "data": [{"id": null}], "has_more": false}"#), on: .jobsList)
            try await evaluator.evaluate("jobs", name: "t")
            #expect(!captured.out.contains("no jobs yet"), "\(captured.out)")
            #expect(captured.out.contains("no readable jobs"), "\(captured.out)")
            #expect(captured.err.contains("1 entry of the server's list could not be read and is left out"), "\(captured.err)")
        }
    }

    @Test func anEmptyListIsStillNoJobsYet() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("jobs", name: "t")
            #expect(captured.out.contains("no jobs yet"), "\(captured.out)")
            #expect(captured.err.isEmpty, "\(captured.err)")
        }
    }
}
