package org.csirtdesk.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The named steps of one integration test that build on each other, returned by its {@code @TestFactory}: they run
 * in the order given, the report names each, and what they learn lives in the test's instance, not in static fields
 * shared with other tests. Once a step fails, the steps after it are skipped: they would fail for its reason.
 */
public final class Scenario {

    private final List<DynamicTest> steps = new ArrayList<>();
    private Executable beforeEachStep = () -> {};
    private String failedStep;

    /** What each step starts with, as {@code @BeforeEach} did for ordered test methods; set before the steps. */
    public Scenario beforeEachStep(Executable preparation) {
        beforeEachStep = preparation;
        return this;
    }

    public Scenario step(String name, Executable step) {
        steps.add(DynamicTest.dynamicTest(name, () -> {
            assumeTrue(failedStep == null, () -> "skipped: an earlier step failed (" + failedStep + ")");
            try {
                beforeEachStep.execute();
                step.execute();
            } catch (Throwable failure) {
                failedStep = name;
                throw failure;
            }
        }));
        return this;
    }

    public Stream<DynamicTest> steps() {
        return steps.stream();
    }
}
