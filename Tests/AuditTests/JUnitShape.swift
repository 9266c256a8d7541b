import Foundation

// XMLDocument is in FoundationXML on Linux (swift-corelibs-foundation). Imported unconditionally:
// without it these tests do not compile, so they cannot pass by compiling to nothing.
#if canImport(Darwin)
    import Foundation
#else
    import FoundationXML
#endif

/// A JUnit XML report parsed and checked against the shape CI servers read (the common JUnit schema
/// of Jenkins and GitLab): `<testsuites name tests failures errors>` holding `<testsuite name tests
/// failures errors skipped>` elements, each with optional `<properties>` of `<property name value>`,
/// then `<testcase classname name>` elements holding at most one `<failure message type>`, `<error>`
/// or `<skipped>`, and optional `<system-out>`/`<system-err>`. Every count must match the elements.
struct JUnitShape {
    struct TestCase: Equatable {
        var className: String
        var name: String
        /// The failure's `type`, `message` and text, when the test case failed.
        var failure: Failure?
        var systemOut: String?
    }

    struct Failure: Equatable {
        var type: String
        var message: String
        var text: String
    }

    struct Suite {
        var name: String
        var properties: [String: String] = [:]
        var testCases: [TestCase] = []
    }

    var suites: [Suite] = []
    /// Every way the document departs from the shape; empty when it conforms.
    var problems: [String] = []

    /// The text is not well-formed XML.
    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `xml` (throws ``NotWellFormed`` when it is not well-formed XML) and records every
    /// departure from the shape.
    init(_ xml: String) throws {
        // XMLDocument recovers from malformed XML (libxml2's recovery mode) rather than fail, so the
        // stream parser decides whether the text is XML at all. On Linux its `parse()` returns true for
        // some malformed documents (an unclosed or a second root element) while it records the error
        // in `parserError`: both must say the text is well-formed.
        let parser = XMLParser(data: Data(xml.utf8))
        let parsed = parser.parse()
        if !parsed || parser.parserError != nil {
            throw NotWellFormed(
                description:
                    "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "not XML")"
            )
        }
        let document = try XMLDocument(xmlString: xml, options: [])
        guard let root = document.rootElement() else {
            problems.append("no root element")
            return
        }
        guard root.name == "testsuites" else {
            problems.append("the root element is <\(root.name ?? "")>, expected <testsuites>")
            return
        }
        let total = check(root, required: ["name", "tests", "failures", "errors"], optional: ["time", "skipped"])
        var sums = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for element in elements(root, allowed: ["testsuite"], in: "<testsuites>") {
            let counts = readSuite(element)
            sums.tests += counts.tests
            sums.failures += counts.failures
            sums.errors += counts.errors
            sums.skipped += counts.skipped
        }
        if suites.isEmpty { problems.append("<testsuites> holds no <testsuite>") }
        expect(total["tests"], sums.tests, "<testsuites tests>")
        expect(total["failures"], sums.failures, "<testsuites failures>")
        expect(total["errors"], sums.errors, "<testsuites errors>")
        if total["skipped"] != nil { expect(total["skipped"], sums.skipped, "<testsuites skipped>") }
    }

