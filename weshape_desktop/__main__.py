"""`python -m weshape_desktop` and the `weshape-desktop` script."""

import sys

# What `DemoServer` runs as `sys.executable -m …`. A frozen bundle has no interpreter to take
# `-m`: its one executable answers that command line itself.
SERVER_MODULE = ["-m", "weshape_desktop.server"]


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # preview workers are spawned; needed in a frozen build
    if getattr(sys, "frozen", False) and sys.argv[1:3] == SERVER_MODULE:
        from weshape_desktop.server.__main__ import main as serve

        return serve(sys.argv[3:])
    from weshape_desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
