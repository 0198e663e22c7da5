package org.warmnest.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks one of several items with fixed relative weights. */
final class Weighted<T> {

    private final T[] items;
    private final double[] cumulative;

    Weighted(T[] items, double[] weights) {
        if (items.length != weights.length || items.length == 0) {
            throw new IllegalArgumentException("one weight per item");
        }
        this.items = items.clone();
        this.cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
    }

    T pick(SplittableRandom random) {
        double point = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, point);
        index = index >= 0 ? index + 1 : -index - 1;
        return items[Math.min(index, items.length - 1)];
    }
}