    private mutating func readSuite(_ element: XMLElement) -> (tests: Int, failures: Int, errors: Int, skipped: Int) {
        let declared = check(
            element, required: ["name", "tests", "failures", "errors", "skipped"],
            optional: ["time", "timestamp", "hostname", "id", "package"])
        var suite = Suite(name: element.attribute(forName: "name")?.stringValue ?? "")
        var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
        let children = elements(
            element, allowed: ["properties", "testcase", "system-out", "system-err"], in: "<testsuite>")
        for (index, child) in children.enumerated() {
            switch child.name {
            case "properties":
                if index != 0 { problems.append("<properties> is not the first child of <testsuite>") }
                for property in elements(child, allowed: ["property"], in: "<properties>") {
                    _ = check(property, required: ["name", "value"], optional: [])
                    if let name = property.attribute(forName: "name")?.stringValue {
                        if suite.properties[name] != nil { problems.append("property '\(name)' is listed twice") }
                        suite.properties[name] = property.attribute(forName: "value")?.stringValue ?? ""
                    }
                }
            case "testcase":
                counts.tests += 1
                _ = check(child, required: ["name", "classname"], optional: ["time", "file", "line", "assertions"])
                var testCase = TestCase(
                    className: child.attribute(forName: "classname")?.stringValue ?? "",
                    name: child.attribute(forName: "name")?.stringValue ?? "")
                let outcomes = elements(
                    child, allowed: ["failure", "error", "skipped", "system-out", "system-err"],
                    in: "<testcase name=\"\(testCase.name)\">")
                let verdicts = outcomes.filter { ["failure", "error", "skipped"].contains($0.name ?? "") }
                if verdicts.count > 1 { problems.append("test case '\(testCase.name)' has \(verdicts.count) verdicts") }
                for outcome in outcomes {
                    switch outcome.name {
                    case "failure":
                        counts.failures += 1
                        _ = check(outcome, required: ["message", "type"], optional: [])
                        testCase.failure = Failure(
                            type: outcome.attribute(forName: "type")?.stringValue ?? "",
                            message: outcome.attribute(forName: "message")?.stringValue ?? "",
                            text: outcome.stringValue ?? "")
                    case "error":
                        counts.errors += 1
                        _ = check(outcome, required: ["message", "type"], optional: [])
                    case "skipped":
                        counts.skipped += 1
                        _ = check(outcome, required: [], optional: ["message"])
                    case "system-out":
                        testCase.systemOut = outcome.stringValue ?? ""
                    default:
                        break
                    }
                    if outcome.name != "failure" && outcome.name != "error",
                        outcome.children?.contains(where: { $0.kind == .element }) == true
                    {
                        problems.append("<\(outcome.name ?? "")> of '\(testCase.name)' holds elements")
                    }
                }
                suite.testCases.append(testCase)
            default:
                break
            }
        }
        let where_ = "<testsuite name=\"\(suite.name)\">"
        expect(declared["tests"], counts.tests, "\(where_) tests")
        expect(declared["failures"], counts.failures, "\(where_) failures")
        expect(declared["errors"], counts.errors, "\(where_) errors")
        expect(declared["skipped"], counts.skipped, "\(where_) skipped")
        suites.append(suite)
        return counts
    }

    /// Checks that `element` has every `required` attribute, no attribute outside `required` and
    /// `optional`, and no empty name; returns the count attributes (tests, failures…) as numbers.
    private mutating func check(_ element: XMLElement, required: Set<String>, optional: Set<String>) -> [String: Int] {
        let label = "<\(element.name ?? "")>"
        var attributes: [String: String] = [:]
        for attribute in element.attributes ?? [] {
            attributes[attribute.name ?? ""] = attribute.stringValue ?? ""
        }
        for name in required.sorted() where attributes[name] == nil {
            problems.append("\(label) has no \(name) attribute")
        }
        for name in attributes.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            problems.append("\(label) has an unknown attribute \(name)")
        }
        if let name = attributes["name"], name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("\(label) has an empty name")
        }
        var numbers: [String: Int] = [:]
        for name in ["tests", "failures", "errors", "skipped", "assertions"] {
            guard let text = attributes[name] else { continue }
            if let number = Int(text), number >= 0 {
                numbers[name] = number
            } else {
                problems.append("\(label) \(name)=\"\(text)\" is not a count")
            }
        }
        return numbers
    }

    /// The child elements of `element`; any other element than `allowed`, or non-blank text, is a problem.
    private mutating func elements(_ element: XMLElement, allowed: Set<String>, in label: String) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in element.children ?? [] {
            switch child.kind {
            case .element:
                guard let child = child as? XMLElement else { continue }
                if allowed.contains(child.name ?? "") {
                    result.append(child)
                } else {
                    problems.append("\(label) holds an unexpected <\(child.name ?? "")>")
                }
            case .text:
                if !(child.stringValue ?? "").allSatisfy(\.isWhitespace) {
                    problems.append("\(label) holds text outside its elements")
                }
            default:
                break
            }
        }
        return result
    }

    private mutating func expect(_ declared: Int?, _ counted: Int, _ what: String) {
        guard let declared, declared != counted else { return }
        problems.append("\(what) says \(declared), the document holds \(counted)")
    }
}
