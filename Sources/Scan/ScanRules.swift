import Foundation
import HandbookContent
import Secrets

/// The catalogue a handbook scans with: the built-in rules, then its own from
/// `content/scan-rules.yml`. The same catalogue is meant for every redaction of that handbook's
/// outputs, so that what the scanner recognises no report prints.
public enum ScanRules {
    /// The catalogue of the handbook at `root` (the built-in one when it has no rule file), or nil
    /// with diagnostics when the file is malformed.
    public static func catalogue(root: String) -> (catalogue: SecretCatalogue?, diagnostics: [Diagnostic]) {
        let url = URL(fileURLWithPath: root).appendingPathComponent(ScanRulesReader.relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return (.builtIn, []) }
        let path = ScanRulesReader.relativePath
        guard let data = try? Data(contentsOf: url) else {
            return (nil, [.error("cannot read this file", at: SourceLocation(path: path))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error("the file is not UTF-8 text", at: SourceLocation(path: path))])
        }
        return catalogue(text: text, path: path)
    }

    /// The built-in rules and those of the rule file `text` (shown as `path`).
    public static func catalogue(text: String, path: String) -> (catalogue: SecretCatalogue?, diagnostics: [Diagnostic])
    {
        let (definitions, readDiagnostics) = ScanRulesReader.read(text: text, path: path)
        var diagnostics = readDiagnostics
        var rules = SecretCatalogue.builtInRules
        for definition in definitions {
            if SecretCatalogue.builtIn.rule(id: definition.id) != nil {
                diagnostics.append(
                    .error("rule id '\(definition.id)' is a built-in rule's; choose another", at: definition.location))
                continue
            }
            rules.append(rule(definition))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (SecretCatalogue(rules: rules), diagnostics)
    }

    /// The catalogue rule of a definition.
    static func rule(_ definition: ScanRuleDefinition) -> SecretRule {
        SecretRule(
            id: definition.id, title: definition.title,
            severity: SecretSeverity(rawValue: definition.severity) ?? .high, prefix: definition.prefix,
            alphabet: ByteSet(definition.alphabet), length: definition.minLength...definition.maxLength,
            minimumEntropy: definition.minimumEntropy, isSecret: definition.severity != "info")
    }
}
