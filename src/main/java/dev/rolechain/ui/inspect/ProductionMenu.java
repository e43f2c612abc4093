package dev.rolechain.ui.inspect;

import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tooltip;

/** Inspect's "Production accounts": one item per inspected account; ticked, its roles count as production. */
final class ProductionMenu {
    private final MenuButton button = new MenuButton();
    private final BiConsumer<String, Boolean> marked;

    /** {@code marked} is told each account the user ticks (true) or clears (false). */
    ProductionMenu(ResourceBundle bundle, BiConsumer<String, Boolean> marked) {
        Texts texts = new Texts(bundle);
        this.marked = marked;
        button.setId("inspectProductionAccounts");
        button.setText(texts.text("inspect.production"));
        button.setTooltip(new Tooltip(texts.text("inspect.production.help")));
    }

    MenuButton button() {
        return button;
    }

    /** The inspected accounts, those in {@code production} ticked. */
    void fill(List<String> accounts, Set<String> production) {
        button.getItems().setAll(accounts.stream().map(account -> {
            CheckMenuItem item = new CheckMenuItem(account);
            item.setId("inspectProduction-" + account);
            item.setSelected(production.contains(account));
            item.setOnAction(e -> marked.accept(account, item.isSelected()));
            return item;
        }).toList());
    }

    /** Ticks or clears an account, as its item does. */
    void mark(String account, boolean production) {
        button.getItems().stream().filter(i -> account.equals(i.getText()) && i instanceof CheckMenuItem)
                .forEach(i -> ((CheckMenuItem) i).setSelected(production));
        marked.accept(account, production);
    }
}
