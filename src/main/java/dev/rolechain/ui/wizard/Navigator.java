package dev.rolechain.ui.wizard;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.Parent;

/** Takes the user to a place: a page, and on it the control of a Setup field or a line of a preview. */
final class Navigator {
    private final Walkthrough walkthrough;
    private final Map<Step, Page> pages = new EnumMap<>(Step.class);
    private Function<Step, Parent> pageLoader;

    Navigator(Walkthrough walkthrough) {
        this.walkthrough = walkthrough;
    }

    void register(Step step, Page page) {
        pages.put(step, page);
    }

    /** Loads a page's view before it is first shown (set by the window). */
    void onLoad(Function<Step, Parent> loader) {
        this.pageLoader = loader;
    }

    void goTo(FindingLocator.Place place) {
        if (place instanceof FindingLocator.Field f) {
            go(f.step(), f.path());
        } else if (place instanceof FindingLocator.ArtifactLine a) {
            go(Step.REVIEW, ReviewPage.artifactPath(a.artifact(), a.line()));
        }
    }

    private void go(Step step, String path) {
        if (!walkthrough.goTo(step)) {
            return;
        }
        Parent view = pageLoader.apply(step);
        // a page shown for the first time has no skins yet: lay it out so its controls can take focus
        view.applyCss();
        view.layout();
        Page page = pages.get(step);
        if (page != null) {
            page.focus(path);
        }
    }
}
