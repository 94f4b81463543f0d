"""`python -m sharecard`: the same entry as the `sharecard` console script."""

from sharecard.cli import main

if __name__ == "__main__":
    main()
