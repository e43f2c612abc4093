package dev.rolechain.setup;

import java.util.List;

/**
 * Checks that a policy document is valid IAM JSON. The setup package knows no IAM; the composition
 * root hands it the IAM parser through this interface.
 */
@FunctionalInterface
public interface PolicyCheck {
    /** The problems of the document (JSON text), empty when it is valid. */
    List<String> problems(String json);
}
