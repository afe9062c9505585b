import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// A server closes kept-alive connections that sit idle (here after one
/// second). A run handed to such a connection was never written: it is not
/// ambiguous, and goes again on a fresh connection, accepted exactly once.
@Suite("Kept-alive connections the server closed")
struct StaleConnectionTests {
    /// Runs (each after a GET, which leaves a connection in the pool) sent
    /// one second apart, so each goes out around the moment the sandbox lets
    /// the pooled connection go: every one is accepted once, none reported
    /// as "may have been accepted", none sent twice. Retries are off: a
    /// fresh connection is not a retry of a failure.
    @Test func runsASecondApartAreEachAcceptedOnce() async throws {
        try await withSandbox({ $0.idleTimeout = 1 }, retry: .none) { server, client in
            let runs = 10
            var failures: [String] = []
            for i in 0..<runs {
                _ = try? await client.account()
                try await Task.sleep(for: .microseconds(1_000_000 + 200 * (i % 5)))
                do {
                    _ = try await client.run(model: "google/nano-banana", input: ["prompt": .string("fox \(i)")])
                } catch let error as ArmoxError {
                    failures.append("run \(i): \(error.description) (may have been accepted: \(error.runMayHaveBeenAccepted))")
                }
            }
            #expect(failures.isEmpty, "\(failures)")
            let ledger = await server.ledger()
            #expect(ledger.count == runs - failures.count)
            #expect(Set(ledger.map(\.jobId)).count == ledger.count)
        }
    }
}
