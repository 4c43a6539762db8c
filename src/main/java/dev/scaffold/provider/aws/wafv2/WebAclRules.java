package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.provider.aws.Attributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.BlockAction;
import software.amazon.awssdk.services.wafv2.model.CountAction;
import software.amazon.awssdk.services.wafv2.model.NoneAction;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatementAggregateKeyType;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * A web ACL's rules between the spec's vocabulary and WAFv2's. {@code rateLimit} is the first rule, named
 * {@value #RATE_LIMIT}: it blocks a client IP that sends more requests than that in 5 minutes. Each of
 * {@code managedRuleGroups} ({@code {vendor, name, mode}}) follows in list order, its rules' own actions taken
 * ({@code mode: none}) or only counted ({@code mode: count}, to watch a group before it blocks anything).
 * The web ACL and each rule keep metrics and samples, named after the web ACL.
 */
final class WebAclRules {

    static final String RATE_LIMIT = "rate-limit";
    /** The window {@code rateLimit} counts in; AWS's default, written out since the limit means nothing without it. */
    private static final long WINDOW_SECONDS = 300;

    private WebAclRules() {
    }

    /** The rules of the web ACL named {@code webAcl} that the spec asks for, in priority order. */
    static List<Rule> of(String webAcl, Attributes desired) {
        List<Rule> rules = new ArrayList<>();
        if (desired.has("rateLimit")) {
            long limit = desired.integer("rateLimit");
            rules.add(Rule.builder().name(RATE_LIMIT).priority(0)
                    .statement(s -> s.rateBasedStatement(rate -> rate.limit(limit).evaluationWindowSec(WINDOW_SECONDS)
                            .aggregateKeyType(RateBasedStatementAggregateKeyType.IP)))
                    .action(action -> action.block(BlockAction.builder().build()))
                    .visibilityConfig(visibility(webAcl + "-" + RATE_LIMIT)).build());
        }
        for (Map<String, Object> group : desired.has("managedRuleGroups") ? desired.maps("managedRuleGroups")
                : List.<Map<String, Object>>of()) {
            String name = String.valueOf(group.get("name"));
            rules.add(Rule.builder().name(name).priority(rules.size())
                    .statement(s -> s.managedRuleGroupStatement(managed -> managed
                            .vendorName(String.valueOf(group.get("vendor"))).name(name)))
                    .overrideAction(override(String.valueOf(group.get("mode"))))
                    .visibilityConfig(visibility(webAcl + "-" + name)).build());
        }
        return rules;
    }

    /** The limit of the web ACL's rate-based rule, or {@code null} when it has none. */
    static Object rateLimit(WebACL webAcl) {
        return webAcl.rules().stream()
                .filter(rule -> RATE_LIMIT.equals(rule.name()) && rule.statement().rateBasedStatement() != null)
                .map(rule -> (Object) rule.statement().rateBasedStatement().limit().intValue())
                .findFirst().orElse(null);
    }

    /** The web ACL's managed rule groups in priority order, in the spec's vocabulary. */
    static Object managedRuleGroups(WebACL webAcl) {
        return webAcl.rules().stream().sorted(Comparator.comparing(Rule::priority))
                .filter(rule -> rule.statement().managedRuleGroupStatement() != null)
                .map(rule -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("vendor", rule.statement().managedRuleGroupStatement().vendorName());
                    group.put("name", rule.statement().managedRuleGroupStatement().name());
                    group.put("mode", rule.overrideAction() != null && rule.overrideAction().count() != null
                            ? "count" : "none");
                    return (Object) group;
                }).toList();
    }

    /** Metrics and sampled requests on, under {@code metricName}. */
    static VisibilityConfig visibility(String metricName) {
        return VisibilityConfig.builder().metricName(metricName)
                .cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).build();
    }

    private static OverrideAction override(String mode) {
        return switch (mode) {
            case "count" -> OverrideAction.builder().count(CountAction.builder().build()).build();
            case "none" -> OverrideAction.builder().none(NoneAction.builder().build()).build();
            default -> throw new IllegalStateException("a managed rule group's mode is count or none, not " + mode);
        };
    }
}
