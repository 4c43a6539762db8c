package dev.scaffold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process as a user would, capturing stdout, stderr and the exit code. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        return of(Map.of(), args);
    }

    static CommandLineRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ScaffoldCommand.commandLineFor(new Terminal(false, environment), args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
