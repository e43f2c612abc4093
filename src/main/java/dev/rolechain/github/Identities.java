package dev.rolechain.github;

import java.util.Map;

/**
 * Who the tokens of an owner's repositories name, and in which {@code sub} form: the owner (and its
 * numeric id), and per repository its id and whether GitHub issues names, immutable ids, or either while it
 * migrates. Repositories not listed take the default form.
 */
public record Identities(String owner, Long ownerId, Form defaultForm, Map<String, Long> repositoryIds,
        Map<String, Form> forms, SubTemplate defaultTemplate, Map<String, SubTemplate> templates) {

    /** The sub forms of a repository's tokens. */
    public enum Form {
        NAMES, IMMUTABLE, BOTH;

        public boolean admitsNames() {
            return this != IMMUTABLE;
        }

        public boolean admitsIds() {
            return this != NAMES;
        }
    }

    public Identities {
        repositoryIds = Map.copyOf(repositoryIds);
        forms = Map.copyOf(forms);
        defaultTemplate = defaultTemplate == null ? SubTemplate.DEFAULT : defaultTemplate;
        templates = Map.copyOf(templates);
    }

    /** Under GitHub's default sub template. */
    public Identities(String owner, Long ownerId, Form defaultForm, Map<String, Long> repositoryIds, Map<String, Form> forms) {
        this(owner, ownerId, defaultForm, repositoryIds, forms, SubTemplate.DEFAULT, Map.of());
    }

    /** The repository's sub template (its own, else the default). */
    public SubTemplate templateOf(String repository) {
        return templates.getOrDefault(repository, defaultTemplate);
    }

    /** An owner whose tokens name repositories by name only. */
    public static Identities names(String owner) {
        return new Identities(owner, null, Form.NAMES, Map.of(), Map.of());
    }

    public Form formOf(String repository) {
        return forms.getOrDefault(repository, defaultForm);
    }

    public Long idOf(String repository) {
        return repositoryIds.get(repository);
    }
}
