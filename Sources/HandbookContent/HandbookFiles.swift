import Foundation
import Markdown

/// Every file of a handbook's `content/` as its reader read it: what ``HandbookLoader/load(root:options:)``
/// assembles into a ``Handbook``. `--watch` keeps it between rebuilds, so that an edit re-reads only the
/// files that changed and the handbook is assembled again from the rest as read before.
public struct HandbookFiles: Sendable {
    /// The project root (holding `content/`).
    public let root: String
    public let options: HandbookLoader.Options

    /// Problems listing `content/` (or its absence).
    private var listingDiagnostics: [Diagnostic]
    /// Whether `content/` exists; nothing else is read without it.
    private var hasContent: Bool
    /// What each file is read as, by its path relative to `content/`.
    private enum Kind: Sendable { case config, policy, quiz, page }
    private var kinds: [String: Kind] = [:]
    /// Files relative to `content/`, by kind, in the loader's (byte) order.
    private var configFile: String?
    private var policyFiles: [String] = []
    private var quizFiles: [String] = []
    private var pageFiles: [String] = []
    private var assets: [String] = []

    private var config: (config: HandbookConfig?, diagnostics: [Diagnostic])?
    private var policies: [String: PolicyReader.Output] = [:]
    private var quizzes: [String: QuizReader.Output] = [:]
    private var pages: [String: (page: HandbookPage?, diagnostics: [Diagnostic])] = [:]
    /// Files that could not be read (or are not UTF-8).
    private var unreadable: [String: Diagnostic] = [:]
    /// The diagnostics of `{{ controls.… }}` references in each policy's prose.
    private var quotings: [String: [Diagnostic]] = [:]

    /// Lists and reads every file of `root/content` (hidden files and `content/data/` left out), the
    /// files on every core.
    public static func read(root: String, options: HandbookLoader.Options = .init()) -> HandbookFiles {
        var files = HandbookFiles(root: root, options: options)
        files.readAll()
        return files
    }

    private init(root: String, options: HandbookLoader.Options) {
        self.root = root
        self.options = options
        listingDiagnostics = []
        hasContent = false
    }

    private var contentPath: String { (root as NSString).appendingPathComponent("content") }

