package org.csirtdesk;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The floor plan of docs/architecture.md, held by the build: features cut boundary / control / entity with no
 * upward import, no cycle between features, shared mechanisms that know no feature, and no feature's query naming
 * another feature's entity or table (a dependency that the imports do not show).
 */
class ArchitectureTest {

    private static final String ROOT = "org.csirtdesk";

    /** What every feature may use and which uses no feature: the shared kernel and the shared mechanisms. */
    private static final Set<String> SHARED = Set.of("platform", "schedule", "calendar");

    /**
     * The ground floor: every feature's work is tickets (an Incident is a ticket, a campaign's case has one), so every
     * feature may name the ticket feature's entities and tables in its queries, as its imports may. The ticket
     * feature itself names no feature above it.
     */
    private static final String GROUND_FLOOR = "ticket";

    /** Statistics read across features by design (docs/reports.md): its SQL may name any feature's tables. */
    private static final Set<String> READS_ACROSS_FEATURES = Set.of("report");

    /**
     * The one class outside {@code report} whose SQL reads other features' tables, and why. The campaign's charts and
     * case table (docs/campaigns.md) are grouped queries that join the site copy's NGI and monitoring's exposure events
     * in the database, as the reports do: through those features' beans they would load every site and event of a
     * campaign of hundreds of sites.
     */
    private static final Set<String> READ_MODELS_ACROSS_FEATURES =
            Set.of("org.csirtdesk.campaign.control.CampaignFigures");

    /** The application's classes as the build compiled them (scanning the class path for the package is slower). */
    private static final JavaClasses CLASSES = new ClassFileImporter().importPath(Path.of("target", "classes"));

    /** A string that reads as JPQL or SQL (a statement or a fragment of one), not a message that mentions a word. */
    private static final Pattern QUERY = Pattern.compile(
            "(?is).*\\b(select\\b.+\\bfrom|update\\s+\\w+(\\s+\\w+)?\\s+set|delete\\s+from|insert\\s+into|join\\s+\\w+\\s+\\w+\\s+on)\\b.*");

