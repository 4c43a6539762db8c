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
            assertThat(registration.exitCode(ExitCodes.INTERRUPTED)).isEqualTo(ExitCodes.INTERRUPTED);
        }
    }

    @Test
    void aSigtermDuringAnApplyActsLikeTheFirstCtrlCAndTheRunEnds143() throws InterruptedException {
        CountDownLatch heard = new CountDownLatch(1);

        try (Interrupts.Registration registration = Interrupts.onInterrupt(heard::countDown)) {
            Signal.raise(new Signal("TERM"));

            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(registration.exitCode(ExitCodes.OK)).isEqualTo(ExitCodes.TERMINATED);
            assertThat(registration.exitCode(ExitCodes.FAILURE)).isEqualTo(ExitCodes.TERMINATED);
        }
    }

    @Test
    void withoutASignalTheRunKeepsItsOwnExitCode() {
        try (Interrupts.Registration registration = Interrupts.onInterrupt(() -> { })) {
            assertThat(registration.exitCode(ExitCodes.FAILURE)).isEqualTo(ExitCodes.FAILURE);
        }
    }
}
