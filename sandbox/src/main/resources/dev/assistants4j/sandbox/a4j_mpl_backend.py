"""matplotlib backend of the assistants4j sandbox (MPLBACKEND=module://a4j_mpl_backend): Agg rendering, and
plt.show() turns the open figures into image outputs of the running cell instead of doing nothing."""

from matplotlib.backend_bases import _Backend
from matplotlib.backends.backend_agg import _BackendAgg


@_Backend.export
class _BackendA4j(_BackendAgg):
    @classmethod
    def show(cls, *args, **kwargs):
        import a4j_kernel

        a4j_kernel.show()
