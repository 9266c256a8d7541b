import Foundation
import Markdown

/// Reads a handbook's `content/` into a validated ``Handbook``, collecting every diagnostic.
///
/// Walks `root/content` in sorted order (so the result is deterministic), skipping hidden files and
/// `content/data/`: `handbook.yml` is the config, `policies/**/*.md` policies, `quizzes/**/*.md`
/// quizzes, other `.md` files pages, and everything else an asset. Then cross-checks: duplicate
/// policy, quiz and control ids; quizzes covering unknown policies; quiz audiences unknown to the
/// roster (when given); controls naming unknown quizzes; `{{ controls.ID.PARAM }}` references in
/// policy prose (see ``ParameterQuoting``; a policy quotes its own controls).
public enum HandbookLoader {
    public struct Options: Sendable {
        /// Include draft policies, pages and quizzes.
        public var includeDrafts: Bool
        /// The roster, when known, so that quiz audiences can be validated against its groups.
        public var roster: Roster?
        public init(includeDrafts: Bool = false, roster: Roster? = nil) {
            self.includeDrafts = includeDrafts
            self.roster = roster
        }
    }

    /// Loads `root/content`. Returns the handbook when there are no errors (warnings allowed), nil
    /// otherwise; diagnostics always, all of them. Paths in diagnostics are relative to `root`.
    /// Drafts are validated but left out unless `options.includeDrafts`.
    public static func load(root: String, options: Options = Options()) -> (
        handbook: Handbook?, diagnostics: [Diagnostic]
    ) {
        HandbookFiles.read(root: root, options: options).handbook()
    }

    /// Ids unique, and every reference resolves. Items left out as drafts are checked against
    /// everything; items kept may only refer to items kept.
    static func crossCheck(
        policyOutputs: [PolicyReader.Output], quizOutputs: [QuizReader.Output], options: Options
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func describe(_ location: SourceLocation?) -> String {
            location.map { "\($0.path):\($0.line):\($0.column)" } ?? "another file"
        }
        func checkUnique(_ what: String, _ items: [(id: String, location: SourceLocation?)]) {
            var first: [String: SourceLocation?] = [:]
            for item in items {
                if let earlier = first[item.id] {
                    diagnostics.append(
                        .error(
                            "duplicate \(what) id '\(item.id)' (first declared at \(describe(earlier)))",
                            at: item.location))
                } else {
                    first[item.id] = item.location
                }
            }
        }
        checkUnique("policy", policyOutputs.compactMap { output in output.id.map { ($0, output.idLocation) } })
        checkUnique("quiz", quizOutputs.compactMap { output in output.id.map { ($0, output.idLocation) } })
        let controls = policyOutputs.compactMap(\.policy).flatMap(\.controls)
        checkUnique("control", controls.map { ($0.id, $0.location) })

        let keep = options.includeDrafts
        let allPolicies = Set(policyOutputs.compactMap(\.id))
        let draftPolicies = Set(policyOutputs.compactMap { $0.policy?.draft == true ? $0.id : nil })
        let allQuizzes = Set(quizOutputs.compactMap(\.id))
        let draftQuizzes = Set(quizOutputs.compactMap { $0.quiz?.draft == true ? $0.id : nil })

        func check(
            _ reference: ContentReference, kind: String, all: Set<String>, drafts: Set<String>, fromKeptItem: Bool,
            context: String
        ) {
            if !all.contains(reference.name) {
                let known = all.sorted().joined(separator: ", ")
                diagnostics.append(
                    .error(
                        "\(context) unknown \(kind) '\(reference.name)'; known \(kind) ids: \(known.isEmpty ? "none" : known)",
                        at: reference.location))
            } else if fromKeptItem, !keep, drafts.contains(reference.name) {
                diagnostics.append(
                    .error(
                        "\(context) \(kind) '\(reference.name)', which is a draft and left out (build with --drafts to include it)",
                        at: reference.location))
            }
        }
        for output in quizOutputs {
            let kept = keep || output.quiz?.draft != true
            for reference in output.policyReferences {
                check(
                    reference, kind: "policy", all: allPolicies, drafts: draftPolicies, fromKeptItem: kept,
                    context: "quiz covers")
            }
            if let roster = options.roster {
                let groups = roster.groups
                for reference in output.audienceReferences where !groups.contains(reference.name) {
                    let source = roster.sourcePath.map { " (\($0))" } ?? ""
                    diagnostics.append(
                        .error(
                            "audience group '\(reference.name)' is not a group of anyone in the roster\(source); known groups: \(groups.sorted().joined(separator: ", "))",
                            at: reference.location))
                }
            }
        }
        let acknowledged = Set(policyOutputs.compactMap { $0.policy?.acknowledge == true ? $0.id : nil })
        for output in policyOutputs {
            let kept = keep || output.policy?.draft != true
            for reference in output.quizReferences {
                check(
                    reference, kind: "quiz", all: allQuizzes, drafts: draftQuizzes, fromKeptItem: kept,
                    context: "control names")
            }
            for reference in output.policyReferences {
                let errorsBefore = diagnostics.count
                check(
                    reference, kind: "policy", all: allPolicies, drafts: draftPolicies, fromKeptItem: kept,
                    context: "control names")
                if diagnostics.count == errorsBefore, !acknowledged.contains(reference.name) {
                    diagnostics.append(
                        .error(
                            "control names policy '\(reference.name)', which asks for no acceptance; add 'acknowledge: true' to its front matter",
                            at: reference.location))
                }
            }
            if let roster = options.roster {
                let groups = roster.groups
                for reference in output.audienceReferences where !groups.contains(reference.name) {
                    let source = roster.sourcePath.map { " (\($0))" } ?? ""
                    diagnostics.append(
                        .error(
                            "acknowledge_audience group '\(reference.name)' is not a group of anyone in the roster\(source); known groups: \(groups.sorted().joined(separator: ", "))",
                            at: reference.location))
                }
            }
        }
        return diagnostics
    }

    /// Files under `path`, relative to `content/`, in byte order of their names; hidden files and the
    /// top-level `data/` folder are skipped.
    static func listFiles(
        in path: String, relativePath: String, into files: inout [String], visited: inout Set<String>,
        diagnostics: inout [Diagnostic]
    ) {
        // A folder reached twice (through a symbolic link) would otherwise be walked forever.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard visited.insert(resolved).inserted else {
            diagnostics.append(
                .error(
                    "folder is reached twice through a symbolic link; skipped",
                    at: SourceLocation(path: "content/" + relativePath)))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            diagnostics.append(
                .error(
                    "cannot read folder: \(error.localizedDescription)",
                    at: SourceLocation(path: "content/" + relativePath)))
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            if relativePath.isEmpty, name == "data" { continue }
            let fullPath = (path as NSString).appendingPathComponent(name)
            let relative = relativePath.isEmpty ? name : relativePath + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: fullPath, isDirectory: &isDirectory) else {
                diagnostics.append(
                    .error("cannot read '\(name)' (a broken link?)", at: SourceLocation(path: "content/" + relative)))
                continue
            }
            if isDirectory.boolValue {
                listFiles(
                    in: fullPath, relativePath: relative, into: &files, visited: &visited, diagnostics: &diagnostics)
            } else {
                files.append(relative)
            }
        }
    }
}
