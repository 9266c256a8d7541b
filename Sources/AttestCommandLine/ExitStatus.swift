import ArgumentParser

/// Attest's documented exit codes.
public enum ExitStatus {
    /// Everything passed.
    public static let success: Int32 = 0
    /// The command ran and found problems (audit failures, a broken training chain).
    public static let findings: Int32 = 1
    /// Bad input or usage; nothing was written.
    public static let badInput: Int32 = 2
}

extension ExitCode {
    static let findings = ExitCode(ExitStatus.findings)
    static let badInput = ExitCode(ExitStatus.badInput)
}
