"""`python -m weshape_desktop` and the `weshape-desktop` script."""

import sys


def main() -> int:
    from weshape_desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
