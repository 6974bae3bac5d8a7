package dev.assistants4j.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seccomp filter of the sandbox, as the classic BPF program bubblewrap's {@code --seccomp} loads: system calls
 * that Python and its data stack (numpy, pandas, matplotlib, multiprocessing, subprocess) never need fail with
 * {@code EPERM}, everything else is allowed. The denied calls reach into other processes (ptrace, process_vm_*,
 * kcmp, pidfd_getfd), the kernel's state (modules, kexec, bpf, perf events, keyrings, clocks, host and domain names,
 * swap, quotas, accounting, syslog), mounts and namespaces, file handles, io_uring, userfaultfd and NUMA page moves;
 * {@code personality} is allowed only to query or set the default. Calls of another architecture than the host's
 * (32-bit {@code int 0x80}, x32) are all denied. Built for x86_64 and aarch64; on another architecture there is no
 * filter. Immutable.
 */
final class SeccompFilter {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    static final int RET_ALLOW = 0x7FFF0000;
    static final int RET_EPERM = 0x00050000 | 1;
    /** x32 system calls are x86_64's with this bit set. */
    static final int X32_SYSCALL_BIT = 0x40000000;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short RET_K = 0x06;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    /** The low 32 bits of the first argument (little-endian). */
    private static final int OFFSET_ARG0_LOW = 16;

    private static final int PERSONALITY_QUERY = 0xFFFFFFFF;
    private static final int PER_LINUX = 0;

    /** A denied call: its number on x86_64 and on aarch64 (-1: not there). */
    private record Syscall(String name, int x86_64, int aarch64) {}

    private static final List<Syscall> DENIED = List.of(
            new Syscall("ptrace", 101, 117),
            new Syscall("process_vm_readv", 310, 270),
            new Syscall("process_vm_writev", 311, 271),
            new Syscall("kcmp", 312, 272),
            new Syscall("pidfd_getfd", 438, 438),
            new Syscall("process_madvise", 440, 440),
            new Syscall("process_mrelease", 448, 448),
            new Syscall("mount", 165, 40),
            new Syscall("umount2", 166, 39),
            new Syscall("pivot_root", 155, 41),
            new Syscall("chroot", 161, 51),
            new Syscall("fsopen", 430, 430),
            new Syscall("fsconfig", 431, 431),
            new Syscall("fsmount", 432, 432),
            new Syscall("fspick", 433, 433),
            new Syscall("move_mount", 429, 429),
            new Syscall("open_tree", 428, 428),
            new Syscall("mount_setattr", 442, 442),
            new Syscall("unshare", 272, 97),
            new Syscall("setns", 308, 268),
            new Syscall("swapon", 167, 224),
            new Syscall("swapoff", 168, 225),
            new Syscall("reboot", 169, 142),
            new Syscall("kexec_load", 246, 104),
            new Syscall("kexec_file_load", 320, 294),
            new Syscall("init_module", 175, 105),
            new Syscall("finit_module", 313, 273),
            new Syscall("delete_module", 176, 106),
            new Syscall("create_module", 174, -1),
            new Syscall("get_kernel_syms", 177, -1),
            new Syscall("query_module", 178, -1),
            new Syscall("uselib", 134, -1),
            new Syscall("bpf", 321, 280),
            new Syscall("perf_event_open", 298, 241),
            new Syscall("keyctl", 250, 219),
            new Syscall("add_key", 248, 217),
            new Syscall("request_key", 249, 218),
            new Syscall("userfaultfd", 323, 282),
            new Syscall("acct", 163, 89),
            new Syscall("quotactl", 179, 60),
            new Syscall("quotactl_fd", 443, 443),
            new Syscall("nfsservctl", 180, 42),
            new Syscall("settimeofday", 164, 170),
            new Syscall("clock_settime", 227, 112),
            new Syscall("clock_adjtime", 305, 266),
            new Syscall("adjtimex", 159, 171),
            new Syscall("sethostname", 170, 161),
            new Syscall("setdomainname", 171, 162),
            new Syscall("iopl", 172, -1),
            new Syscall("ioperm", 173, -1),
            new Syscall("modify_ldt", 154, -1),
            new Syscall("syslog", 103, 116),
            new Syscall("vhangup", 153, 58),
            new Syscall("open_by_handle_at", 304, 265),
            new Syscall("name_to_handle_at", 303, 264),
            new Syscall("fanotify_init", 300, 262),
            new Syscall("io_uring_setup", 425, 425),
            new Syscall("io_uring_enter", 426, 426),
            new Syscall("io_uring_register", 427, 427),
            new Syscall("lookup_dcookie", 212, 18),
            new Syscall("move_pages", 279, 239),
            new Syscall("migrate_pages", 256, 238),
            new Syscall("ustat", 136, -1),
            new Syscall("sysfs", 139, -1),
            new Syscall("_sysctl", 156, -1));

