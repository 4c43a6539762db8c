package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.IdBatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/**
 * Web ACLs as WAFv2 finds them: described one per GetWebACL, by ARN; by name only through the list of their scope
 * (ListWebACLs, 100 a page), since WAFv2 describes none by name.
 */
final class WebAclNames {

    /** What names a web ACL: its name in its scope. */
    record Named(String name, String scope) {
        static Named of(WebACL webAcl) {
            return new Named(webAcl.name(), scopeOf(webAcl.arn()));
        }
    }

    /** The most web ACLs one ListWebACLs page holds. */
    private static final int PAGE = 100;

    private final AwsClients aws;

    WebAclNames(AwsClients aws) {
        this.aws = aws;
    }

    /** A web ACL's scope, as its ARN says: {@code regional/webacl/…} or {@code global/webacl/…} (CloudFront's). */
    static String scopeOf(String arn) {
        return arn.split(":", 6)[5].startsWith("global/") ? "CLOUDFRONT" : "REGIONAL";
    }

    /** The web ACL of the one ARN of {@code arns}, as a describe of a batch of one. */
    CompletableFuture<List<WebACL>> describe(List<String> arns) {
        return WafClient.of(aws).getWebACL(r -> r.arn(arns.get(0))).thenApply(got -> List.of(got.webACL()));
    }

    /** The web ACLs of these names: their ARNs from each scope's list, then one GetWebACL each; none of a name not used. */
    CompletableFuture<List<WebACL>> find(ApiCalls calls, Set<Named> names) {
        List<CompletableFuture<List<String>>> listed = names.stream().map(Named::scope).distinct()
                .map(scope -> arnsNamed(calls, scope, names, null)).toList();
        return CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new)).thenCompose(done -> IdBatches.describe(
                calls, "GetWebACL", listed.stream().flatMap(arns -> arns.join().stream()).toList(), 1, WafClient.GONE,
                this::describe));
    }

    /** The ARNs of the web ACLs of {@code names} in one scope's list, from the page after {@code marker} on. */
    private CompletableFuture<List<String>> arnsNamed(ApiCalls calls, String scope, Set<Named> names, String marker) {
        return calls.call("ListWebACLs", () -> WafClient.of(aws).listWebACLs(r -> r.scope(scope).limit(PAGE)
                .nextMarker(marker))).thenCompose(page -> {
                    List<String> arns = new ArrayList<>(page.webACLs().stream()
                            .filter(summary -> names.contains(new Named(summary.name(), scopeOf(summary.arn()))))
                            .map(WebACLSummary::arn).toList());
                    if (page.nextMarker() == null || page.webACLs().isEmpty()) {
                        return CompletableFuture.completedFuture(arns);
                    }
                    return arnsNamed(calls, scope, names, page.nextMarker()).thenApply(more -> {
                        arns.addAll(more);
                        return arns;
                    });
                });
    }
}
