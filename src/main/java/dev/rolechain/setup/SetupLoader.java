package dev.rolechain.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and validates a Setup file: every problem at once, each with its path, line and column. */
public final class SetupLoader {
    private final SetupValidator validator;

    public SetupLoader(SetupValidator validator) {
        this.validator = validator;
    }

    public Setup load(Path file) throws SetupException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SetupException(file.toString(), List.of(new Problem("", "is not UTF-8 text; a Setup file is JSON "
                    + "in UTF-8 (save it as UTF-8)")));
        } catch (IOException e) {
            throw new SetupException(file.toString(), List.of(new Problem("", "cannot read the file: " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    public Setup parse(String text, String source) throws SetupException {
        SetupJson.Read read = SetupJson.read(text);
        List<Problem> problems = new ArrayList<>(read.problems());
        if (read.setup() != null) {
            validator.validate(read.setup()).stream().map(read::locate).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new SetupException(source, problems);
        }
        return read.setup();
    }
}
