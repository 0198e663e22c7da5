package org.warmnest.platform.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/** One page of a list, as every service returns lists: the items, the page asked for and the total. */
public record PageView<T>(List<T> items, int page, int size, long total) {

    public static <E, T> PageView<T> of(Page<E> found, Function<E, T> view) {
        return new PageView<>(found.map(view).getContent(), found.getNumber(), found.getSize(),
                found.getTotalElements());
    }
}
