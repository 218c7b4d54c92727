package org.csirtdesk.report.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void noValuesHaveNoPercentilesAndEmptyBuckets() {
        Distribution none = Distribution.of(new double[0]);
        assertThat(none.count()).isZero();
        assertThat(none.median()).isNull();
        assertThat(none.p90()).isNull();
        assertThat(none.buckets()).hasSize(6).allMatch(bucket -> bucket.count() == 0);
    }

    @Test
    void oneValueIsItsOwnMedianAndNinetiethPercentile() {
        Distribution one = Distribution.of(new double[] {1.73});
        assertThat(one.median()).isEqualTo(1.73);
        assertThat(one.p90()).isEqualTo(1.73);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Distribution.of(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
        assertThat(Distribution.of(new double[] {5, 1, 3}).median()).isEqualTo(3);
    }

    @Test
    void theNinetiethPercentileInterpolatesBetweenTheNearestRanks() {
        // 1..10: rank (10 - 1) * 0.9 = 8.1, between the 9th (9) and the 10th (10) value: 9.1.
        assertThat(Distribution.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}).p90())
                .isEqualTo(9.1);
        // 0..100 in steps of 1: exactly the value 90.
        double[] hundred = new double[101];
        for (int i = 0; i <= 100; i++) {
            hundred[i] = i;
        }
        assertThat(Distribution.of(hundred).p90()).isEqualTo(90);
        assertThat(Distribution.of(hundred).median()).isEqualTo(50);
    }

    @Test
    void percentilesAreRoundedToTwoDecimalsAndTheInputIsLeftAlone() {
        double[] values = {0.333333, 0.111111, 0.222222};
        Distribution distribution = Distribution.of(values);
        assertThat(distribution.median()).isEqualTo(0.22);
        assertThat(distribution.p90()).isEqualTo(0.31);
        assertThat(values).containsExactly(0.333333, 0.111111, 0.222222);
    }

    @Test
    void bucketsCountEachValueOnceFromTheirLowerBoundIncluded() {
        Distribution distribution = Distribution.of(new double[] {0, 0.2, 0.25, 0.99, 1, 1.5, 2, 4.99, 5, 10, 42});
        assertThat(distribution.buckets())
                .extracting(Distribution.Bucket::count)
                .containsExactly(2, 2, 2, 2, 1, 2);
        assertThat(distribution.buckets().get(0).from()).isZero();
        assertThat(distribution.buckets().get(0).below()).isEqualTo(0.25);
        assertThat(distribution.buckets().get(5).below()).isNull();
    }
}
