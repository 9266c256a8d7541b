/// A plausible secret in one run of bytes (a file, an archive entry or a blob), before it is
/// placed in a file or a commit: where it stands and what it is, never the secret itself.
struct ContentHit: Sendable, Hashable {
    var ruleIndex: Int
    var line: Int
    var column: Int
    var sha256: String
    var redacted: String
    /// The file inside an archive blob that holds it (`assets/config.json`), nil for a plain blob.
    var entry: String? = nil
}
