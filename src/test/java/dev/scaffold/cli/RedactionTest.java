package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String KEY_ID = "ASIAPLANTEDKEYID0001";
    private static final String SECRET = "planted/Secret+Access+Key/0000000000000000";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEPLANTEDsessionTOKEN//////////ZXUtd2VzdC0xIkcwRQIh==";

    private final Redaction redaction = Redaction.of(Map.of(
            "AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN,
            "AWS_REGION", "us-east-1"));

    @Test
    void anAuthorizationHeaderIsMaskedWhole() {
        String header = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/ec2/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7\n"
                + "Content-Length: 167";

        assertThat(redaction.apply(header)).isEqualTo("Authorization: ****\nContent-Length: 167");
    }

    @Test
    void secretValuesAreMaskedInTheFieldsThatCarryThemEscapedQuotesIncluded() {
        String text = String.join("\n",
                "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"SecretString\":\"k3y\\\"q&u=o+te\",\"VersionId\":\"v1\"}",
                "{\"RandomPassword\": \"x])A&v]HIK1srFV|{26S\"}",
                "Action=CreateReplicationGroup&AuthToken=x%5D%29A%26v%5DHIK1&AuthTokenUpdateStrategy=ROTATE&Port=6379");

        assertThat(redaction.apply(text)).isEqualTo(String.join("\n",
                "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"SecretString\":\"****\",\"VersionId\":\"v1\"}",
                "{\"RandomPassword\": \"****\"}",
                "Action=CreateReplicationGroup&AuthToken=****&AuthTokenUpdateStrategy=ROTATE&Port=6379"));
    }

    @Test
    void tokensAndKeysAreMaskedInHeadersQueriesFieldsAndElements() {
        String text = String.join("\n",
                "x-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN",
                "X-Amz-Security-Token: FwoGZXIvYXdzEXAMPLETOKEN",
                "GET /?X-Amz-Credential=AKIDEXAMPLE%2F20250101&X-Amz-Signature=0123456789abcdef0123&X-Amz-Date=x",
                "{\"accessKeyId\":\"AKIDEXAMPLE\",\"secretAccessKey\":\"wJalrXUtnFEMI\",\"sessionToken\":\"FwoG\"}",
                "aws_secret_access_key = wJalrXUtnFEMI",
                "<Credentials><AccessKeyId>AKIDEXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI</SecretAccessKey>"
                        + "<SessionToken>FwoGZXIvYXdz</SessionToken></Credentials>",
                "AwsSessionCredentials(accessKeyId=AKIDEXAMPLE, providerName=EnvironmentVariableCredentialsProvider)",
                "the key AKIAIOSFODNN7EXAMPLE was rejected");

        String masked = redaction.apply(text);

        assertThat(masked).doesNotContain("FwoG", "AKIDEXAMPLE", "wJalrXUtnFEMI", "0123456789abcdef0123",
                "AKIAIOSFODNN7EXAMPLE");
        assertThat(masked).contains("x-amz-security-token:****", "X-Amz-Date=x", "providerName=EnvironmentVariable",
                "<SecretAccessKey>****</SecretAccessKey>", "the key **** was rejected");
    }

    @Test
    void theValuesOfTheCredentialVariablesAreMaskedWhereverTheyAppear() {
        String text = "odd place: " + TOKEN + " and " + SECRET + " and " + KEY_ID + " in us-east-1";

        assertThat(redaction.apply(text)).isEqualTo("odd place: **** and **** and **** in us-east-1");
    }

    @Test
    void shortValuesAreNotMaskedLiterallyLestOrdinaryWordsVanish() {
        Redaction emulatorCredentials = Redaction.of(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));

        assertThat(emulatorCredentials.apply("the test passed")).isEqualTo("the test passed");
    }

    @Test
    void aSensitiveValueIsMaskedAsItIsAndAsRequestsAndResponsesEscapeIt() {
        redaction.alsoMask(List.of("Bearer <TOP>&secret\"9"));
        String text = String.join("\n",
                "note: token Bearer <TOP>&secret\"9 was rejected",
                "Action=AddTags&Tags.member.1.Value=Bearer+%3CTOP%3E%26secret%229&Version=2015-12-01",
                "GET /tags?value=Bearer%20%3CTOP%3E%26secret%229",
                "{\"Value\":\"Bearer <TOP>&secret\\\"9\"}",
                "<Value>Bearer &lt;TOP&gt;&amp;secret&quot;9</Value>");

        String masked = redaction.apply(text);

        assertThat(masked).doesNotContain("TOP").doesNotContain("secret").isEqualTo(String.join("\n",
                "note: token (sensitive) was rejected",
                "Action=AddTags&Tags.member.1.Value=(sensitive)&Version=2015-12-01",
                "GET /tags?value=(sensitive)",
                "{\"Value\":\"(sensitive)\"}",
                "<Value>(sensitive)</Value>"));
    }

    @Test
    void aBase64TextThatHoldsASensitiveValueIsMaskedWholeWhereAwsTakesItEncoded() {
        redaction.alsoMask(List.of("TOPSECRET-hunter2"));
        String userData = Base64.getEncoder().encodeToString(
                "#!/bin/sh\nexport TOKEN=TOPSECRET-hunter2\n".getBytes(StandardCharsets.UTF_8));
        String innocent = Base64.getEncoder().encodeToString("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8));
        String text = "Action=CreateLaunchTemplate&LaunchTemplateData.UserData="
                + URLEncoder.encode(userData, StandardCharsets.UTF_8) + "&Other.UserData=" + innocent;

        String masked = redaction.apply(text);

        assertThat(masked).isEqualTo("Action=CreateLaunchTemplate&LaunchTemplateData.UserData=(sensitive)&Other.UserData="
                + innocent);
    }

    @Test
    void aShortSensitiveValueIsMaskedOnlyAsAWholeWord() {
        redaction.alsoMask(List.of("42", "s3cr3t-token"));

        assertThat(redaction.apply("port 42 of 4242, key s3cr3t-token, 142 ms"))
                .isEqualTo("port (sensitive) of 4242, key (sensitive), 142 ms");
    }

    @Test
    void aNettyHexDumpReadsAsTextAndTheSecretsInItAreMasked() {
        String body = "<AssumeRoleResponse><Credentials><SessionToken>" + TOKEN + "</SessionToken>"
                + "<SecretAccessKey>wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY</SecretAccessKey></Credentials></AssumeRoleResponse>";
        String dump = "[id: 0x1c2d3e4f, L:/127.0.0.1:50000 - R:/127.0.0.1:4566] READ: DefaultLastHttpContent, 300B\n"
                + ByteBufUtil.prettyHexDump(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));

        String readable = WireDump.readable(dump);

        assertThat(readable).isEqualTo("[id: 0x1c2d3e4f, L:/127.0.0.1:50000 - R:/127.0.0.1:4566] READ: DefaultLastHttpContent,"
                + " 300B\n" + body);
        assertThat(redaction.apply(readable)).contains("<SessionToken>****</SessionToken>")
                .doesNotContain("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY");
    }

    @Test
    void theLayoutMasksTheMessageAndTheTraceAndKeepsAJsonLineOnOneLine() {
        PatternLayout json = PatternLayout.newBuilder()
                .withPattern("{\"message\":\"%enc{%m}{JSON}\"}%n").withAlwaysWriteExceptions(false).build();
        LogEvent event = Log4jLogEvent.newBuilder()
                .setLoggerName("software.amazon.awssdk.request")
                .setLevel(Level.DEBUG)
                .setMessage(new SimpleMessage("Sending Authorization: AWS4-HMAC-SHA256 Credential=" + KEY_ID))
                .setThrown(new IllegalStateException("rejected token " + TOKEN))
                .build();

        String line = new RedactingLayout(json, redaction).toSerializable(event);

        assertThat(line).doesNotContain(KEY_ID, TOKEN).contains("Authorization: ****", "rejected token ****",
                "IllegalStateException");
        assertThat(line.strip().lines()).hasSize(1);
    }
}
