package org.csirtdesk.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 between the application and a server (the test MariaDB), so that a test can take the
 * server away from the application without touching the server itself, which other tests and checkouts share:
 * {@link #cut()} closes every relayed connection and every new one at once (a stopped database, a lost
 * network), {@link #freeze()} keeps the connections open but passes no byte in either direction (a database
 * that hangs), {@link #restore()} relays again.
 */
public final class TcpRelay implements AutoCloseable {

    private enum State {
        OPEN,
        CUT,
        FROZEN
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile State state = State.OPEN;

    public TcpRelay(String targetHost, int targetPort) throws IOException {
        target = new InetSocketAddress(targetHost, targetPort);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-relay-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        state = State.CUT;
        sockets.forEach(TcpRelay::closeQuietly);
        sockets.clear();
    }

    public void freeze() {
        state = State.FROZEN;
    }

    public void restore() {
        synchronized (gate) {
            state = State.OPEN;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (state == State.CUT) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // Closed: the relay ends; a failed connection to the target ends that connection only.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int read; (read = in.read(buffer)) >= 0; ) {
                            awaitNotFrozen();
                            if (state == State.CUT) {
                                break;
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // The other side closed, or the relay was cut.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitNotFrozen() throws InterruptedException {
        synchronized (gate) {
            while (state == State.FROZEN) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }

    @Override
    public void close() throws IOException {
        restore();
        listener.close();
        cut();
    }
}
