package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.GraphExport;
import dev.rolechain.inspect.Risk;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.ui.common.FileDialogs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;

/** Inspect's exports: the graph as JSON, DOT, Mermaid, SVG or PNG, with the query's paths marked. */
final class ExportMenu {
    /** What is shown: the graph, its risks and the query's answer. */
    record Shown(TrustGraph graph, List<Risk> risky, Set<String> riskyIds, TrustQueries.Answer answer) {
    }

    private final Texts texts;
    private final MenuButton button;
    private final FileDialogs dialogs;
    private final GraphCanvas canvas;
    private final Supplier<Shown> shown;
    private final Consumer<String> status;

    ExportMenu(ResourceBundle bundle, MenuButton button, FileDialogs dialogs, GraphCanvas canvas, Supplier<Shown> shown,
            Consumer<String> status) {
        this.texts = new Texts(bundle);
        this.button = button;
        this.dialogs = dialogs;
        this.canvas = canvas;
        this.shown = shown;
        this.status = status;
        button.setId("inspectExport");
        button.setText(text("inspect.export"));
        button.setDisable(true);
        for (String format : List.of("json", "dot", "mmd", "svg", "png")) {
            MenuItem item = new MenuItem(text("inspect.export." + format));
            item.setId("export-" + format);
            item.setOnAction(e -> export(format));
            button.getItems().add(item);
        }
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    private void export(String format) {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        Optional<Path> target = dialogs.saveExport(button.getScene().getWindow(), "trust-graph", format);
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        Set<String> marked = canvas.highlighted();
        try {
            if (format.equals("png")) {
                WritableImage image;
                try {
                    image = canvas.wholeImage();
                } catch (GraphCanvas.TooLarge e) {
                    status.accept(text("inspect.status.pngTooLarge", e.width(), e.height(), GraphCanvas.MAX_SIDE,
                            GraphCanvas.MAX_PIXELS / 1_000_000));
                    return;
                }
                dev.rolechain.ui.common.Png.write(image, file);
            } else {
                String content = switch (format) {
                    case "json" -> GraphExport.json(s.graph(), s.risky(), s.answer());
                    case "dot" -> GraphExport.dot(s.graph(), marked);
                    case "mmd" -> GraphExport.mermaid(s.graph(), marked);
                    default -> SvgExport.svg(s.graph(), canvas.layoutShown(), marked, s.riskyIds());
                };
                ExportWriter.writeAtomically(file, content);
            }
            status.accept(text("inspect.status.exported", file));
        } catch (IOException e) {
            status.accept(text("inspect.status.failed", e.getMessage()));
        }
    }
}
