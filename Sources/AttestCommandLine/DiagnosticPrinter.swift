import HandbookContent

/// Prints diagnostics to standard error in the compiler's form, errors and warnings together,
/// sorted by location, followed by a count.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics.sortedByLocation() { text += diagnostic.description + "\n" }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if !counts.isEmpty { text += counts.joined(separator: ", ") + " generated.\n" }
        StandardError.write(text)
    }
}
