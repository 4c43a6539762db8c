package dev.scaffold.provider.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a user is told about a call the SDK retried until it gave up: how many attempts it made,
 * what kept going wrong in plain words (not the HTTP client's channel diagnostics), and what to do.
 */
final class RetriesExhausted {

    /** The far end of a Netty channel as its diagnostics print it: {@code R:host/1.2.3.4:443}. */
    private static final Pattern REMOTE = Pattern.compile("R:([^/\\s\\]]*)/([^\\s\\],]+)");
    /** Where a refused connection went, as the JDK prints it: {@code Connection refused: host/1.2.3.4:443}. */
    private static final Pattern REFUSED_AT = Pattern.compile(":\\s*([^/\\s]*)/(\\S+)$");

    private RetriesExhausted() {
    }

    /**
     * The message for an AWS error that retries are meant to outlast (throttling, AWS's own
     * failures), which still came back on the last attempt; for any other error, AWS's message as it is.
     */
    static String message(AwsServiceException aws, String code, String awsMessage) {
        String what = (code == null ? "" : code + ": ") + awsMessage;
        if (aws.isThrottlingException()) {
            return gaveUp(aws) + "AWS kept throttling (" + what + "); run again later or lower --parallelism";
        }
        if (aws.statusCode() >= 500) {
            return gaveUp(aws) + "AWS kept failing with HTTP " + aws.statusCode() + " (" + what
                    + "); AWS may be having trouble: run again later";
        }
        return awsMessage;
    }

    /** The message for a call AWS never answered: no connection, a connection closed or reset, no answer in time. */
    static String message(SdkException noAnswer) {
        Throwable root = noAnswer;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = remote(noAnswer);
        String what;
        if (causedBy(noAnswer, UnknownHostException.class)) {
            what = "the host name " + root.getMessage() + " could not be resolved; check the region, the endpoint"
                    + " (--endpoint-url, AWS_ENDPOINT_URL) and the network, and run again";
        } else if (causedBy(noAnswer, ConnectException.class)) {
            what = "could not connect to " + (where == null ? "AWS" : where) + "; check the network (and the endpoint,"
                    + " if --endpoint-url or AWS_ENDPOINT_URL sets one) and run again";
        } else if (causedBy(noAnswer, TimeoutException.class)) {
            // The HTTP client's pool gave up waiting for a connection to open.
            what = "no connection to " + (where == null ? "AWS" : where) + " could be opened in time;"
                    + " check the network and run again";
        } else if (timedOut(noAnswer)) {
            what = "AWS did not answer in time; check the network and run again";
        } else if (causedBy(noAnswer, IOException.class)) {
            what = "the connection" + (where == null ? "" : " to " + where)
                    + " was closed before AWS answered; check the network and run again";
        } else {
            return noAnswer.getMessage();
        }
        return gaveUp(noAnswer) + what;
    }

    private static String gaveUp(SdkException failure) {
        Integer attempts = failure.numAttempts();
        if (attempts == null) {
            return "";
        }
        return "gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // The SDK's own call and attempt timeouts and Netty's read and write timeouts have no common type;
    // their names all say so.
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The host and port the failed connection went to, when a message in the chain names them (a reset
     * connection's does not), else {@code null}.
     */
    private static String remote(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Matcher channel = REMOTE.matcher(message);
            if (channel.find()) {
                return hostAndPort(channel.group(1), channel.group(2));
            }
            Matcher refused = REFUSED_AT.matcher(message);
            if (t instanceof ConnectException && refused.find()) {
                return hostAndPort(refused.group(1), refused.group(2));
            }
        }
        return null;
    }

    /** {@code name:port} when the name is known, else {@code address:port}. */
    private static String hostAndPort(String name, String addressAndPort) {
        if (name.isEmpty()) {
            return addressAndPort;
        }
        int colon = addressAndPort.lastIndexOf(':');
        return colon < 0 ? name : name + addressAndPort.substring(colon);
    }
}
