package dev.sluice.cli;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.engine.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice}: exit 0 done, 2 bad input, 1 internal error, 3 done with findings a person must look at. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Generates a queue-buffered serverless API on AWS: API Gateway → SQS → a Java Lambda, "
                + "with every setting derived from your payload, consistency and throughput answers.",
        subcommands = {NewCommand.class, PlanCommand.class, UpdateCommand.class, AddCommand.class, DiffCommand.class, CheckCommand.class, ServeCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    /** Done, but a person must look: {@code update} left conflicts, {@code check} found drift. */
    public static final int NEEDS_ATTENTION = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(Terminal.system(), args));
    }

    /** Runs the CLI against a terminal; the one entry point tests call too. */
    public static int run(Terminal terminal, String... args) {
        Engine engine = new Engine();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == NewCommand.class) return cls.cast(new NewCommand(engine, terminal));
                if (cls == PlanCommand.class) return cls.cast(new PlanCommand(engine, terminal));
                if (cls == UpdateCommand.class) return cls.cast(new UpdateCommand(engine, terminal));
                if (cls == DiffCommand.class) return cls.cast(new DiffCommand(engine, terminal));
                if (cls == CheckCommand.class) return cls.cast(new CheckCommand(engine, terminal));
                if (cls == ServeCommand.class) return cls.cast(new ServeCommand(terminal));
                if (cls == AddCommand.Endpoint.class) return cls.cast(new AddCommand.Endpoint(engine, terminal));
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cli.setResourceBundle(new QuestionHelp());
        cli.setOut(terminal.out());
        cli.setErr(terminal.err());
        cli.setParameterExceptionHandler((e, a) -> {
            terminal.err().println("sluice: " + e.getMessage() + " (see 'sluice " + commandName(e.getCommandLine()) + "--help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidAnswerException bad) {
                terminal.err().println("sluice: " + bad.getMessage());
                return BAD_INPUT;
            }
            terminal.err().println("sluice: internal error: " + e);
            return INTERNAL_ERROR;
        });
        int code = cli.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    private static String commandName(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        return name.equals("sluice") ? "" : name.substring("sluice ".length()) + " ";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sluice " + Engine.version()};
        }
    }
}
