import sys

if __name__ == "__main__":  # worker processes (spawn/forkserver) import this module as __mp_main__
    try:  # Ctrl-C while Python is still importing kiji.cli (before it installs its handler)
        from .cli import main
    except KeyboardInterrupt:
        print("kiji: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())
