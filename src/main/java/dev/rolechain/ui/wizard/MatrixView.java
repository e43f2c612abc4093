package dev.rolechain.ui.wizard;

import dev.rolechain.chain.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The dry-run matrix in a table: a row per token subject (granted or probe), a column per target,
 * cells coloured allowed / denied / unexpected, the hop and reason on hover and for the selected cell.
 * Used on Review (planned documents) and Verify (live documents).
 */
final class MatrixView {
    /**
     * One row of the matrix: a token subject and its cell per target; {@code probe} says what the subject is (the
     * targets that grant it, or the probe it is).
     */
    public record MatrixRow(String subject, String probe, Map<String, Cell> cells) {
    }

    private final TableView<MatrixRow> matrixTable;
    private final Label matrixDetail;
    private final ResourceBundle bundle;

    MatrixView(TableView<MatrixRow> table, Label detail, ResourceBundle bundle) {
        this.matrixTable = table;
        this.matrixDetail = detail;
        this.bundle = bundle;
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> showDetail());
        detail.setText(bundle.getString("review.matrix.legend"));
    }

    void show(List<Cell> cells) {
        List<String> targets = new ArrayList<>();
        Map<String, MatrixRow> rows = new LinkedHashMap<>();
        Map<String, List<String>> grantedBy = new LinkedHashMap<>();
        Map<String, String> probes = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (!targets.contains(cell.target())) {
                targets.add(cell.target());
            }
            rows.computeIfAbsent(cell.subject(), k -> new MatrixRow(cell.subject(), null, new LinkedHashMap<>()))
                    .cells().put(cell.target(), cell);
            if (cell.probe() == null) {
                grantedBy.computeIfAbsent(cell.subject(), k -> new ArrayList<>()).add(cell.target());
            } else if (!cell.probe().startsWith("granted for target")) {
                probes.putIfAbsent(cell.subject(), cell.probe() + ", " + cell.target());
            }
        }
        rows.replaceAll((subject, row) -> new MatrixRow(subject, grantedBy.containsKey(subject)
                ? java.text.MessageFormat.format(bundle.getString("review.matrix.grantedBy"), String.join(", ",
                        grantedBy.get(subject)))
                : java.text.MessageFormat.format(bundle.getString("review.matrix.probe"), probes.getOrDefault(subject, "")),
                row.cells()));
        List<String> shownTargets = matrixTable.getColumns().stream().skip(1).map(TableColumn::getText).toList();
        if (!shownTargets.equals(targets)) {
            List<TableColumn<MatrixRow, ?>> columns = new ArrayList<>();
            TableColumn<MatrixRow, String> subject = new TableColumn<>(bundle.getString("review.matrix.subject"));
            subject.setPrefWidth(420);
            subject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().subject()
                    + (c.getValue().probe() == null ? "" : "   (" + c.getValue().probe() + ")")));
            columns.add(subject);
            for (String target : targets) {
                TableColumn<MatrixRow, Cell> column = new TableColumn<>(target);
                // wide enough for the target's name in the header (the table scrolls sideways for many targets)
                double name = new javafx.scene.text.Text(target).getLayoutBounds().getWidth() * 1.3 + 40; // the header is bold and larger
                column.setPrefWidth(Math.max(130, name));
                column.setMinWidth(Math.max(90, Math.min(name, 360)));
                column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cells().get(target)));
                column.setCellFactory(c -> new VerdictCell());
                columns.add(column);
            }
            matrixTable.getColumns().setAll(columns);
        }
        matrixTable.setItems(FXCollections.observableArrayList(rows.values()));
    }

    private void showDetail() {
        List<TablePosition> selected = matrixTable.getSelectionModel().getSelectedCells();
        if (selected.isEmpty() || selected.get(0).getColumn() < 1) {
            matrixDetail.setText(bundle.getString("review.matrix.legend"));
            return;
        }
        TablePosition<?, ?> pos = selected.get(0);
        MatrixRow row = matrixTable.getItems().get(pos.getRow());
        Cell cell = row.cells().get(matrixTable.getColumns().get(pos.getColumn()).getText());
        matrixDetail.setText(cell == null ? java.text.MessageFormat.format(bundle.getString("review.matrix.notTried"),
                matrixTable.getColumns().get(pos.getColumn()).getText(), row.probe()) : describe(cell));
    }

    private String describe(Cell cell) {
        return cell.target() + " × " + cell.subject() + (cell.probe() == null ? "" : " (" + cell.probe() + ")") + ": "
                + verdict(cell) + (cell.hop() == null ? "" : " at " + cell.hop().json()) + "\n" + cell.reason()
                + cell.uncertain().stream().map(u -> "\n" + java.text.MessageFormat.format(
                        bundle.getString("review.matrix.uncertain"), u.reason())).reduce("", String::concat);
    }

    private String verdict(Cell cell) {
        String v = bundle.getString(cell.verdict() == Cell.Expectation.ALLOW ? "review.matrix.allowed" : "review.matrix.denied");
        return cell.asExpected() ? v : v + " (" + bundle.getString("review.matrix.unexpected") + ")";
    }

    /** A matrix cell: coloured by verdict, the hop and reason on hover (written only when shown). */
    private final class VerdictCell extends TableCell<MatrixRow, Cell> {
        private final Tooltip tooltip = new Tooltip();

        VerdictCell() {
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
            tooltip.setOnShowing(e -> tooltip.setText(getItem() == null ? "" : describe(getItem())));
        }

        @Override
        protected void updateItem(Cell cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().removeAll("matrix-allowed", "matrix-denied", "matrix-unexpected");
            if (empty) {
                setText(null);
                setTooltip(null);
                return;
            }
            if (cell == null) {
                setText("—");
                getStyleClass().add("matrix-denied");
                setTooltip(null);
                return;
            }
            // a verdict that rests on a point AWS leaves unclear is marked, and says why in its detail
            setText((cell.verdict() == Cell.Expectation.ALLOW ? "✔ " : "✖ ") + verdict(cell)
                    + (cell.isUncertain() ? " ?" : ""));
            getStyleClass().add(!cell.asExpected() ? "matrix-unexpected"
                    : cell.verdict() == Cell.Expectation.ALLOW ? "matrix-allowed" : "matrix-denied");
            setTooltip(tooltip);
        }
    }

}
