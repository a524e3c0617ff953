package dev.junction.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of the hexagon (DEVELOPERS.md): domain ← application ← adapters ← bootstrap. The
 * domain knows only the JDK; the application knows only the domain; an adapter knows the application and the
 * domain and its own libraries, never another adapter nor the bootstrap that wires them. Production classes of
 * every module are imported (this module's classpath holds them all).
 */
class ArchitectureTest {
    private static final String DOMAIN = "dev.junction.domain..";
    private static final String APPLICATION = "dev.junction.application..";
    private static final String BOOTSTRAP = "dev.junction.bootstrap..";
    private static final List<String> ADAPTERS = List.of("dev.junction.undertow..", "dev.junction.httpclient..",
            "dev.junction.fileprovider..", "dev.junction.cli..");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.junction");
    }

    @Test
    void everyLayerIsImportedSoNoRuleHoldsVacuously() {
        List<String> layers = new ArrayList<>(List.of(DOMAIN, APPLICATION, BOOTSTRAP));
        layers.addAll(ADAPTERS);
        for (String layer : layers) {
            String prefix = layer.substring(0, layer.length() - 2);
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)),
                    "no production class imported from " + prefix);
        }
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .check(classes);
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheJdk() {
        classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION)
                .check(classes);
    }

    @Test
    void domainAndApplicationNeverDependOnAdaptersOrBootstrap() {
        List<String> outer = new ArrayList<>(ADAPTERS);
        outer.add(BOOTSTRAP);
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(outer.toArray(String[]::new))
                .check(classes);
    }

    @Test
    void noAdapterDependsOnAnotherAdapterOrOnBootstrap() {
        for (String adapter : ADAPTERS) {
            List<String> forbidden = new ArrayList<>(ADAPTERS);
            forbidden.remove(adapter);
            forbidden.add(BOOTSTRAP);
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .check(classes);
        }
    }
}
