package dev.scaffold.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the hex dumps of Netty's wire log (what {@code --debug-http} shows of HTTP bodies) back into
 * the text they show, so a person can read a body and a credential in it can be masked: in a dump
 * it is cut into rows of 16 bytes and no pattern could find it.
 */
final class WireDump {

    private static final Pattern ROW = Pattern.compile("\\|[0-9a-f]{8}\\|((?: [0-9a-f]{2}){1,16}) *\\|.*\\|");
    private static final Pattern FRAME = Pattern.compile(" *\\+[-+]+|  +\\|(?: +[0-9a-f]){16} +\\|");

    private WireDump() {
    }

    /** The message with each hex dump in it replaced by the text of its bytes; other messages as they are. */
    static String readable(String message) {
        if (!message.contains("+--------+")) {
            return message;
        }
        StringBuilder text = new StringBuilder(message.length() / 4);
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        for (String line : message.split("\\r?\\n", -1)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                for (String hex : row.group(1).strip().split(" ")) {
                    dump.write(Integer.parseInt(hex, 16));
                }
            } else if (!FRAME.matcher(line).matches()) {
                appendDump(text, dump);
                text.append(line).append('\n');
            }
        }
        appendDump(text, dump);
        return text.toString().stripTrailing();
    }

    private static void appendDump(StringBuilder text, ByteArrayOutputStream dump) {
        if (dump.size() == 0) {
            return;
        }
        String decoded = dump.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            text.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? '.' : c);
        }
        text.append('\n');
        dump.reset();
    }
}
