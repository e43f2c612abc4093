package dev.rolechain.inspect;

import dev.rolechain.iam.AuthorizationDetails;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyInputs;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a file saved by {@code aws iam get-account-authorization-details} (one account): its roles
 * with trust, inline and attached policies, boundary and tags, and the managed policies' default
 * versions. Policy documents may be JSON objects (as the AWS CLI writes them), JSON text, or
 * URL-encoded JSON text (as the API returns them). Users and groups are not read. The file is parsed by
 * {@link AuthorizationDetails}; this groups its roles into accounts.
 */
public final class DumpReader {

    /** A dump that cannot be read: the message names the file, the line and what is wrong. */
    public static final class DumpException extends RuntimeException {
        public DumpException(String message) {
            super(message);
        }
    }

    /** A dump of one account; a dump that holds several is refused (see {@link #readAll(Path)}). */
    public AccountSnapshot read(Path file) {
        return one(file.toString(), readAll(file));
    }

    public AccountSnapshot read(String name, Reader reader) throws IOException {
        return one(name, readAll(name, reader));
    }

    private static AccountSnapshot one(String name, List<AccountSnapshot> accounts) {
        if (accounts.size() != 1) {
            throw new DumpException(name + ": holds " + accounts.size() + " accounts ("
                    + String.join(", ", accounts.stream().map(AccountSnapshot::accountId).toList()) + ")");
        }
        return accounts.get(0);
    }

    /** Every account a dump holds (an organization's tools write one file for several), in the order they appear. */
    public List<AccountSnapshot> readAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readAll(file.toString(), reader);
        } catch (IOException e) {
            throw new DumpException(file + ": cannot read: " + e.getMessage());
        }
    }

    public List<AccountSnapshot> readAll(String name, Reader reader) throws IOException {
        AuthorizationDetails.Details details;
        try {
            details = AuthorizationDetails.read(name, reader);
        } catch (PolicyInputs.InputException e) {
            throw new DumpException(e.file() + ": line " + e.line() + (e.column() > 0 ? ", column " + e.column() : "")
                    + ": " + e.detail());
        }
        Map<String, PolicyDocument> managed = new TreeMap<>(details.managedPolicies());
        String partition = "aws";
        Map<String, List<Role>> byAccount = new LinkedHashMap<>();
        for (AuthorizationDetails.RoleDetail role : details.roles()) {
            String arn = role.arn();
            if (byAccount.isEmpty()) {
                partition = arn.split(":")[1];
            }
            List<Role> parsed = byAccount.computeIfAbsent(role.accountId(), k -> new ArrayList<>());
            Map<String, PolicyDocument> inline = new LinkedHashMap<>();
            role.inlinePolicies().forEach(p -> inline.put(p.name(), p.document()));
            // the Arn is the role's identity (trusts name it): its path and name come from there, so that the node is
            // the Arn even where Path is "" or RoleName says otherwise
            String resource = arn.substring(arn.indexOf(":role/") + ":role".length());
            String arnPath = resource.substring(0, resource.lastIndexOf('/') + 1);
            String arnName = resource.substring(resource.lastIndexOf('/') + 1);
            parsed.add(new Role(arnName, arnPath, role.description(), role.trust(), inline, role.attachedPolicyArns(),
                    role.maxSessionDuration(), role.permissionsBoundaryArn(), role.tags()));
        }
        if (byAccount.isEmpty()) {
            // an account without roles: its customer policies say which it is, or the file name of a saved folder
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?:^|[/\\\\])(\\d{12})\\.json$").matcher(name);
            String account = managed.keySet().stream().map(Principal::accountOf).filter(a -> a != null)
                    .findFirst().or(() -> named.find() ? java.util.Optional.of(named.group(1)) : java.util.Optional.empty())
                    .orElseThrow(() -> new DumpException(name
                            + ": no role and no customer managed policy: cannot tell which account this dump is of"));
            byAccount.put(account, new ArrayList<>());
        }
        List<AccountSnapshot> accounts = new ArrayList<>();
        for (Map.Entry<String, List<Role>> e : byAccount.entrySet()) {
            // the managed policies of the dump are every account's to read (AWS's, and each customer policy by ARN)
            accounts.add(new AccountSnapshot(e.getKey(), partition, new IamAccount(e.getKey(), List.<OidcProvider>of(),
                    e.getValue()), List.of(), managed, byAccount.size() == 1 ? name : name + " (" + e.getKey() + ")", false));
        }
        return accounts;
    }
}
