package dev.scaffold.provider.aws;

import dev.scaffold.ScaffoldException;
import dev.scaffold.provider.HandlerException;
import java.util.concurrent.CompletionException;

/**
 * The AWS account the credentials belong to, asked of STS once per run, so a state made in one
 * account is never applied in another.
 */
public final class CallerAccount {

    private CallerAccount() {
    }

    /**
     * The account id of the caller, from one GetCallerIdentity.
     *
     * @throws ScaffoldException when STS cannot be asked (no credentials, no network) or refuses
     */
    public static String id(AwsClients clients) {
        try {
            return clients.sts().getCallerIdentity(r -> { }).join().account();
        } catch (CompletionException e) {
            RuntimeException failure = AwsErrors.failure(null, "GetCallerIdentity", e);
            String detail = failure instanceof HandlerException handled && handled.code() != null
                    ? handled.code() + ": " + handled.getMessage() : failure.getMessage();
            throw ScaffoldException.failure("cannot tell which AWS account the credentials belong to"
                    + " (STS GetCallerIdentity failed: " + detail + ")", failure);
        }
    }
}
