package dev.rolechain.aws;

import dev.rolechain.iam.OidcProvider;

/**
 * One resource as it was before apply first wrote to it: a role (whole: trust and inline policies as
 * text, description, path, maximum session, tags, permissions boundary, attached policies) or an OIDC
 * provider, or the fact that it did not exist. {@code firstBackup} is the backup folder of the apply
 * run that saved this state first: a re-run after a failure keeps the state from before the first run.
 */
public record BackupEntry(String account, String profile, Kind kind, String name, boolean existed, LiveRole role,
        OidcProvider provider, String firstBackup) {

    /** What is backed up. */
    public enum Kind {
        ROLE("role"), OIDC_PROVIDER("oidc-provider");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public static BackupEntry role(String account, String profile, String name, LiveRole live) {
        return new BackupEntry(account, profile, Kind.ROLE, name, live != null, live, null, null);
    }

    public static BackupEntry provider(String account, String profile, String url, OidcProvider live) {
        return new BackupEntry(account, profile, Kind.OIDC_PROVIDER, url, live != null, null, live, null);
    }

    BackupEntry firstSavedIn(String folder) {
        return new BackupEntry(account, profile, kind, name, existed, role, provider, folder);
    }

    /** How the entry is named in messages: {@code 555555555555 role/gha-deploy}. */
    public String label() {
        return account + " " + kind.json() + "/" + (kind == Kind.ROLE ? name : name.replaceFirst("^https://", ""));
    }

    /** The entry's file name in a backup folder (names of roles are safe in file names; provider URLs are made so). */
    String fileName() {
        String id = kind == Kind.ROLE ? name : name.replaceFirst("^https://", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return account + "-" + kind.json() + "-" + id + ".json";
    }
}
