"""The assistants4j code interpreter driver: a small notebook kernel run inside the sandbox.

Protocol (one JSON object per line). Requests arrive on the original stdin; replies and log chunks leave on the
original stdout. Both are moved to private descriptors at start, so user code that prints, or reads stdin, never
touches the protocol: its stdout and stderr go to a fresh pipe per cell that a driver thread forwards as
{"type": "log"} messages.

  -> {"op": "exec", "code": "...", "cpuSeconds": 60, "maxOutputBytes": 65536}
  <- {"type": "log", "data": "..."}                 (any number, in the order the cell wrote them)
  <- {"type": "result", "error": null | "ValueError: ...", "images": [base64 png, ...],
      "files": ["name", ...], "outputBytes": n}
  -> {"op": "preload", "modules": ["numpy", ...]}
  <- {"type": "preloaded"}
  -> {"op": "create", "dirs": ["sub", ...], "names": ["data.csv", "sub/x", ...]}  (made empty, for the host to fill)
  <- {"type": "created", "error": null | "..."}

Limits are applied once, before any user code runs: address space, processes, file size, no core dumps. CPU time is
a soft limit per cell; the host enforces the wall time (and kills the whole sandbox when it is exceeded).
"""

import ast
import base64
import codecs
import io
import json
import math
import os
import resource
import signal
import sys
import threading
import time
import traceback
import types

DATA_DIR = os.environ.get("A4J_DATA_DIR", "/mnt/data")
DRIVER_DIR = os.path.dirname(os.path.abspath(__file__))
MAX_TRACKED_FILES = 10000
_lock = threading.Lock()
_proto = None
_driver_pid = os.getpid()
_own_pid_namespace = False
_in_cell = False


class CpuTimeExceeded(BaseException):
    """Raised in the cell when its CPU time limit is reached."""


def send(message):
    line = json.dumps(message, ensure_ascii=True) + "\n"
    with _lock:
        _proto.write(line)
        _proto.flush()


def apply_limits(limits):
    def limit(which, value):
        if value and value > 0:
            resource.setrlimit(which, (value, value))

    limit(resource.RLIMIT_AS, limits.get("memoryBytes"))
    limit(resource.RLIMIT_NPROC, limits.get("maxProcesses"))
    limit(resource.RLIMIT_FSIZE, limits.get("maxFileBytes"))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def cpu_used():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def on_sigxcpu(signum, frame):
    # Lift the soft limit so that the signal is not repeated while the exception unwinds.
    resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    if _in_cell:  # never in the driver's own code around the cell
        raise CpuTimeExceeded("CPU time limit exceeded")


def snapshot():
    seen = {}

    def walk(path):
        try:
            entries = list(os.scandir(path))
        except OSError:
            return
        for entry in entries:
            if len(seen) >= MAX_TRACKED_FILES:
                return
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    seen[os.path.relpath(entry.path, DATA_DIR)] = (st.st_mtime_ns, st.st_size, st.st_ino)
            except OSError:
                pass

    walk(DATA_DIR)
    return seen


def pump(read_fd, max_bytes, counter):
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    while True:
        try:
            chunk = os.read(read_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        remaining = max_bytes - counter[0]
        counter[0] += len(chunk)
        if remaining > 0:
            text = decoder.decode(chunk[:remaining])
            if text:
                send({"type": "log", "data": text})
    tail = decoder.decode(b"", final=True)
    if tail and counter[0] <= max_bytes:
        send({"type": "log", "data": tail})
    os.close(read_fd)


def capture_figures(images):
    """Saves every open matplotlib figure as a PNG image output and closes it."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    for number in list(pyplot.get_fignums()):
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        try:
            figure.savefig(buffer, format="png")
            images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        finally:
            pyplot.close(figure)


class Kernel:
    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        self.images = None
        self.cell = 0

    def show(self):
        """matplotlib's plt.show() (through the a4j_mpl_backend backend)."""
        if self.images is not None:
            capture_figures(self.images)

    def run_code(self, code):
        global _in_cell
        _in_cell = True
        try:
            self.run_cell(code)
        finally:
            _in_cell = False

    def run_cell(self, code):
        self.cell += 1
        filename = "<cell %d>" % self.cell
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), self.namespace)
        if last is not None:
            value = eval(compile(last, filename, "eval"), self.namespace)
            if value is not None:
                self.namespace["_"] = value
                print(repr(value))

    def execute(self, request):
        before = snapshot()
        read_fd, write_fd = os.pipe()
        os.set_inheritable(write_fd, True)
        os.dup2(write_fd, 1)
        os.dup2(write_fd, 2)
        os.close(write_fd)
        counter = [0]
        reader = threading.Thread(target=pump, args=(read_fd, int(request.get("maxOutputBytes", 65536)), counter))
        reader.daemon = True
        reader.start()
        self.images = []
        error = None
        cpu = request.get("cpuSeconds")
        try:
            if cpu:
                soft = int(math.ceil(cpu_used() + cpu))
                resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))
            try:
                self.run_code(request["code"])
                capture_figures(self.images)
            finally:
                if os.getpid() != _driver_pid:
                    os._exit(1)
        except BaseException as exc:  # the model sees every failure of its code, SystemExit included
            error = describe(exc)
            print_traceback(exc)
            try:
                capture_figures(self.images)
            except BaseException:
                pass
        finally:
            resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        flush_std()
        kill_other_processes()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
        reader.join(5)  # only a descriptor the code duplicated itself keeps the pipe open longer
        after = snapshot()
        files = sorted(name for name, stat in after.items() if before.get(name) != stat)
        images, self.images = self.images, None
        send({"type": "result", "error": error, "images": images, "files": files, "outputBytes": counter[0]})


