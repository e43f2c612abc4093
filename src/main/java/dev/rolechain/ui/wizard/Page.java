package dev.rolechain.ui.wizard;

/** A wizard page's controller, as the wizard window sees it. */
interface Page {
    /** Brings the control of the Setup field at {@code path} into view and focuses it. */
    default void focus(String path) {
    }

    /** The page became the current one. */
    default void shown() {
    }
}
