package dev.rolechain.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** The native file choosers, behind an interface so tests answer them without a window. */
public interface FileDialogs {
    Optional<Path> openSetup(Window owner);

    Optional<Path> saveSetup(Window owner, String suggestedName);

    Optional<Path> chooseFolder(Window owner);

    /** Files saved by `aws iam get-account-authorization-details`, for Inspect; empty when none chosen. */
    List<Path> openDumps(Window owner);

    /** Where to export the trust graph in a format (json, dot, mmd, svg, png). */
    Optional<Path> saveExport(Window owner, String suggestedName, String extension);

    /** Asks to confirm something; true when the user agrees. */
    boolean confirm(Window owner, String title, String message, String agree);
}
