package io.orderpipeline.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports that are free now, for tests that start processes, so they do not collide with a stack a
 * developer runs on the defaults. They are taken from 20000–32767, below the kernel's ephemeral range
 * (32768 up on Linux): a port the OS hands out for {@code new ServerSocket(0)} could be taken by any
 * outgoing connection before the process that is told to listen on it binds it.
 */
public final class FreePorts {

    private static final int LOW = 20000;
    private static final int HIGH = 32767;

    private FreePorts() {
    }

    /** @return one free port */
    public static int next() {
        return block(1);
    }

    /**
     * @param size how many consecutive ports are needed
     * @return the first of {@code size} consecutive ports that are all free now
     * @throws IllegalStateException if no such block is free
     */
    public static synchronized int block(int size) {
        int span = HIGH - LOW - size;
        int start = LOW + ThreadLocalRandom.current().nextInt(span);
        for (int tried = 0; tried < span; tried += size) {
            int base = LOW + (start - LOW + tried) % span;
            if (allFree(base, size)) {
                return base;
            }
        }
        throw new IllegalStateException("No " + size + " consecutive free ports between " + LOW + " and " + HIGH);
    }

    private static boolean allFree(int base, int size) {
        for (int port = base; port < base + size; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
            }
            catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
