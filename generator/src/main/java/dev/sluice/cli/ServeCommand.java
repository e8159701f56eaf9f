package dev.sluice.cli;

import dev.sluice.serve.SluiceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Serves the generator to a browser and over HTTP: GET / is the page (the questions, the plan drawn live, "
                        + "Explore, Download, Share) and, to curl, the usage; /metadata, /plan, /chart.svg, /answers.yaml, "
                        + "/explore, /starter.zip and /starter.tgz take answers as parameters named as the answers file's keys, "
                        + "or as a JSON/YAML document. Binds to loopback unless --bind says otherwise. Ctrl-C stops it.",
                ""},
        footer = {"", "Exit codes: 2 bad input (the port taken, say), 1 internal error; otherwise it runs until stopped."})
final class ServeCommand implements Callable<Integer> {
    /** Loopback unless told otherwise: the server is for one machine until a team chooses to share it. */
    static final String DEFAULT_BIND = "127.0.0.1";

    private final Terminal terminal;

    @Option(names = "--port", paramLabel = "PORT", description = "The port. Default: ${DEFAULT-VALUE}.", defaultValue = "8080")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only); "
            + "0.0.0.0 for every interface.", defaultValue = DEFAULT_BIND)
    String bind;

    ServeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        SluiceServer server;
        try {
            server = SluiceServer.start(bind, port);
        } catch (IOException e) {
            throw new dev.sluice.answers.InvalidAnswerException("--port", port, "cannot be listened on at " + bind + " (" + e.getMessage() + ")",
                    "a free port, or --port 0 for any");
        } catch (UncheckedIOException e) {
            throw new dev.sluice.answers.InvalidAnswerException("--bind", bind, "cannot be listened on (" + e.getMessage() + ")",
                    "an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        terminal.out().println("Sluice serves http://" + server.address().getHostString() + ":" + server.address().getPort()
                + "/ (open it in a browser, or curl it for the usage; Ctrl-C stops it).");
        terminal.out().flush();
        stopped.await();
        return Main.OK;
    }
}
