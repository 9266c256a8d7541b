import Foundation
import PostgresRecords
import Testing
import TrainingRecords

/// The record stores that run the one store test suite (``RecordStoreTests``).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store of this kind, and how to open another store on the same records (a
    /// restart, or a second server instance).
    func makeStore() async throws -> StoreUnderTest {
        switch self {
        case .sqlite:
            let folder = try TemporaryDirectory()
            let path = folder.file("nested/records.sqlite")
            return StoreUnderTest(
                store: try SQLiteRecordStore(path: path),
                openAnother: { try SQLiteRecordStore(path: path, createIfMissing: false) },
                cleanUp: { folder.remove() })
        case .postgres:
            let location = try await TestPostgres.shared.freshDatabase()
            return StoreUnderTest(
                store: try await PostgresRecordStore.open(location),
                openAnother: { try await PostgresRecordStore.open(location, createIfMissing: false) },
                cleanUp: {})
        }
    }
}

/// A store made for one test.
struct StoreUnderTest: Sendable {
    let store: any RecordStore
    let openAnother: @Sendable () async throws -> any RecordStore
    let cleanUp: @Sendable () -> Void

    /// Closes the store and removes its files.
    func finish() async {
        try? await store.close()
        cleanUp()
    }
}