    private static final int PERSONALITY_X86_64 = 135;
    private static final int PERSONALITY_AARCH64 = 92;

    private final byte[] program;

    private SeccompFilter(byte[] program) {
        this.program = program;
    }

    /** The filter for the architecture {@code osArch} (as {@code os.arch} names it), or empty when unsupported. */
    static Optional<SeccompFilter> forArch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(build(AUDIT_ARCH_X86_64, true));
            case "aarch64" -> Optional.of(build(AUDIT_ARCH_AARCH64, false));
            default -> Optional.empty();
        };
    }

    /** The filter for the JVM's architecture, or empty when unsupported. */
    static Optional<SeccompFilter> forHost() {
        return forArch(System.getProperty("os.arch"));
    }

    /** The program: {@code struct sock_filter} entries of 8 bytes, little-endian, as the kernel reads them. */
    byte[] program() {
        return program.clone();
    }

    private static SeccompFilter build(int auditArch, boolean x86) {
        List<Integer> numbers = DENIED.stream()
                .map(s -> x86 ? s.x86_64() : s.aarch64())
                .filter(n -> n >= 0)
                .toList();
        int personality = x86 ? PERSONALITY_X86_64 : PERSONALITY_AARCH64;
        // Layout: checks, then [allow] [deny] [personality: load arg, two allowed values, else deny].
        List<long[]> code = new ArrayList<>();
        int checks = 4 + (x86 ? 1 : 0) + numbers.size() + 1;
        int allow = checks;
        int deny = checks + 1;
        int personalityCheck = checks + 2;
        code.add(new long[] {LD_W_ABS, 0, 0, OFFSET_ARCH});
        code.add(new long[] {JEQ_K, 1, 0, auditArch});
        code.add(new long[] {RET_K, 0, 0, RET_EPERM}); // another architecture's calls
        code.add(new long[] {LD_W_ABS, 0, 0, OFFSET_NR});
        if (x86) code.add(jump(JGE_K, X32_SYSCALL_BIT, code.size(), deny, -1));
        for (int nr : numbers) code.add(jump(JEQ_K, nr, code.size(), deny, -1));
        code.add(jump(JEQ_K, personality, code.size(), personalityCheck, allow));
        code.add(new long[] {RET_K, 0, 0, RET_ALLOW});
        code.add(new long[] {RET_K, 0, 0, RET_EPERM});
        code.add(new long[] {LD_W_ABS, 0, 0, OFFSET_ARG0_LOW});
        code.add(new long[] {JEQ_K, 1, 0, PERSONALITY_QUERY & 0xFFFFFFFFL});
        code.add(new long[] {JEQ_K, 0, 1, PER_LINUX});
        code.add(new long[] {RET_K, 0, 0, RET_ALLOW});
        code.add(new long[] {RET_K, 0, 0, RET_EPERM});
        ByteBuffer buffer = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] insn : code) {
            buffer.putShort((short) insn[0])
                    .put((byte) insn[1])
                    .put((byte) insn[2])
                    .putInt((int) insn[3]);
        }
        return new SeccompFilter(buffer.array());
    }

    /**
     * A conditional jump at {@code at} comparing with {@code k}: to {@code whenTrue} if it holds, else to
     * {@code whenFalse} (-1: the next instruction).
     */
    private static long[] jump(short op, int k, int at, int whenTrue, int whenFalse) {
        int jt = whenTrue - at - 1;
        int jf = whenFalse < 0 ? 0 : whenFalse - at - 1;
        if (jt > 255 || jf > 255) throw new IllegalStateException("seccomp program too long for its jumps");
        return new long[] {op, jt, jf, k & 0xFFFFFFFFL};
    }
}
