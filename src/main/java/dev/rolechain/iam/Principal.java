package dev.rolechain.iam;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM knows of a request's principal, and how a Principal element value matches it (IAM User
 * Guide, "AWS JSON policy elements: Principal"): an account (id or {@code :root} ARN) stands for every
 * principal of that account; a role ARN matches the role's sessions
 * ({@code arn:aws:sts::ACCT:assumed-role/NAME/SESSION}); {@code "*"} matches everyone.
 */
public final class Principal {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT = Pattern.compile("arn:([^:]+):iam::(\\d{12}):root");
    private static final Pattern ROLE = Pattern.compile("arn:([^:]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final Pattern SESSION = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/(.+)");
    private static final Pattern IAM_ARN = Pattern.compile("arn:([^:]+):(?:iam|sts)::(\\d{12}):.+");

    private Principal() {
    }

    /** The principal type a request principal is: AWS, Service or Federated. */
    public static String typeOf(String principal) {
        if (principal.contains(":oidc-provider/") || principal.contains(":saml-provider/")
                || principal.equals("cognito-identity.amazonaws.com") || principal.equals("www.amazon.com")
                || principal.equals("graph.facebook.com") || principal.equals("accounts.google.com")) {
            return "Federated";
        }
        if (principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn")) {
            return "Service";
        }
        return "AWS";
    }

    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):(?:oidc|saml)-provider/.+");

    /** The account of an IAM OIDC or SAML provider ARN, or null for any other principal. */
    public static String providerAccount(String principal) {
        Matcher m = PROVIDER_ARN.matcher(principal);
        return m.matches() ? m.group(1) : null;
    }

    /** The account of an AWS principal (id, root, user, role or session ARN), or null. */
    public static String accountOf(String principal) {
        if (ACCOUNT_ID.matcher(principal).matches()) {
            return principal;
        }
        Matcher m = IAM_ARN.matcher(principal);
        return m.matches() ? m.group(2) : null;
    }

    /** Whether the value of a Principal element of the given type names the request principal. */
    public static boolean matches(String type, String value, String principal) {
        String requestType = typeOf(principal);
        if (type.equals("AWS")) {
            if (!requestType.equals("AWS")) {
                return false;
            }
            if (value.equals("*")) {
                return true;
            }
            String account = accountOf(principal);
            if (ACCOUNT_ID.matcher(value).matches()) {
                return value.equals(account);
            }
            Matcher root = ROOT.matcher(value);
            if (root.matches()) {
                return root.group(2).equals(account);
            }
            if (value.equals(principal)) {
                return true;
            }
            Matcher role = ROLE.matcher(value);
            Matcher session = SESSION.matcher(principal);
            if (role.matches() && session.matches()) {
                return role.group(1).equals(session.group(1)) && role.group(2).equals(session.group(2))
                        && role.group(3).equals(session.group(3));
            }
            return false;
        }
        if (!type.equals(requestType)) {
            return false;
        }
        if (type.equals("Service")) {
            return value.toLowerCase(Locale.ROOT).equals(principal.toLowerCase(Locale.ROOT));
        }
        return value.equals(principal);
    }

    /**
     * Whether an AWS Principal value is a role ARN that names the request principal (the role, or a session of
     * it) when role names are compared regardless of letter case, as IAM keeps them unique; the same partition,
     * account and path otherwise.
     */
    public static boolean matchesRoleIgnoringCase(String value, String principal) {
        Matcher role = ROLE.matcher(value);
        if (!role.matches()) {
            return false;
        }
        Matcher session = SESSION.matcher(principal);
        if (session.matches()) {
            return role.group(1).equals(session.group(1)) && role.group(2).equals(session.group(2))
                    && role.group(3).equalsIgnoreCase(session.group(3));
        }
        Matcher other = ROLE.matcher(principal);
        return other.matches() && value.substring(0, value.length() - role.group(3).length())
                .equals(principal.substring(0, principal.length() - other.group(3).length()))
                && role.group(3).equalsIgnoreCase(other.group(3));
    }

    /** Whether an AWS Principal value names a whole account (id or root ARN) rather than one principal. */
    public static boolean isAccount(String value) {
        return ACCOUNT_ID.matcher(value).matches() || ROOT.matcher(value).matches();
    }

    /** The role ARN a session ARN is a session of, or null when it is not a session. */
    public static String sessionRole(String principal) {
        Matcher m = SESSION.matcher(principal);
        return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : null;
    }

    /** The ARN of a role session. */
    public static String session(String partition, String accountId, String roleName, String sessionName) {
        return "arn:" + partition + ":sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
    }
}
