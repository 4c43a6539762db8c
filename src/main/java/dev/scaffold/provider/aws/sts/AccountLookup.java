package dev.scaffold.provider.aws.sts;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.DataSource;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.StsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The account and region a run works in ({@link StsTypes#ACCOUNT}): one GetCallerIdentity, answered at
 * each lookup's address, only when the blueprint asks for it.
 */
public final class AccountLookup implements DataSource {

    private final AwsClients aws;

    public AccountLookup(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceType schema() {
        return StsTypes.ACCOUNT;
    }

    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> lookups, ReadContext ctx) {
        if (lookups.isEmpty()) {
            return List.of();
        }
        GetCallerIdentityResponse identity = ReadCalls.read(ctx, "GetCallerIdentity", () -> aws.sts().getCallerIdentity(r -> { }));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("accountId", identity.account());
        attributes.put("partition", identity.arn().split(":", 3)[1]);
        attributes.put("region", aws.settings().region().id());
        return lookups.stream().map(lookup -> new Observed(lookup.address(), schema().name(), identity.account(), null,
                attributes, Map.of())).toList();
    }
}
