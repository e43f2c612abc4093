package dev.rolechain.ui.wizard;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The GitHub token the user typed in this window, shared by the pages that call GitHub's API. Held in memory
 * only: never saved, never logged; empty means the environment's (GITHUB_TOKEN, GH_TOKEN, gh auth token).
 */
final class GitHubSession {
    private final StringProperty token = new SimpleStringProperty(this, "token", "");

    StringProperty tokenProperty() {
        return token;
    }

    String token() {
        return token.get();
    }
}
