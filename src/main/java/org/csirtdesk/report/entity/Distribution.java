package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How long something took over a set of tickets, in working days: how many were measured, the median and the 90th
 * percentile. Percentiles interpolate linearly between the two nearest ranks (R's type 7, NumPy's default, Excel's
 * PERCENTILE.INC): for n sorted values x[0..n-1], the p-th percentile is at rank h = (n - 1) p, between x[floor(h)]
 * and x[floor(h) + 1]. So the median of an even count is the mean of the two middle values, and one value is its own
 * median and 90th percentile. Without values both are null. The buckets are a histogram of the values, for the
 * desk's chart.
 */
@JsonbNillable
public record Distribution(int count, Double median, Double p90, List<Bucket> buckets) {

    /** The histogram's lower bounds, in working days: under a quarter day, under 1, 2, 5, 10, then 10 and more. */
    static final double[] BOUNDS = {0, 0.25, 1, 2, 5, 10};

    /** How many values fell from {@code from} (inclusive) to {@code below} (exclusive; null: no upper bound). */
    @JsonbNillable
    public record Bucket(double from, Double below, int count) {}

    /** The distribution of the values, the percentiles rounded to two decimals (a quarter of an hour or so). */
    public static Distribution of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] counts = new int[BOUNDS.length];
        for (double value : sorted) {
            int bucket = BOUNDS.length - 1;
            while (bucket > 0 && value < BOUNDS[bucket]) {
                bucket--;
            }
            counts[bucket]++;
        }
        List<Bucket> buckets = IntStream.range(0, BOUNDS.length)
                .mapToObj(i -> new Bucket(BOUNDS[i], i + 1 < BOUNDS.length ? BOUNDS[i + 1] : null, counts[i]))
                .toList();
        return sorted.length == 0
                ? new Distribution(0, null, null, buckets)
                : new Distribution(
                        sorted.length, rounded(percentile(sorted, 0.5)), rounded(percentile(sorted, 0.9)), buckets);
    }

    static double rounded(double workingDays) {
        return Math.round(workingDays * 100) / 100.0;
    }

    /** The p-th percentile (0 to 1) of sorted, non-empty values. */
    static double percentile(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p;
        int below = (int) Math.floor(rank);
        if (below + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below]);
    }
}
