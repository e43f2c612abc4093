package dev.rolechain.inspect;

/**
 * A node of the trust graph. A role's id is its ARN, a provider's its ARN; the other kinds have ids
 * of the form {@code kind:value} ({@code service:ec2.amazonaws.com}, {@code account:111111111111},
 * {@code principal:*}, {@code github-subject:<issuer>:<sub>}).
 *
 * @param account the account it belongs to, or null (services, anyone)
 * @param production whether it is a role taken to be production (by tag, account or Setup)
 * @param inspected whether its account was read (a role or provider seen, not only named by a trust)
 */
public record Node(String id, NodeKind kind, String label, String account, boolean production, boolean inspected) {
}