def describe(exc):
    """One line for the model: the exception type and the first non-blank line of its message."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = type(exc).__name__ + (": " + lines[0] if lines else "")
    return text if len(text) <= 300 else text[:297] + "..."


def print_traceback(exc):
    """Prints the traceback like the Python REPL would, without the driver's own frames."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(DRIVER_DIR):
        tb = tb.tb_next
    if isinstance(exc, SyntaxError):
        lines = traceback.format_exception_only(type(exc), exc)
    else:
        frames = [frame for frame in traceback.extract_tb(tb) if not frame.filename.startswith(DRIVER_DIR)]
        lines = ["Traceback (most recent call last):\n"] if frames else []
        lines += traceback.format_list(frames)
        lines += traceback.format_exception_only(type(exc), exc)
    try:
        sys.stderr.write("".join(lines))
    except BaseException:
        pass


def flush_std():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def kill_other_processes():
    """Ends every process the cell left behind (background jobs, a fork bomb) before the cell counts as done.
    Only in the sandbox's own pid namespace, where they are the only other processes (but its init) there are."""
    if not _own_pid_namespace:
        reap()
        return
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        except OSError:
            pass
        reap()
        if not other_processes():
            return
        time.sleep(0.005)


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def other_processes():
    me = os.getpid()
    return [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


def create_files(dirs, names):
    """Makes dirs, then replaces each of names with a new, empty, regular file (relative paths in the data
    directory; the sandbox's own, so a link in them can lead nowhere else)."""
    for path in list(dirs) + list(names):
        if not path or path.startswith("/") or any(part in ("", ".", "..") for part in path.split("/")):
            return "not a plain relative path: %r" % path
    try:
        for name in dirs:
            os.makedirs(os.path.join(DATA_DIR, name), exist_ok=True)
        for name in names:
            path = os.path.join(DATA_DIR, name)
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            os.fchmod(fd, 0o644)
            os.close(fd)
    except OSError as exc:
        return "%s: %s" % (os.path.relpath(exc.filename or DATA_DIR, DATA_DIR), exc.strerror or exc)
    return None


def main():
    global _proto, _own_pid_namespace
    limits = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    _own_pid_namespace = bool(limits.get("ownPidNamespace")) and os.getpid() == 2
    proto_fd = os.dup(1)
    request_fd = os.dup(0)
    null_in = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_in, 0)
    os.close(null_in)
    null_out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null_out, 1)
    os.close(null_out)
    _proto = os.fdopen(proto_fd, "w", encoding="utf-8")
    requests = os.fdopen(request_fd, "r", encoding="utf-8")

    def in_child():
        # A process forked by user code must never speak the protocol.
        for fd in (proto_fd, request_fd):
            try:
                os.close(fd)
            except OSError:
                pass

    os.register_at_fork(after_in_child=in_child)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True, write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True, write_through=True)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.path.insert(0, DRIVER_DIR)
    apply_limits(limits)
    signal.signal(signal.SIGXCPU, on_sigxcpu)
    kernel = Kernel()
    hooks = types.ModuleType("a4j_kernel", "Hooks the sandbox's matplotlib backend calls.")
    hooks.show = kernel.show
    sys.modules["a4j_kernel"] = hooks
    try:
        os.chdir(DATA_DIR)
    except OSError:
        pass
    send({"type": "ready", "pid": os.getpid()})
    for line in requests:
        request = json.loads(line)
        op = request.get("op")
        if op == "exec":
            kernel.execute(request)
        elif op == "preload":
            for module in request.get("modules", []):
                try:
                    __import__(module)
                except BaseException:
                    pass
            send({"type": "preloaded"})
        elif op == "create":
            send({"type": "created", "error": create_files(request.get("dirs", []), request.get("names", []))})
        else:
            send({"type": "error", "message": "unknown op %r" % op})


if __name__ == "__main__":
    main()
