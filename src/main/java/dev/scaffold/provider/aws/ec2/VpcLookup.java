package dev.scaffold.provider.aws.ec2;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.DataSource;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Looks up the VPC the stack lives in: the region's default VPC ({@code vpc: default}) or one by id.
 *
 * <p>Lookup attribute: {@code vpc} ({@code default} or a VPC id). Read attributes: {@code vpc} (echoed),
 * {@code cidrBlock}, {@code isDefault}. Refs name {@code id}.
 */
public final class VpcLookup implements DataSource {

    private final AwsClients aws;

    public VpcLookup(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceType schema() {
        return Ec2Types.VPC;
    }

    /** One DescribeVpcs per page for all lookups together. */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> lookups, ReadContext ctx) {
        if (lookups.isEmpty()) {
            return List.of();
        }
        Set<String> selectors = new TreeSet<>();
        lookups.forEach(lookup -> selectors.add(selector(lookup)));
        List<Vpc> vpcs = describe(ctx, filter(selectors));
        List<Observed> found = new ArrayList<>();
        for (ResourceSpec lookup : lookups) {
            String selector = selector(lookup);
            vpcs.stream()
                    .filter(vpc -> selector.equals(Ec2Types.DEFAULT_SELECTOR) ? Boolean.TRUE.equals(vpc.isDefault())
                            : selector.equals(vpc.vpcId()))
                    .findFirst()
                    .ifPresent(vpc -> found.add(observe(lookup.address(), selector, vpc)));
        }
        return found;
    }

    private static String selector(ResourceSpec lookup) {
        return String.valueOf(lookup.attributes().getOrDefault("vpc", Ec2Types.DEFAULT_SELECTOR));
    }

    /** The narrowest filter that still finds every lookup's VPC. */
    private static List<Filter> filter(Set<String> selectors) {
        if (selectors.equals(Set.of(Ec2Types.DEFAULT_SELECTOR))) {
            return List.of(Filter.builder().name("is-default").values("true").build());
        }
        if (!selectors.contains(Ec2Types.DEFAULT_SELECTOR)) {
            return List.of(Filter.builder().name("vpc-id").values(selectors).build());
        }
        return List.of();
    }

    private List<Vpc> describe(ReadContext ctx, List<Filter> filters) {
        return ReadCalls.pages(ctx, "DescribeVpcs", token -> Ec2Client.of(aws).describeVpcs(r -> r.filters(filters).nextToken(token)),
                DescribeVpcsResponse::vpcs, DescribeVpcsResponse::nextToken);
    }

    private static Observed observe(ResourceAddress address, String selector, Vpc vpc) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("vpc", selector);
        attributes.put("cidrBlock", vpc.cidrBlock());
        attributes.put("isDefault", Boolean.TRUE.equals(vpc.isDefault()));
        return new Observed(address, Ec2Types.VPC.name(), vpc.vpcId(), null, attributes, Ec2Tags.toMap(vpc.tags()));
    }
}
