"""`python -m weshape_desktop` and the `weshape-desktop` script."""

import sys


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # preview workers are spawned; needed in a frozen build
    from weshape_desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
