import ArgumentParser
import Foundation
import HandbookContent
import PostgresRecords
import TrainingRecords

/// What the training commands read besides the records: the handbook (quizzes, policies, settings),
/// the roster, and where the records are. Each reader returns diagnostics rather than throwing.
enum TrainingInputs {
    /// Where the records are: a SQLite file, or a PostgreSQL database (`postgres://…`).
    /// `display` is what messages show: the path, or the URL without its password.
    struct RecordsLocation {
        enum Store {
            case sqlite(path: String)
            case postgres(PostgresLocation)
        }

        var store: Store
        var display: String
        /// Whether the records were named explicitly (a missing file is then an error, not "no
        /// records yet"). A PostgreSQL database is always explicit.
        var isExplicit: Bool

        /// The SQLite file; for PostgreSQL, its display URL (no file).
        var path: String {
            switch store {
            case .sqlite(let path): path
            case .postgres: display
            }
        }
    }

    /// `--records` as given, else `ATTEST_RECORDS_URL`.
    static func givenRecords(_ option: String?) -> String? {
        if let option { return option }
        if let variable = ProcessInfo.processInfo.environment["ATTEST_RECORDS_URL"], !variable.isEmpty {
            return variable
        }
        return nil
    }

    /// Where the records are: `--records` (or `ATTEST_RECORDS_URL`) as given, else handbook.yml's
    /// `records` under the root, else `.attest/records.sqlite` under the root. A `postgres://` or
    /// `postgresql://` URL names PostgreSQL (its password from the URL, `--records-password-file`
    /// or `PGPASSWORD`); a `sqlite:PATH` URL or any other text is a SQLite file. Bad input is printed
    /// and exits 2.
    static func recordsLocation(
        root: String, option: String?, config: HandbookConfig?, passwordFile: String? = nil
    ) throws -> RecordsLocation {
        let (location, diagnostics) = resolveRecords(
            root: root, option: option, config: config, passwordFile: passwordFile)
        guard let location else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        return location
    }

    /// ``recordsLocation(root:option:config:passwordFile:)`` without printing: nil and an error
    /// for a bad URL or an unreadable password file.
    static func resolveRecords(
        root: String, option: String?, config: HandbookConfig?, passwordFile: String?
    ) -> (RecordsLocation?, [Diagnostic]) {
        let given = givenRecords(option)
        let text = given ?? config?.records ?? ".attest/records.sqlite"
        if PostgresLocation.isPostgresURL(text) {
            do {
                var location = try PostgresLocation(url: text)
                if let passwordFile {
                    guard let data = FileManager.default.contents(atPath: passwordFile) else {
                        throw PostgresLocation.ParseError.passwordFile(passwordFile)
                    }
                    location.password = String(decoding: data, as: UTF8.self)
                        .trimmingCharacters(in: .newlines)
                } else if location.password == nil,
                    let variable = ProcessInfo.processInfo.environment["PGPASSWORD"], !variable.isEmpty
                {
                    location.password = variable
                }
                return (RecordsLocation(store: .postgres(location), display: location.display, isExplicit: true), [])
            } catch {
                return (nil, [.error("--records: \(error)", at: nil)])
            }
        }
        var path = text
        if path.lowercased().hasPrefix("sqlite:") {
            path = String(path.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
        }
        if given != nil { return (RecordsLocation(store: .sqlite(path: path), display: path, isExplicit: true), []) }
        return (RecordsLocation(store: .sqlite(path: join(root, path)), display: path, isExplicit: false), [])
    }

    /// The handbook's settings, when it has a content/handbook.yml; nil (no diagnostics) when it has none.
    // On merge: reading handbook.yml alone (HandbookConfigReader) would spare loading the whole handbook.
    static func config(root: String) -> (config: HandbookConfig?, diagnostics: [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: join(root, "content/handbook.yml")) else { return (nil, []) }
        let (handbook, diagnostics) = HandbookLoader.load(root: root)
        return (handbook?.config, diagnostics)
    }

    /// The whole handbook (quizzes and policies in force).
    static func handbook(root: String) -> (handbook: Handbook?, diagnostics: [Diagnostic]) {
        HandbookLoader.load(root: root)
    }

    /// The roster at `--people`, else handbook.yml's `people` under the root; nil with an error when
    /// neither is given or the file has errors.
    static func roster(root: String, option: String?, config: HandbookConfig?) -> (
        roster: Roster?, diagnostics: [Diagnostic]
    ) {
        let path: String, display: String
        if let option {
            (path, display) = (option, option)
        } else if let people = config?.people {
            (path, display) = (join(root, people), people)
        } else {
            return (nil, [.error("no roster: pass --people PATH or set `people` in content/handbook.yml", at: nil)])
        }
        return readRoster(path: path, display: display)
    }

    /// Reads the people CSV with the content model's roster reader.
    static func readRoster(path: String, display: String) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the roster '\(display)'", at: nil)])
        }
        return RosterReader.read(bytes: Array(data), path: display)
    }

    /// Opens the records; `mustExist` for commands that only read them.
    static func openStore(_ location: RecordsLocation, mustExist: Bool) async -> (
        store: (any RecordStore)?, diagnostics: [Diagnostic]
    ) {
        do {
            switch location.store {
            case .sqlite(let path):
                return (try SQLiteRecordStore(path: path, createIfMissing: !mustExist), [])
            case .postgres(let postgres):
                return (try await PostgresRecordStore.open(postgres, createIfMissing: !mustExist), [])
            }
        } catch {
            let message: String
            switch error {
            case .notFound: message = "no training records at '\(location.display)'"
            case .cannotOpen(_, let reason):
                message = "cannot open the training records '\(location.display)': \(reason)"
            default: message = error.description
            }
            return (nil, [.error(message, at: nil)])
        }
    }

    /// Every record; a row that cannot be read (a tampered column) is reported as bad input.
    static func allRecords(_ store: any RecordStore, _ location: RecordsLocation) async throws -> [AttemptRecord] {
        do {
            return try await store.allRecords()
        } catch let error as RecordStoreError {
            DiagnosticPrinter.print([
                .error(
                    "the training records '\(location.display)' cannot be read: \(error) (run `attest training verify`)",
                    at: nil)
            ])
            throw ExitCode.badInput
        }
    }

    /// Writes `text` to `path` atomically, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) -> [Diagnostic] {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return []
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return []
        } catch {
            return [.error("cannot write '\(path)': \(error.localizedDescription)", at: nil)]
        }
    }

    /// Today's UTC date.
    static var today: CalendarDate { CalendarDate(secondsSince1970: Date().timeIntervalSince1970) }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
