package dev.rolechain.ui.wizard;

import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Answers the file choosers and confirmations as a test tells it to, and records what was asked. */
final class StubDialogs implements FileDialogs {
    Path open;
    Path save;
    Path folder;
    boolean agree;
    List<Path> dumps = List.of();
    Path export;
    final List<String> confirmations = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    public Optional<Path> openSetup(Window owner) {
        return Optional.ofNullable(open);
    }

    @Override
    public Optional<Path> saveSetup(Window owner, String suggestedName) {
        return Optional.ofNullable(save);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner) {
        return Optional.ofNullable(folder);
    }

    @Override
    public List<Path> openDumps(Window owner) {
        return dumps;
    }

    @Override
    public Optional<Path> saveExport(Window owner, String suggestedName, String extension) {
        return Optional.ofNullable(export).map(p -> p.resolveSibling(p.getFileName() + "." + extension));
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String agreeText) {
        confirmations.add(title);
        messages.add(message);
        return agree;
    }
}
