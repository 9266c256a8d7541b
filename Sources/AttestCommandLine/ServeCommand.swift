import ArgumentParser
import AttestServer
import Foundation
import HandbookContent
import PostgresRecords
import SiteBuilder
import TrainingRecords

/// `attest serve`: the handbook, its quizzes graded on the server and recorded, "my training" and the
/// training API, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the handbook and its quizzes; grade and record submissions.",
        discussion: """
            Identity is never taken from a form. Behind a single-sign-on proxy, pass --trusted-header \
            X-Forwarded-Email --proxy-secret-file FILE: the header is honoured only on requests carrying \
            X-Attest-Proxy-Secret equal to the file's content. Otherwise people open the invitation links \
            printed by `attest training invite EMAIL`. --dev-identity EMAIL signs everyone in as EMAIL \
            (local trials only): it is refused with --trusted-header, and on a --host other than a \
            loopback address (127.0.0.0/8, ::1, localhost).

            With --watch, the handbook is built in memory (site/ is neither read nor written) and rebuilt \
            as content/ and templates/ change; open pages reload themselves. An edit with errors prints \
            them and the last good site keeps being served.
            """)

    @OptionGroup var rootOptions: RootOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    /// --records and --records-password-file, as every training command takes them.
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(
        name: .customLong("signing-key-file"),
        help: ArgumentHelp(
            "The key that signs sessions and links (default: kept in the PostgreSQL records, else server.key beside "
                + "the SQLite records); created if missing. Give every instance the same.", valueName: "FILE"))
    var signingKeyFile: String?

    @Option(help: ArgumentHelp("The roster CSV (default: `people` in handbook.yml).", valueName: "PATH"))
    var people: String?

    @Option(help: ArgumentHelp("The header a single-sign-on proxy puts the email in.", valueName: "HEADER"))
    var trustedHeader: String?

    @Option(
        help: ArgumentHelp("A file holding the secret the proxy sends as X-Attest-Proxy-Secret.", valueName: "FILE"))
    var proxySecretFile: String?

    @Option(help: ArgumentHelp("Sign every request in as EMAIL (local trials only).", valueName: "EMAIL"))
    var devIdentity: String?

    @Option(help: ArgumentHelp("The built site to serve (default: site/ under the root).", valueName: "DIR"))
    var site: String?

    @Flag(help: "Build the handbook in memory and rebuild it as its sources change; open pages reload.")
    var watch = false

    @Option(
        help: ArgumentHelp(
            "Threads that serve connections and run requests (default: one per core). Several instances "
                + "on one host: give each its share of the cores.", valueName: "N"))
    var threads: Int?

    func validate() throws {
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be 1…1024") }
        if (trustedHeader == nil) != (proxySecretFile == nil) {
            throw ValidationError("--trusted-header and --proxy-secret-file go together")
        }
        if !(1...65_535).contains(port) { throw ValidationError("--port must be 1…65535") }
        // Before anything is read or built: no way round the identity rules (exit 2).
        do {
            try IdentityConfiguration.check(devIdentity: devIdentity, trustedProxy: trustedHeader != nil, host: host)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let root = rootOptions.root
        let (loaded, loadedRoster, diagnostics) = HandbookInputs.load(root: root, people: people)
        DiagnosticPrinter.print(diagnostics)
        guard let handbook = loaded else { throw ExitCode.badInput }
        guard let roster = loadedRoster else {
            DiagnosticPrinter.print([
                .error("no roster: pass --people PATH or set `people` in content/handbook.yml", at: nil)
            ])
            throw ExitCode.badInput
        }
        do {
            let siteDirectory = site ?? Self.join(root, "site")
            let location = try TrainingInputs.recordsLocation(
                root: root, option: recordsOptions.records, config: handbook.config,
                passwordFile: recordsOptions.recordsPasswordFile)
            // A database server that cannot be used stops the start before the site is built.
            var earlyStore: (any RecordStore)? = nil
            if case .postgres = location.store { earlyStore = try await Self.openRecordStore(location) }
            let staticSite: StaticSite
            if watch {
                staticSite = StaticSite(files: [:], liveReload: true)
            } else {
                try await Self.buildSiteIfMissing(siteDirectory, root: root, handbook: handbook)
                staticSite = try StaticSite.load(directory: siteDirectory)
            }
            let store: any RecordStore
            if let earlyStore { store = earlyStore } else { store = try await Self.openRecordStore(location) }
            let signingKey = try await SigningKeySource.key(file: signingKeyFile, records: location, store: store)
            let identity = IdentityConfiguration(
                trustedProxy: try trustedHeader.map { header in
                    try TrustedProxyHeader.load(headerName: header, secretFile: proxySecretFile ?? "")
                },
                devIdentity: devIdentity,
                signingKey: signingKey,
                secureCookies: handbook.config.baseURL.lowercased().hasPrefix("https://"))
            let server = try AttestServer(
                site: staticSite, handbook: handbook, roster: roster,
                store: store, identity: identity, settings: ServerSettings(host: host, port: port),
                siteLayout: try Self.siteLayout(root: root, handbook: handbook))
            var watchers: [SourceWatcher] = []
            if watch {
                watchers.append(await startWatching(root: root, siteDirectory: siteDirectory, server: server))
            }
            print(
                "Serving \(handbook.config.title) on http://\(host):\(port)/ (records: \(location.display)); Ctrl-C stops."
            )
            if let devIdentity {
                print("warning: --dev-identity signs every visitor in as \(devIdentity); for local trials only.")
            }
            if watch { print("Watching content/ and templates/; open pages reload after each rebuild.") }
            // A server's lines go to its log (a file, a pipe, journald) as they happen.
            fflush(nil)
            try await server.makeApplication(services: watchers).runService()
            try? await store.close()
        } catch let error as ServerSetupError {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitCode.badInput
        }
    }

    /// `--watch`: builds the site into the server's memory (live reload on) and returns the watcher
    /// that keeps it up to date. After each rebuild that loaded the handbook or the theme anew, the
    /// server grades, admits and lays out its pages with them too, swapped with the site in one step.
    /// When the first build fails, the site last built into `siteDirectory` (if any) is served meanwhile.
    private func startWatching(root: String, siteDirectory: String, server: AttestServer) async -> SourceWatcher {
        let monitor = SourceChangeMonitor(paths: [Self.join(root, "content"), Self.join(root, "templates")])
        let live = server.live
        let people = people
        let builder = IncrementalSiteBuilder(
            root: root,
            options: SiteBuildOptions(includeDrafts: false, linkPolicy: .fail, asOf: TrainingInputs.today),
            linksFromHandbook: true,
            load: {
                let (files, _, diagnostics) = HandbookInputs.read(root: root, people: people)
                return (files, diagnostics)
            })
        let session = SiteWatchSession(builder: builder) { update in
            var problems: [Diagnostic] = []
            var roster: Roster?
            if update.succeeded, let handbook = update.handbook {
                // The roster is read again with the handbook; with errors, the handbook served now stays.
                let (read, diagnostics) = TrainingInputs.roster(root: root, option: people, config: handbook.config)
                problems += diagnostics
                if !diagnostics.hasErrors { roster = read }
            }
            return problems + live.apply(update, roster: roster)
        }
        let (succeeded, _) = await session.buildAll()
        if !succeeded, let built = try? StaticSite.load(directory: siteDirectory, liveReload: true) {
            live.replace(site: built)
            print("Serving the site last built into \(siteDirectory) until the errors are fixed.")
        }
        return SourceWatcher(monitor: monitor) { changed in
            await session.rebuild(changed)
            fflush(nil)
        }
    }

    /// Opens the records database (SQLite or PostgreSQL, batched commits).
    static func openRecordStore(_ location: TrainingInputs.RecordsLocation) async throws -> any RecordStore {
        let (store, diagnostics) = await TrainingInputs.openStore(location, mustExist: false)
        DiagnosticPrinter.print(diagnostics)
        guard let store else { throw ExitCode.badInput }
        return store
    }

    /// The handbook's layout from its theme (templates/), for the server's own pages.
    static func siteLayout(root: String, handbook: Handbook) throws -> SiteLayout {
        let (theme, diagnostics) = SiteTheme.load(directory: join(root, "templates"), displayPath: "templates")
        DiagnosticPrinter.print(diagnostics)
        guard let theme else { throw ExitCode.badInput }
        return SiteLayout(handbook: handbook, theme: theme)
    }

    /// Builds the site first when its folder does not exist yet.
    static func buildSiteIfMissing(_ directory: String, root: String, handbook: Handbook) async throws {
        guard !FileManager.default.fileExists(atPath: directory) else { return }
        print("No site at \(directory) yet; building it first.")
        let options = SiteBuildOptions(
            includeDrafts: false, linkPolicy: handbook.config.links, asOf: TrainingInputs.today)
        let builder = SiteBuilder(handbook: handbook, templatesDirectory: join(root, "templates"), options: options)
        let result = await builder.build(into: directory)
        DiagnosticPrinter.print(result.diagnostics)
        guard result.wroteSite else { throw ExitCode.badInput }
    }

    static func join(_ root: String, _ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (root as NSString).appendingPathComponent(relative)
    }
}
