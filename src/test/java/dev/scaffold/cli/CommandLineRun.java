package dev.scaffold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process as a user would, capturing stdout, stderr and the exit code. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        return of(Map.of(), args);
    }

    /** A run without a terminal, in a UTF-8 locale unless {@code environment} names another. */
    static CommandLineRun of(Map<String, String> environment, String... args) {
        return on(new Terminal(false, inUtf8(environment)), args);
    }

    /** A run on {@code terminal}, as given, with only the subcommand the arguments name built, as {@code Main} runs. */
    static CommandLineRun on(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ScaffoldCommand.commandLineFor(terminal, new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        int code = commandLine.execute(args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }

    static Map<String, String> inUtf8(Map<String, String> environment) {
        if (environment.containsKey("LANG") || environment.containsKey("LC_ALL") || environment.containsKey("LC_CTYPE")) {
            return environment;
        }
        Map<String, String> withLocale = new HashMap<>(environment);
        withLocale.put("LANG", "C.UTF-8");
        return withLocale;
    }
}
