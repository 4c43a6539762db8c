package dev.scaffold.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a state says its resources live: the region and account it records or, for a state that does
 * not record them (format version 1), those the ARNs of its resources name, so that a run elsewhere can
 * be refused before it plans to create the whole stack again there.
 *
 * <p>An ARN is {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}; global resources leave the region
 * out (IAM, CloudFront) and S3 buckets the account too, so those say nothing of it. When the ARNs name
 * several regions (a certificate that CloudFront needs in us-east-1, a backup copy), the one most of
 * them name is the stack's; should two be named equally often, either is taken as the stack's.
 *
 * @param regions the stack's region, or the regions named equally often; empty when nothing tells
 * @param accountIds the same for the account
 * @param fromArns whether any of them was taken from the ARNs rather than recorded
 */
public record RecordedLocation(Set<String> regions, Set<String> accountIds, boolean fromArns) {

    private static final int REGION = 3;
    private static final int ACCOUNT = 4;

    public RecordedLocation {
        regions = Set.copyOf(regions);
        accountIds = Set.copyOf(accountIds);
    }

    /** Where {@code state} says its resources live. */
    public static RecordedLocation of(State state) {
        Collection<ResourceState> resources = state.resources().values();
        Set<String> regions = state.region() != null ? Set.of(state.region()) : mostNamed(resources, REGION);
        Set<String> accounts = state.accountId() != null ? Set.of(state.accountId()) : mostNamed(resources, ACCOUNT);
        boolean fromArns = state.region() == null && !regions.isEmpty()
                || state.accountId() == null && !accounts.isEmpty();
        return new RecordedLocation(regions, accounts, fromArns);
    }

    /** Whether a run in {@code region} of {@code accountId} works where the stack lives, as far as is known. */
    public boolean admits(String region, String accountId) {
        return (regions.isEmpty() || regions.contains(region)) && (accountIds.isEmpty() || accountIds.contains(accountId));
    }

    /** The region in words for a message, e.g. {@code us-east-1}, or {@code us-east-1 or eu-west-1}. */
    public String describeRegions() {
        return String.join(" or ", new TreeSet<>(regions));
    }

    /** The account in words for a message. */
    public String describeAccounts() {
        return String.join(" or ", new TreeSet<>(accountIds));
    }

    // The values of one field of the resources' ARNs that are named most often, ignoring empty ones.
    private static Set<String> mostNamed(Collection<ResourceState> resources, int field) {
        Map<String, Integer> counts = new HashMap<>();
        for (ResourceState resource : resources) {
            String value = field(resource.arn(), field);
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        Set<String> named = new TreeSet<>();
        counts.forEach((value, count) -> {
            if (count == most) {
                named.add(value);
            }
        });
        return named;
    }

    // One field of an ARN, or null when the text is no ARN or leaves the field empty.
    private static String field(String arn, int field) {
        if (arn == null) {
            return null;
        }
        List<String> parts = List.of(arn.split(":", 6));
        if (parts.size() < 6 || !parts.get(0).equals("arn") || parts.get(field).isEmpty()) {
            return null;
        }
        return parts.get(field);
    }
}
