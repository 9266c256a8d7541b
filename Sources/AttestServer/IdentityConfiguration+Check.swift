extension IdentityConfiguration {
    /// Refuses identity settings that would let a request round the identity rules:
    ///
    /// - a dev identity with a trusted proxy: every request that reaches the port without the proxy's
    ///   secret (from the network, not through the proxy) would be signed in as the dev identity;
    /// - a dev identity on an address other than loopback (`127.0.0.0/8`, `::1`, `localhost`):
    ///   everyone who can reach the port would be signed in.
    ///
    /// `attest serve` checks this before anything else (exit 2), and ``AttestServer`` on creation.
    public static func check(devIdentity: String?, trustedProxy: Bool, host: String) throws(ServerSetupError) {
        guard let devIdentity else { return }
        if trustedProxy {
            throw .badOption(
                "--dev-identity cannot be combined with --trusted-header: every request that reaches the port "
                    + "without the proxy's secret would be signed in as \(devIdentity). Behind a proxy, sign in "
                    + "through it; for a local trial, drop --trusted-header and --proxy-secret-file.")
        }
        guard ServerSettings.isLoopback(host) else {
            throw .badOption(
                "--dev-identity signs every visitor in as \(devIdentity), so the server only listens on a loopback "
                    + "address with it (127.0.0.1, ::1 or localhost), not '\(host)'. To let others sign in, use "
                    + "a single-sign-on proxy (--trusted-header) or invitation links (`attest training invite`).")
        }
    }
}
