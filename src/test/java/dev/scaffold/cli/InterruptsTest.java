package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class InterruptsTest {

    @Test
    void theFirstCtrlCAsksTheRunToStopInsteadOfEndingTheProcess() throws InterruptedException {
        CountDownLatch heard = new CountDownLatch(1);

        try (Interrupts.Registration registration = Interrupts.onInterrupt(heard::countDown)) {
            Signal.raise(new Signal("INT"));

            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