    private mutating func readAll() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            listingDiagnostics = [
                .error(
                    "no content/ folder in '\(root)'; run 'attest init' to create a handbook, or pass --root", at: nil)
            ]
            return
        }
        hasContent = true
        var files: [String] = []
        var visited: Set<String> = []
        HandbookLoader.listFiles(
            in: contentPath, relativePath: "", into: &files, visited: &visited, diagnostics: &listingDiagnostics)
        for file in files {
            let components = file.split(separator: "/")
            let isMarkdown = file.lowercased().hasSuffix(".md")
            if file == "handbook.yml" {
                configFile = file
                kinds[file] = .config
            } else if isMarkdown, components.count > 1, components[0] == "policies" {
                policyFiles.append(file)
                kinds[file] = .policy
            } else if isMarkdown, components.count > 1, components[0] == "quizzes" {
                quizFiles.append(file)
                kinds[file] = .quiz
            } else if isMarkdown {
                pageFiles.append(file)
                kinds[file] = .page
            } else {
                assets.append(file)
            }
        }
        if let configFile {
            switch Self.read(configFile, in: contentPath, HandbookConfigReader.read) {
            case .success(let output): config = output
            case .failure(let diagnostic): unreadable[configFile] = diagnostic
            }
        }
        // Files are independent until the cross-checks: read them on every core, in order.
        let contentPath = contentPath
        let policyResults = ConcurrentMap.map(policyFiles) { file in
            Self.read(file, in: contentPath) { source in
                let output = PolicyReader.read(source)
                return (output, Self.quoting(output.policy))
            }
        }
        for (file, result) in zip(policyFiles, policyResults) {
            switch result {
            case .success(let (output, quoting)):
                policies[file] = output
                quotings[file] = quoting
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
        for (file, result) in zip(quizFiles, ConcurrentMap.map(quizFiles) { Self.read($0, in: contentPath, QuizReader.read) }) {
            switch result {
            case .success(let output): quizzes[file] = output
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
        for (file, result) in zip(pageFiles, ConcurrentMap.map(pageFiles) { Self.read($0, in: contentPath, PageReader.read) }) {
            switch result {
            case .success(let output): pages[file] = output
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
    }

    /// Reads one file again (relative to `content/`) as the reader of its kind.
    private mutating func read(_ file: String) {
        unreadable[file] = nil
        let contentPath = contentPath
        let result: Result<Void, Diagnostic>
        switch kinds[file] {
        case .config:
            result = Self.read(file, in: contentPath) { config = HandbookConfigReader.read($0) }
            if case .failure = result { config = nil }
        case .policy:
            result = Self.read(file, in: contentPath) { source in
                let output = PolicyReader.read(source)
                policies[file] = output
                quotings[file] = Self.quoting(output.policy)
            }
            if case .failure = result { (policies[file], quotings[file]) = (nil, nil) }
        case .quiz:
            result = Self.read(file, in: contentPath) { quizzes[file] = QuizReader.read($0) }
            if case .failure = result { quizzes[file] = nil }
        case .page:
            result = Self.read(file, in: contentPath) { pages[file] = PageReader.read($0) }
            if case .failure = result { pages[file] = nil }
        case nil:
            return
        }
        if case .failure(let diagnostic) = result { unreadable[file] = diagnostic }
    }

    /// Reads again the files at `paths` (root-relative, e.g. `content/policies/keys/rotation.md`) that
    /// changed in place. False, reading nothing, when a path is not a policy, quiz or page this handbook
    /// was read from, or no longer exists (a file added or removed, `handbook.yml`, the roster, any
    /// other file): then the handbook must be read again whole.
    public mutating func reread(_ paths: some Sequence<String>) -> Bool {
        var files: [String] = []
        for path in paths {
            guard path.hasPrefix("content/") else { return false }
            let file = String(path.dropFirst("content/".count))
            guard let kind = kinds[file], kind != .config,
                FileManager.default.fileExists(atPath: (contentPath as NSString).appendingPathComponent(file))
            else { return false }
            files.append(file)
        }
        for file in files { read(file) }
        return true
    }

    /// The handbook these files make, when there are no errors (warnings allowed), and every
    /// diagnostic: each file's, then the cross-checks' (unique ids, references that resolve). Drafts
    /// are validated but left out unless ``HandbookLoader/Options/includeDrafts``.
    public func handbook() -> (handbook: Handbook?, diagnostics: [Diagnostic]) {
        var diagnostics = listingDiagnostics
        guard hasContent else { return (nil, diagnostics) }
        if let configFile {
            if let failure = unreadable[configFile] { diagnostics.append(failure) }
            diagnostics += config?.diagnostics ?? []
        } else {
            diagnostics.append(
                .error(
                    "missing content/handbook.yml: it holds the handbook's title and settings (at least 'title: …')",
                    at: nil))
        }
        let policyOutputs = policyFiles.compactMap { policies[$0] }
        let quizOutputs = quizFiles.compactMap { quizzes[$0] }
        for file in policyFiles + quizFiles + pageFiles { if let failure = unreadable[file] { diagnostics.append(failure) } }
        var pageValues: [HandbookPage] = []
        for file in pageFiles {
            guard let result = pages[file] else { continue }
            diagnostics += result.diagnostics
            if let page = result.page { pageValues.append(page) }
        }
        diagnostics += policyOutputs.flatMap(\.diagnostics) + quizOutputs.flatMap(\.diagnostics)
        diagnostics += HandbookLoader.crossCheck(policyOutputs: policyOutputs, quizOutputs: quizOutputs, options: options)
        diagnostics += policyFiles.flatMap { quotings[$0] ?? [] }

        guard let config = config?.config, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let keep = options.includeDrafts
        return (
            Handbook(
                root: root, config: config, policies: policyOutputs.compactMap(\.policy).filter { keep || !$0.draft },
                quizzes: quizOutputs.compactMap(\.quiz).filter { keep || !$0.draft },
                pages: pageValues.filter { keep || !$0.draft }, assets: assets),
            diagnostics
        )
    }

    /// The diagnostics of a policy's `{{ controls.… }}` references (none for a policy with errors).
    private static func quoting(_ policy: Policy?) -> [Diagnostic] {
        guard let policy else { return [] }
        return ParameterQuoting.apply(
            to: MarkdownDocument(parsing: policy.body), controls: policy.controls, sourcePath: policy.sourcePath,
            bodyStartLine: policy.bodyStartLine)
    }

    /// Reads one file; a diagnostic when it cannot be read or is not UTF-8.
    private static func read<Output>(
        _ file: String, in contentPath: String, _ reader: (SourceFile) -> Output
    ) -> Result<Output, Diagnostic> {
        do {
            let source = try SourceFile(
                contentsOf: (contentPath as NSString).appendingPathComponent(file), path: "content/" + file)
            return .success(reader(source))
        } catch {
            return .failure(error)
        }
    }
}
