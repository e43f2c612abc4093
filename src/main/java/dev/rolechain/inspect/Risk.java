package dev.rolechain.inspect;

/** One member of the risky set: the node at risk (or risky itself) and why. */
public record Risk(String node, String reason) {
}