    @Test
    @DisplayName("An entity package imports no control or boundary, a control package no boundary, in any feature")
    void noPackageImportsUpward() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + "..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + "..control..", ROOT + "..boundary..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage(ROOT + "..control..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + "..boundary..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("Features form no cycle of dependencies")
    void featuresFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    @DisplayName("The shared kernel and the shared mechanisms (platform, schedule, calendar) depend on no feature")
    void sharedMechanismsDependOnNoFeature() {
        String[] shared = SHARED.stream().map(name -> ROOT + "." + name + "..").toArray(String[]::new);
        classes()
                .that()
                .resideInAnyPackage(shared)
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(shared)))
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".schedule..", ROOT + ".calendar..")
                .check(CLASSES);
    }

    @Test
    @DisplayName(
            "No feature's JPQL or SQL names another feature's entity or table, but the ground floor's and the shared mechanisms' (report excepted)")
    void queriesNameOnlyTheirOwnFeaturesEntitiesAndTables() throws IOException {
        Map<String, String> ownerOfEntity = new TreeMap<>();
        Map<String, String> ownerOfTable = new TreeMap<>();
        for (JavaClass javaClass : CLASSES) {
            Optional<JavaAnnotation<JavaClass>> entity = javaClass.tryGetAnnotationOfType("jakarta.persistence.Entity");
            if (entity.isEmpty()) {
                continue;
            }
            String feature = featureOf(javaClass);
            String entityName = (String) entity.get().get("name").orElse("");
            ownerOfEntity.put(entityName.isEmpty() ? javaClass.getSimpleName() : entityName, feature);
            javaClass
                    .tryGetAnnotationOfType("jakarta.persistence.Table")
                    .flatMap(table -> table.get("name"))
                    .map(String.class::cast)
                    .filter(name -> !name.isEmpty())
                    .ifPresent(table -> ownerOfTable.put(table, feature));
            // Tables of element collections and joins belong to the entity that declares them.
            javaClass.getAllMembers().forEach(member -> List.of(
                            "jakarta.persistence.CollectionTable", "jakarta.persistence.JoinTable")
                    .forEach(type -> member.tryGetAnnotationOfType(type)
                            .flatMap(table -> table.get("name"))
                            .map(String.class::cast)
                            .filter(name -> !name.isEmpty())
                            .ifPresent(table -> ownerOfTable.put(table, feature))));
        }
        assertThat(ownerOfEntity).as("entities found by scanning").containsKeys("Ticket", "Site", "CampaignCase");

        Set<String> violations = new TreeSet<>();
        for (JavaClass javaClass : CLASSES) {
            String feature = featureOf(javaClass);
            if (feature == null
                    || READS_ACROSS_FEATURES.contains(feature)
                    || READ_MODELS_ACROSS_FEATURES.contains(javaClass.getName())) {
                continue;
            }
            for (String constant : stringConstants(javaClass)) {
                if (!QUERY.matcher(constant).matches()) {
                    continue;
                }
                ownerOfEntity.forEach((entity, owner) -> {
                    if (mayNotName(feature, owner)
                            && named(entity, 0).matcher(constant).find()) {
                        violations.add(javaClass.getName() + " names " + owner + "'s entity " + entity + ": "
                                + oneLine(constant));
                    }
                });
                ownerOfTable.forEach((table, owner) -> {
                    if (mayNotName(feature, owner)
                            && named(table, Pattern.CASE_INSENSITIVE)
                                    .matcher(constant)
                                    .find()) {
                        violations.add(javaClass.getName() + " names " + owner + "'s table " + table + ": "
                                + oneLine(constant));
                    }
                });
            }
        }
        assertThat(violations)
                .as("queries that name another feature's entity or table")
                .isEmpty();
    }

    private static boolean mayNotName(String feature, String owner) {
        return !owner.equals(feature) && !owner.equals(GROUND_FLOOR) && !SHARED.contains(owner);
    }

    /**
     * The name as a query names an entity or table: a whole word, not a property ({@code c.vulnerabilities}) nor a
     * parameter ({@code :sites}).
     */
    private static Pattern named(String name, int flags) {
        return Pattern.compile("(?<![\\w.:])" + Pattern.quote(name) + "(?![\\w.])", flags);
    }

    /** The feature a class belongs to ({@code org.csirtdesk.<feature>...}), null for classes outside any feature. */
    private static String featureOf(JavaClass javaClass) {
        String[] parts = javaClass.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : null;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    /**
     * Every string constant of the class as the compiler left it: loaded constants (literals, text blocks and
     * concatenations of constants, folded into one), the constant parts of a concatenation with variables (the
     * recipe of its invokedynamic), and annotation values ({@code @NamedQuery(query = ...)}). ArchUnit exposes
     * annotations but not loaded constants, so the class file is read with ASM, which sees all three the same way;
     * reading the sources instead would also match comments.
     */
    private static List<String> stringConstants(JavaClass javaClass) throws IOException {
        List<String> constants = new ArrayList<>();
        AnnotationVisitor annotationValues = new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                if (value instanceof String text) {
                    constants.add(text);
                }
            }

            @Override
            public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                return this;
            }

            @Override
            public AnnotationVisitor visitArray(String name) {
                return this;
            }
        };
        MethodVisitor methodConstants = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof String text) {
                    constants.add(text);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                for (Object argument : arguments) {
                    if (argument instanceof String text) {
                        constants.add(text);
                    }
                }
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return annotationValues;
            }
        };
        ClassVisitor visitor = new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return annotationValues;
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (value instanceof String text) {
                    constants.add(text);
                }
                return new FieldVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                        return annotationValues;
                    }
                };
            }

            @Override
            public MethodVisitor visitMethod(
                    int access, String name, String descriptor, String signature, String[] exceptions) {
                return methodConstants;
            }
        };
        try (InputStream classFile =
                javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
            new ClassReader(classFile).accept(visitor, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return constants;
    }
}
