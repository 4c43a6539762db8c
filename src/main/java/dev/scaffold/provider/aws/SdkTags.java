package dev.scaffold.provider.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Tags between scaffold's form (a map) and the SDK's (a list of each service's own tag objects). */
public final class SdkTags {

    private SdkTags() {
    }

    /** The SDK's tags as a map, sorted by key. */
    public static <T> Map<String, String> toMap(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(tag -> map.put(key.apply(tag), value.apply(tag)));
        return map;
    }

    /** A map of tags as the SDK's tag objects, each made by {@code tag(key, value)}. */
    public static <T> List<T> toList(Map<String, String> tags, BiFunction<String, String, T> tag) {
        List<T> list = new ArrayList<>();
        tags.forEach((key, value) -> list.add(tag.apply(key, value)));
        return list;
    }
}
