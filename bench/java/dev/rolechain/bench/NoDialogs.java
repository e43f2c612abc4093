package dev.rolechain.bench;

import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs that choose nothing and decline every confirmation, for benchmarks without a user. */
final class NoDialogs implements FileDialogs {
    @Override
    public Optional<Path> openSetup(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> saveSetup(Window owner, String suggestedName) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(Window owner) {
        return Optional.empty();
    }

    @Override
    public List<Path> openDumps(Window owner) {
        return List.of();
    }

    @Override
    public Optional<Path> saveExport(Window owner, String suggestedName, String extension) {
        return Optional.empty();
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String agree) {
        return false;
    }
}
