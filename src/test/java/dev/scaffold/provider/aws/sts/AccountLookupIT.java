package dev.scaffold.provider.aws.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.schema.StsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulator.class)
class AccountLookupIT {

    private static final ResourceAddress ACCOUNT = ResourceAddress.parse("stack.main.account");

    @Test
    void theAccountPartitionAndRegionOfTheRunAreReadOnceAndOnlyWhenAsked(AwsClients aws, EmulatorTarget emulator) {
        AccountLookup lookup = new AccountLookup(aws);
        ResourceSpec asked = new ResourceSpec(ACCOUNT, StsTypes.ACCOUNT.name(), Mode.DATA, Map.of(), Map.of(), Set.of(),
                Set.of());

        List<Observed> found = lookup.read(List.of(), List.of(asked), new ReadContext("shop", "default"));

        assertThat(found).singleElement().satisfies(account -> {
            assertThat(account.address()).isEqualTo(ACCOUNT);
            assertThat(account.attributes()).containsEntry("accountId", emulator.accountId())
                    .containsEntry("partition", "aws").containsEntry("region", aws.settings().region().id());
        });
        assertThat(lookup.read(List.of(), List.of(), new ReadContext("shop", "default"))).isEmpty();
    }
}
