package dev.rolechain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package rules of DESIGN.md: the core knows neither JavaFX nor the AWS SDK, and imports only downwards. */
class ArchitectureTest {
    private static final String[] CORE = {"dev.rolechain.setup..", "dev.rolechain.iam..", "dev.rolechain.github..",
            "dev.rolechain.plan..", "dev.rolechain.render..", "dev.rolechain.lint..", "dev.rolechain.chain..",
            "dev.rolechain.inspect.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rolechain");
    }

    @Test
    void theCoreImportsNeitherJavaFxNorTheAwsSdk() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "software.amazon..")
                .check(classes);
    }

    @ParameterizedTest(name = "{0} imports none of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            aws    | ui, cli
            ui     | cli
            """)
    void theOuterPackagesImportOnlyInwards(String pkg, String forbidden) {
        corePackagesImportOnlyWhatTheDesignAllows(pkg, forbidden);
    }

    @Test
    void onlyTheCommandLineAndTheConsoleWriteToStandardOutputAndError() {
        noClasses().that().resideOutsideOfPackage("dev.rolechain.cli..").and().doNotHaveFullyQualifiedName("dev.rolechain.Console")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(classes);
    }

    @ParameterizedTest(name = "{0} imports none of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            setup  | iam, github, plan, render, lint, chain, inspect, aws, ui, cli
            iam    | setup, github, plan, render, lint, chain, inspect, aws, ui, cli
            github | setup, plan, render, lint, chain, inspect, aws, ui, cli
            plan   | render, lint, chain, inspect, aws, ui, cli
            render | lint, chain, inspect, aws, ui, cli
            lint   | render, chain, inspect, aws, ui, cli
            chain  | setup, render, lint, inspect, aws, ui, cli
            inspect| setup, plan, render, aws, ui, cli
            """)
    void corePackagesImportOnlyWhatTheDesignAllows(String pkg, String forbidden) {
        String[] packages = java.util.Arrays.stream(forbidden.split(","))
                .map(p -> "dev.rolechain." + p.trim() + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.rolechain." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .allowEmptyShould(true)
                .check(classes);
    }
}
