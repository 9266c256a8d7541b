import HandbookContent

/// `ip-allowlist {min_prefix_ipv4, min_prefix_ipv6}`: a key in scope fails when it has no IP
/// allowlist, or when an entry is wider than `/min_prefix_ipv4` (IPv4) or `/min_prefix_ipv6`
/// (IPv6). An entry that allows every address (`0.0.0.0/0`, `::/0`) always fails: an allow-all
/// list is no list. A single address is a /32 (or /128); IPv4-mapped IPv6 entries count as the
/// IPv4 networks they map (see ``IPAllowlistEntry/width(of:)``).
public struct IPAllowlistCheck: KeyCheck {
    public let scope: KeyScope
    /// The shortest IPv4 prefix allowed (default 16).
    public let minPrefixIPv4: Int
    /// The shortest IPv6 prefix allowed (default 32).
    public let minPrefixIPv6: Int

    public init(minPrefixIPv4: Int? = nil, minPrefixIPv6: Int? = nil, scope: KeyScope = KeyScope()) {
        let defaults = ControlCatalogue.resolvedParams(check: "ip-allowlist", params: [:])
        self.minPrefixIPv4 = minPrefixIPv4 ?? defaults.integer("min_prefix_ipv4")
        self.minPrefixIPv6 = minPrefixIPv6 ?? defaults.integer("min_prefix_ipv6")
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(
            minPrefixIPv4: params["min_prefix_ipv4"]?.integerValue,
            minPrefixIPv6: params["min_prefix_ipv6"]?.integerValue,
            scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard !key.ipAllowlist.isEmpty else { return finding(key, .fail, .noIPAllowlist) }
        // Nothing allocated for a key whose entries are all narrow enough (most keys).
        guard key.ipAllowlist.contains(where: isTooWide) else { return nil }
        return finding(
            key, .fail,
            .ipAllowlistTooWide(
                entries: key.ipAllowlist.filter(isTooWide), minPrefixIPv4: minPrefixIPv4, minPrefixIPv6: minPrefixIPv6))
    }

    /// Whether `entry` allows every address or more than the bound of its family. An entry that is
    /// not an address or CIDR (the readers reject those) cannot be shown to be narrow, so it fails.
    func isTooWide(_ entry: String) -> Bool {
        guard let width = IPAllowlistEntry.width(of: entry) else { return true }
        return width.prefix == 0 || width.prefix < (width.isIPv6 ? minPrefixIPv6 : minPrefixIPv4)
    }
}
