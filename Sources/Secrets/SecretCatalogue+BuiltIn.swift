extension SecretCatalogue {
    /// The rules Attest ships: Stripe's keys and webhook secrets, AWS access keys, and the tokens
    /// of a few services whose secrets often sit beside them (GitHub, Slack, GitLab, Google).
    public static let builtInRules: [SecretRule] = {
        let stripeBody = 16...247
        func stripe(_ id: String, _ title: String, _ severity: SecretSeverity, _ prefix: String, secret: Bool = true)
            -> SecretRule
        {
            SecretRule(
                id: id, title: title, severity: severity, prefix: prefix, alphabet: .alphanumeric, length: stripeBody,
                minimumEntropy: 3.0, isSecret: secret)
        }
        func token(_ id: String, _ title: String, _ prefix: String, _ alphabet: ByteSet, _ length: ClosedRange<Int>)
            -> SecretRule
        {
            SecretRule(
                id: id, title: title, severity: .high, prefix: prefix, alphabet: alphabet, length: length,
                minimumEntropy: 3.0)
        }
        let awsID = ByteSet.upperAlphanumeric
        return [
            stripe("stripe-secret-live", "Stripe live secret key", .high, "sk_live_"),
            stripe("stripe-secret-test", "Stripe test secret key", .medium, "sk_test_"),
            stripe("stripe-restricted-live", "Stripe live restricted key", .high, "rk_live_"),
            stripe("stripe-restricted-test", "Stripe test restricted key", .medium, "rk_test_"),
            stripe("stripe-webhook-secret", "Stripe webhook signing secret", .high, "whsec_"),
            stripe(
                "stripe-publishable-live", "Stripe live publishable key (public by design)", .info, "pk_live_",
                secret: false),
            SecretRule(
                id: "aws-access-key-id", title: "AWS access key id", severity: .info, prefix: "AKIA", alphabet: awsID,
                length: 16...16, isSecret: false),
            SecretRule(
                id: "aws-temporary-access-key-id", title: "AWS temporary access key id", severity: .info,
                prefix: "ASIA",
                alphabet: awsID, length: 16...16, isSecret: false),
            SecretRule(
                id: "aws-secret-access-key", title: "AWS secret access key", severity: .high, prefix: "",
                alphabet: .base64, length: 40...40, minimumEntropy: 3.5,
                keywords: ["aws", "akia", "asia", "secret_access_key", "secretaccesskey"], requiresMixedCase: true),
            token(
                "github-fine-grained-token", "GitHub fine-grained personal access token", "github_pat_",
                ByteSet("A-Za-z0-9_"), 16...255),
            token("github-token", "GitHub personal access token", "ghp_", .alphanumeric, 16...255),
            token("github-oauth-token", "GitHub OAuth token", "gho_", .alphanumeric, 16...255),
            token("github-user-token", "GitHub user-to-server token", "ghu_", .alphanumeric, 16...255),
            token("github-server-token", "GitHub server-to-server token", "ghs_", .alphanumeric, 16...255),
            token("github-refresh-token", "GitHub refresh token", "ghr_", .alphanumeric, 16...255),
            token("slack-bot-token", "Slack bot token", "xoxb-", ByteSet("A-Za-z0-9-"), 16...255),
            token("slack-user-token", "Slack user token", "xoxp-", ByteSet("A-Za-z0-9-"), 16...255),
            token("slack-app-token", "Slack app token", "xoxa-", ByteSet("A-Za-z0-9-"), 16...255),
            token("gitlab-token", "GitLab personal access token", "glpat-", ByteSet("A-Za-z0-9_-"), 16...255),
            token("google-api-key", "Google API key", "AIza", ByteSet("A-Za-z0-9_-"), 16...255),
        ]
    }()

    /// The built-in rules alone.
    public static let builtIn = SecretCatalogue(rules: builtInRules)
}
