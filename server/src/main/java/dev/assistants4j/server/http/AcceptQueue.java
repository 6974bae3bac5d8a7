package dev.assistants4j.server.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Gives the server's listening sockets a long accept queue ({@value #SIZE} connections, as far as the kernel's
 * {@code net.core.somaxconn} allows). Jetty's default leaves it to the JDK's 50: a burst of new streaming runs then
 * overflows it while the acceptor waits for a CPU, and the kernel drops or resets connections it had already
 * half-opened. A longer queue only lets a burst wait its turn; nothing is refused. Thread-safe (it acts once, as the
 * server starts).
 */
public final class AcceptQueue {

    static final int SIZE = 4096;

    private AcceptQueue() {}

    /** Sets the accept queue of every {@link ServerConnector} of {@code server} as it starts. */
    public static void install(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector listening && !listening.isOpen()) {
                        listening.setAcceptQueueSize(SIZE);
                    }
                }
            }
        });
    }
}
