package dev.assistants4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The filter's program, run by a small classic-BPF interpreter on made-up system calls (the kernel runs it in the sandbox tests). */
class SeccompFilterTest {

    static final int READ_X86 = 0;
    static final int PTRACE_X86 = 101;
    static final int PERSONALITY_X86 = 135;
    static final int IO_URING_SETUP = 425;
    static final int READ_AARCH64 = 63;
    static final int PTRACE_AARCH64 = 117;

    @Test
    void x86_64_denies_the_listed_calls_and_allows_the_rest() {
        byte[] program = SeccompFilter.forArch("amd64").orElseThrow().program();

        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, READ_X86, 0)).isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, 57 /* fork */, 0))
                .isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, PTRACE_X86, 0)).isEqualTo(SeccompFilter.RET_EPERM);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, IO_URING_SETUP, 0))
                .isEqualTo(SeccompFilter.RET_EPERM);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, 448 /* process_mrelease, the last */, 0))
                .isEqualTo(SeccompFilter.RET_EPERM);
    }

    @Test
    void personality_may_only_query_or_set_the_default() {
        byte[] program = SeccompFilter.forArch("amd64").orElseThrow().program();

        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, PERSONALITY_X86, 0xFFFFFFFF))
                .isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, PERSONALITY_X86, 0))
                .isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, PERSONALITY_X86, 0x0040000 /* ADDR_NO_RANDOMIZE */))
                .isEqualTo(SeccompFilter.RET_EPERM);
    }

    @Test
    void other_architectures_and_x32_calls_are_denied() {
        byte[] program = SeccompFilter.forArch("amd64").orElseThrow().program();

        assertThat(run(program, 0x40000003 /* AUDIT_ARCH_I386 */, 3, 0)).isEqualTo(SeccompFilter.RET_EPERM);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, SeccompFilter.X32_SYSCALL_BIT | READ_X86, 0))
                .isEqualTo(SeccompFilter.RET_EPERM);
    }

    @Test
    void aarch64_uses_its_own_numbers_and_other_hosts_get_no_filter() {
        byte[] program = SeccompFilter.forArch("aarch64").orElseThrow().program();

        assertThat(run(program, SeccompFilter.AUDIT_ARCH_AARCH64, READ_AARCH64, 0))
                .isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_AARCH64, PTRACE_AARCH64, 0))
                .isEqualTo(SeccompFilter.RET_EPERM);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_AARCH64, PTRACE_X86 /* getitimer there */, 0))
                .isEqualTo(SeccompFilter.RET_ALLOW);
        assertThat(run(program, SeccompFilter.AUDIT_ARCH_X86_64, READ_AARCH64, 0))
                .isEqualTo(SeccompFilter.RET_EPERM);
        assertThat(SeccompFilter.forArch("riscv64")).isEmpty();
    }

    /** Runs {@code program} (the subset of classic BPF it uses) on a {@code struct seccomp_data}. */
    static int run(byte[] program, int arch, int nr, int arg0) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(16, arg0 & 0xFFFFFFFFL);
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(program.length % 8).isZero();
        int accumulator = 0;
        int pc = 0;
        while (true) {
            assertThat(pc * 8).as("jumped past the end").isLessThan(program.length);
            int op = code.getShort(pc * 8) & 0xFFFF;
            int jt = code.get(pc * 8 + 2) & 0xFF;
            int jf = code.get(pc * 8 + 3) & 0xFF;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> accumulator = data.getInt(k);
                case 0x15 -> pc += accumulator == k ? jt : jf;
                case 0x35 -> pc += Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
            pc++;
        }
    }
}
