import Foundation

/// A validator from PyPI (jsonschema, compliance-trestle), run by a test as `python3 -c CODE ARGUMENTS`.
/// A missing python3 or module throws ``Unavailable``, which fails the test with what to install:
/// a validator that is not there never lets a test pass. `.ci/install-deps validators` installs them.
struct PythonValidator {
    /// Python that exits non-zero, saying what is missing, when the validator cannot run in full.
    var probe: String
    /// Exits 0 when the document is valid; otherwise prints why and exits non-zero.
    var code: String

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Validates JSON against a JSON Schema, formats included (`uri`, `uri-reference`, `date-time`,
    /// which jsonschema checks only with rfc3986-validator and rfc3339-validator): arguments SCHEMA DOCUMENT.
    static let jsonSchema = PythonValidator(
        probe: """
            import sys, jsonschema
            checkers = set(jsonschema.Draft7Validator.FORMAT_CHECKER.checkers)
            missing = sorted({"uri", "uri-reference", "date-time"} - checkers)
            if missing:
                sys.exit("jsonschema cannot check the formats " + ", ".join(missing)
                         + ": the PyPI packages rfc3986-validator and rfc3339-validator are missing")
            """,
        code: """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(document),
                            key=lambda e: [str(p) for p in e.absolute_path])
            for error in errors[:20]:
                print("/".join(str(p) for p in error.absolute_path) or "(document)", ":", error.message[:500])
            sys.exit(1 if errors else 0)
            """)

    /// Validates an OSCAL assessment-results document (JSON) with compliance-trestle's OSCAL models
    /// (pydantic; unknown fields are errors): argument DOCUMENT.
    static let oscalAssessmentResults = PythonValidator(
        probe: "import trestle.oscal.assessment_results",
        code: """
            import sys, pydantic
            from trestle.oscal.assessment_results import Model
            try:
                Model.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
            except pydantic.ValidationError as error:
                print(error)
                sys.exit(1)
            """)

    /// Runs the validator on `arguments`: whether it accepted them, and what it printed.
    func validate(_ arguments: [String]) throws -> (valid: Bool, output: String) {
        let probed = try Self.python(["-c", probe])
        if probed.status == 127 {
            throw Unavailable(description: "python3 not found on PATH: run `bash .ci/install-deps validators`")
        }
        guard probed.status == 0 else {
            throw Unavailable(
                description: "the validator cannot run: run `bash .ci/install-deps validators`\n\(probed.output)")
        }
        let run = try Self.python(["-c", code] + arguments)
        return (run.status == 0, run.output)
    }

    private static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
