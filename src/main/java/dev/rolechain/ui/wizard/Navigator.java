package dev.rolechain.ui.wizard;

import java.util.function.Function;
import javafx.scene.Parent;

/** Takes the user to a place: a page, and on it the control of a Setup field or a line of a preview. */
final class Navigator {
    private final Walkthrough walkthrough;
    private final Function<Step, Page> pages;
    private Function<Step, Parent> pageLoader;

    Navigator(Walkthrough walkthrough, Function<Step, Page> pages) {
        this.walkthrough = walkthrough;
        this.pages = pages;
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
        pages.apply(step).focus(path);
    }
}
